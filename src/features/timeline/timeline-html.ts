// The timeline page: the Inspector's Content-Security-Policy, plus blob: images, which the PNG
// export needs to draw its SVG onto a canvas. Nothing else may load.
import { newNonce, type PageResources } from '../inspector/inspector-html';

export function timelineHtml(r: PageResources): string {
  const nonce = r.nonce ?? newNonce();
  const csp = [`default-src 'none'`, `style-src ${r.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src blob:`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(r.styleUri)}">
<title>Session Timeline</title>
</head>
<body>
<script nonce="${nonce}" src="${attr(r.scriptUri)}"></script>
</body>
</html>`;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
