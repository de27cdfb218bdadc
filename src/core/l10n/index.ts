/**
 * The one translation hook of core text (summaries, explanations, findings, messages). The CLI leaves it as is, so
 * its output stays English; the extension installs `vscode.l10n.t` at activation, and hands its bundle to workers.
 * Written `l10n.t('…{0}…', arg)` like `vscode.l10n.t`, so one string extractor reads core and host alike.
 */
import { isolateRightToLeft } from './bidi';

export { FSI, PDI, hasRightToLeft, isolateRightToLeft } from './bidi';

export type Translator = (message: string, args: readonly (string | number | boolean)[]) => string;

/** `{0}`, `{1}`… replaced by the arguments, as `vscode.l10n.t` does; an argument that is missing leaves its slot. */
export function formatMessage(message: string, args: readonly (string | number | boolean)[]): string {
  if (!args.length) return message;
  return message.replace(/\{(\d+)\}/g, (slot, n: string) => (Number(n) < args.length ? String(args[Number(n)]) : slot));
}

let translator: Translator = formatMessage;

export const l10n = {
  t(message: string, ...args: (string | number | boolean)[]): string {
    return translator(message, args);
  },
};

/** Installs the translator (the extension's `vscode.l10n.t`, or a bundle lookup in a worker); undefined restores English. */
export function setTranslator(next: Translator | undefined): void {
  translator = next ?? formatMessage;
}

/** A translator over a loaded bundle (`l10n/bundle.l10n.<lang>.json`: English message → translation), for workers. */
export function bundleTranslator(bundle: Readonly<Record<string, string>>): Translator {
  return (message, args) => formatMessage(Object.hasOwn(bundle, message) ? bundle[message] : message, args);
}

/**
 * A translator whose slots isolate right-to-left values, for the editor's views (hover, Inspector, Problems, Sessions
 * view), where an Arabic name would otherwise reorder the sentence around it. The CLI installs none: a terminal
 * may show the isolate marks as boxes, and its output stays byte for byte what it was.
 */
export function isolatingTranslator(inner: Translator): Translator {
  return (message, args) => inner(message, args.map((a) => (typeof a === 'string' ? isolateRightToLeft(a) : a)));
}
