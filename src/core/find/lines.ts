/** A line longer than this is handed on in pieces: V8 strings cannot grow without bound. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

/**
 * Splits a byte stream into lines, in batches (one per chunk) so a fast reader does not pay
 * for one promise per line. Handles \n and \r\n; a last line without newline is kept. A line
 * beyond `maxLine` characters is cut into pieces; the finder reads the pieces after the first
 * as continuation lines, so a fragment spanning the cut is still found.
 */
export async function* splitLines(input: AsyncIterable<Uint8Array | string>, maxLine = MAX_LINE_CHARS): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    // Only the new text is split: a long line arriving in many chunks is joined once, when it
    // ends, instead of being copied and searched again with every chunk.
    let lines: string[] = [];
    if (text.indexOf('\n') < 0) rest += text;
    else {
      lines = text.split('\n');
      lines[0] = rest + lines[0];
      rest = lines.pop()!;
      for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
    }
    while (rest.length > maxLine) {
      lines.push(rest.slice(0, maxLine));
      rest = rest.slice(maxLine);
    }
    if (lines.length) yield lines;
  }
  rest += decoder.decode();
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  if (rest.length) yield [rest];
}
