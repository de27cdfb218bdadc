// The Inspector page: no images or fonts, so none may load.
import { webviewPage, type PageResources } from '../webview-page';

export type { PageResources } from '../webview-page';

export function inspectorHtml(r: PageResources): string {
  return webviewPage(r, { title: 'Stanza Inspector' });
}
