// The one page every webview of the extension loads: a strict Content-Security-Policy with a
// fresh nonce and no remote resources. Shared by the extension and the browser tests so both
// load exactly the same page.
import { randomBytes } from 'node:crypto';
import { PAGE_STRINGS_ID, type PageStrings } from '../protocol';

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
export function webviewPage(r: PageResources, page: { title: string; img?: string; strings?: PageStrings }): string {
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
${page.strings ? `<script type="application/json" id="${PAGE_STRINGS_ID}">${scriptJson(page.strings)}</script>\n` : ''}<script nonce="${nonce}" src="${attr(r.scriptUri)}"></script>
</body>
</html>`;
}

/** JSON that cannot end its <script> element early: every '<' (and the line separators) as an escape. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
