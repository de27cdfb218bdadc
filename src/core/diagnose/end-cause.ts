import { l10n } from '../l10n';
import type { EndCause, Moment, Session } from '../sessions/model';
import { durationText } from '../sessions/moment';
import type { MergedSession, Placer } from './merge';

export type Signal = MergedSession['signals'][number];

/** When nothing says how a session ended: the longest silence after an answer that still counts as alive. */
const DEFAULT_ALIVE_MS = 120_000;

export interface CauseChoice {
  cause: EndCause;
  signal?: Signal;
  /** Later signals worth naming: the request that found the session gone. */
  after: Signal[];
  /** Why it is open or unknown, in words, when no signal decided. */
  words?: string;
  /** Set when an inactivity timeout is inferred from the client's silence (local ms of the signal's file). */
  inferred?: { ms: number; from?: Moment };
}

/**
 * One end cause per session, in this order: the server's own record of why it closed the
 * session, then the condition it sent, then what the client saw. Within one weight the
 * earliest wins: a request that found the session already gone comes after why it went.
 */
export function chooseCause(m: MergedSession, place: Placer, evidenceEnd: Map<string, number | undefined>): CauseChoice {
  const signals = [...m.signals].sort((a, b) => Math.floor(a.authority * 2) - Math.floor(b.authority * 2) || compareTime(a, b, place));
  // The client's own terminate ends the session, unless the server had ended it before (by weight, an answer to it such as other-request does not count).
  const logout = m.signals.find((x) => x.cause === 'client-logout' && x.authority === 3);
  const earlier = logout && m.signals.some((x) => x !== logout && x.authority < 3 && place.before(x.mark, logout.mark) === true);
  const best = logout && !earlier ? logout : signals[0];
  if (best) {
    const after = m.signals.filter((s) => s !== best && place.before(best.mark, s.mark) === true).sort((a, b) => compareTime(a, b, place));
    return { cause: best.cause, signal: best, after };
  }
  const s = m.session;
  const closed = m.parts.find((p) => p.closedAt);
  if (closed) return { cause: 'unknown', after: [], words: l10n.t('the server recorded the session closed without saying why') };
  return openOrUnknown(m, s, evidenceEnd);
}

function openOrUnknown(m: MergedSession, s: Session, evidenceEnd: Map<string, number | undefined>): CauseChoice {
  // A request still held when the evidence ends: the session was alive then.
  const held = m.parts.find((p) => p.open.some((o) => o.marker !== 'terminate'));
  const alive = (s.params.inactivity ?? 0) * 1000 || (s.params.wait !== undefined ? (s.params.wait + 30) * 1000 : DEFAULT_ALIVE_MS);
  let silent: number | undefined;
  for (const p of m.parts) {
    const end = evidenceEnd.get(p.file);
    const last = p.lastResponse?.local ?? p.lastRequest?.local;
    if (end !== undefined && last !== undefined) silent = Math.max(silent ?? 0, end - last);
  }
  if (held) return { cause: 'open', after: [], words: l10n.t('a request was still held by the server where the evidence ends') };
  if (s.transport === 'websocket') {
    // A socket needs no traffic to live, and a Chromium HAR records no close: a long silence is said, not judged.
    if (silent === undefined || silent <= DEFAULT_ALIVE_MS) {
      const words = silent === undefined ? l10n.t('nothing in these files says the socket closed') : l10n.t('the socket was still open where the capture ends: its last frame came {0} before the end, and nothing closed the stream', durationText(silent));
      return { cause: 'open', after: [], words };
    }
    return { cause: 'unknown', after: [], words: l10n.t('its frames stopped {0} before the capture ends, and nothing here closed the stream or says the socket closed (a Chromium HAR records no close frames)', durationText(silent)) };
  }
  if (silent === undefined || silent <= alive) {
    const words = silent === undefined ? l10n.t('nothing in these files says it ended') : l10n.t('the last exchange was {0} before the evidence ends, within the {1} a session lives without requests', durationText(silent), durationText(alive));
    return { cause: 'open', after: [], words };
  }
  return { cause: 'unknown', after: [], words: l10n.t('nothing came for {0} after the last exchange, longer than the {1} a session lives without requests, but no file here says how it ended', durationText(silent), durationText(alive)) };
}

function compareTime(a: Signal, b: Signal, place: Placer): number {
  if (a.utc !== undefined && b.utc !== undefined && a.utc !== b.utc) return a.utc - b.utc;
  const before = place.before(a.mark, b.mark);
  if (before !== undefined) return before ? -1 : a.mark.file === b.mark.file && a.mark.line === b.mark.line ? a.order - b.order : 1;
  return a.authority - b.authority || a.order - b.order;
}
