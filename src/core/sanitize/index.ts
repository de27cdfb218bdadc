// A log or HAR capture rewritten with its credentials hidden, ready to attach to a support
// case: a log line by line, a HAR entry by entry, both streamed.
import { StringDecoder } from 'node:string_decoder';
import { looksLikeHar } from '../find/har';
import type { HiddenSecret } from '../sasl/hidden';
import { HarSanitizer } from './har-stream';
import { LogSanitizer } from './log-lines';

export interface SanitizeReport {
  /** What the input was read as. */
  read: 'har' | 'log';
  /** Whose credentials were hidden. */
  hidden: HiddenSecret[];
  /** Lines of a log, or entries of a HAR, that had something hidden. */
  changed: number;
}

/** Where the cleaned text goes: resolves once it may take more (back-pressure). */
export type Sink = (text: string) => Promise<void> | void;

/** Reads the input once, writing the cleaned copy to `write` as it goes. */
export async function sanitize(input: AsyncIterable<Uint8Array | string>, write: Sink): Promise<SanitizeReport> {
  const decoder = new StringDecoder('utf8');
  let har: HarSanitizer | undefined;
  let log: LogSanitizer | undefined;
  let pending = '';
  let decided = false;
  const feed = async (text: string, last: boolean) => {
    if (!decided) {
      pending += text;
      if (pending.length < 4096 && !last) return;
      decided = true;
      if (looksLikeHar(pending.slice(0, 4096))) har = new HarSanitizer();
      else log = new LogSanitizer();
      text = pending;
      pending = '';
    }
    if (har) {
      const out = har.push(text) + (last ? har.end() : '');
      if (out) await write(out);
      return;
    }
    // A log is cleaned whole lines at a time; a line's line break stays as it was (\n or \r\n).
    pending += text;
    const cut = last ? pending.length : pending.lastIndexOf('\n') + 1;
    if (cut <= 0) return;
    const block = pending.slice(0, cut);
    pending = pending.slice(cut);
    const out = block.replace(/[^\n]*?(?=\r?\n|$)/g, (line, offset: number) => (line === '' && offset === block.length ? '' : log!.line(line)));
    await write(out);
  };
  for await (const chunk of input) await feed(typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk)), false);
  await feed(decoder.end(), true);
  if (har) return { read: 'har', hidden: har.hidden, changed: har.changed };
  return { read: 'log', hidden: log?.hidden ?? [], changed: log?.changed ?? 0 };
}

/** Where a sanitised copy goes unless told: debug.log → debug.sanitized.log, capture.har → capture.sanitized.har. */
export function sanitizedName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? `${path.slice(0, dot)}.sanitized${path.slice(dot)}` : `${path}.sanitized`;
}
