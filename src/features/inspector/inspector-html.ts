// The Inspector page: no images or fonts, so none may load.
import type { PageStrings } from '../../protocol';
import { webviewPage, type PageResources } from '../webview-page';

export type { PageResources } from '../webview-page';

/** `strings`: the page's words in the editor's language (English without them). */
export function inspectorHtml(r: PageResources, strings?: PageStrings): string {
  return webviewPage(r, { title: 'Stanza Inspector', strings });
}
