// The timeline page: the Inspector's policy plus blob: images, which the PNG export needs to
// draw its SVG onto a canvas. Nothing else may load.
import type { PageStrings } from '../../protocol';
import { webviewPage, type PageResources } from '../webview-page';

/** `strings`: the page's words in the editor's language (English without them). */
export function timelineHtml(r: PageResources, strings?: PageStrings): string {
  return webviewPage(r, { title: 'Session Timeline', img: 'blob:', strings });
}
