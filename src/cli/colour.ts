// Colour on standard output: on a terminal, unless NO_COLOR is set (any non-empty value);
// FORCE_COLOR forces it on a pipe too, and FORCE_COLOR=0 turns it off. --json is never coloured.

export interface ColourEnv {
  NO_COLOR?: string;
  FORCE_COLOR?: string;
}

export function wantsColour(env: ColourEnv = process.env, isTTY = process.stdout.isTTY === true): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY;
}

const SGR = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', blue: '34', magenta: '35', cyan: '36' } as const;
export type Style = keyof typeof SGR;

export function paint(text: string, ...styles: Style[]): string {
  return `\x1b[${styles.map((s) => SGR[s]).join(';')}m${text}\x1b[0m`;
}

const TIME = /^\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?$|^\d\d-\d\d [\d:.]+$/;

/** The header of one decoded record (time, direction) and its root element's name (its kind). */
export function paintDecodedText(record: string): string {
  const nl = record.indexOf('\n');
  if (!record.startsWith('── ') || nl < 0) return record;
  const head = record
    .slice(3, nl)
    .split(' · ')
    .map((part) => {
      if (TIME.test(part)) return paint(part, 'cyan');
      if (/^sent\b/.test(part)) return paint(part, 'yellow');
      if (/^received\b/.test(part)) return paint(part, 'green');
      if (/^PARTIAL/.test(part)) return paint(part, 'red');
      return part;
    })
    .join(' · ');
  const body = record.slice(nl + 1).replace(/^(\s*<)([\w.:-]+)/, (_, lt: string, name: string) => lt + paint(name, 'bold'));
  return `${paint('──', 'dim')} ${head}\n${body}`;
}

/** scan's report: session headers, times, who spoke, warnings and errors, the end cause. */
export function paintReport(report: string): string {
  return report
    .split('\n')
    .map((line) => {
      if (line.startsWith('── ')) return paint(line, 'bold');
      const end = /^(\s+END )(\S+)(.*)$/.exec(line);
      if (end) return end[1] + paint(end[2], 'bold', 'magenta') + end[3];
      const event = /^(\s+)(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?)( \S+)(\s+)(✖|!)?(.*)$/.exec(line);
      if (!event) return line;
      const [, indent, time, who, gap, mark, rest] = event;
      const marked = mark === '✖' ? paint(mark, 'red') : mark === '!' ? paint(mark, 'yellow') : '';
      return `${indent}${paint(time, 'cyan')}${paint(who, 'blue')}${gap}${marked}${rest}`;
    })
    .join('\n');
}
