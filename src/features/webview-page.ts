// The one page every webview of the extension loads: a strict Content-Security-Policy with a
// fresh nonce and no remote resources. Shared by the extension and the browser tests so both
// load exactly the same page.
import { randomBytes } from 'node:crypto';

export interface PageResources {
  /** `webview.cspSource`: the only origin styles may come from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** `img` widens the policy for images, and only as far as a page needs (the timeline's PNG export: `blob:`). */
export function webviewPage(r: PageResources, page: { title: string; img?: string }): string {
  const nonce = r.nonce ?? newNonce();
  const csp = [`default-src 'none'`, `style-src ${r.cspSource}`, `script-src 'nonce-${nonce}'`, ...(page.img ? [`img-src ${page.img}`] : [])].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(r.styleUri)}">
<title>${attr(page.title)}</title>
</head>
<body>
<script nonce="${nonce}" src="${attr(r.scriptUri)}"></script>
</body>
</html>`;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
