// The timeline page: the Inspector's policy plus blob: images, which the PNG export needs to
// draw its SVG onto a canvas. Nothing else may load.
import { webviewPage, type PageResources } from '../webview-page';

export function timelineHtml(r: PageResources): string {
  return webviewPage(r, { title: 'Session Timeline', img: 'blob:' });
}
