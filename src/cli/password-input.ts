// Where connect's password comes from: the first line of stdin (--password-stdin), or a prompt
// on a terminal that echoes nothing. Both take a readable and a writable, so they can be tested
// without a terminal.

/** Ctrl-C at the prompt. */
export class PromptAborted extends Error {
  constructor() {
    super('the password prompt was interrupted');
  }
}

export interface PromptInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** The first line of `input` (without its line break); what follows it is left unread. */
export async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const nl = text.search(/\r?\n/);
    if (nl >= 0) return text.slice(0, nl);
  }
  return text;
}

/**
 * Writes `question` to `output` and reads a line from `input` in raw mode, echoing nothing (not
 * even '*'). Enter ends it, Backspace takes back a character, Ctrl-U the whole line, Ctrl-D on an
 * empty line ends it empty; Ctrl-C rejects with PromptAborted. Raw mode is always turned off again.
 */
export function promptHidden(input: PromptInput, output: NodeJS.WritableStream, question: string): Promise<string> {
  output.write(question);
  const raw = typeof input.setRawMode === 'function';
  if (raw) input.setRawMode!(true);
  input.resume();
  return new Promise<string>((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.off('end', onEnd);
      if (raw) input.setRawMode!(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onEnd = () => finish();
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        switch (ch) {
          case '\r':
          case '\n':
            return finish();
          case '\u0003':
            return finish(new PromptAborted());
          case '\u0004':
            if (typed === '') return finish();
            break;
          case '\u007f':
          case '\b':
            typed = [...typed].slice(0, -1).join('');
            break;
          case '\u0015':
            typed = '';
            break;
          default:
            if (ch >= ' ') typed += ch;
        }
      }
    };
    input.on('data', onData);
    input.on('end', onEnd);
  });
}
