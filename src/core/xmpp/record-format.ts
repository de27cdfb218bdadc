import { compactXml, prettyPrint } from '../xml/pretty';
import { recordHead, type SessionNotice, type StanzaRecord, type WrapperRecord } from './stanza-record';

/** Longest stanza shown whole in an output; the transcript always keeps everything. */
export const MAX_SHOWN_CHARS = 64 * 1024;

/**
 * A stanza as the output channel and the CLI show it: a transcript-style header line
 * (time, direction, rid) and the decoded stanza pretty-printed below, so the text can be
 * read back by the finder as the 'transcript' dialect.
 */
export function formatRecord(r: StanzaRecord): string {
  const layers = r.layers ? `  (${r.layers} escaped layer${r.layers > 1 ? 's' : ''} decoded)` : '';
  return `${recordHead(r)}${layers}\n${prettyPrint(r.stanza, { maxChars: MAX_SHOWN_CHARS, markLayers: r.layers > 0 })}`;
}

export function formatWrapper(w: WrapperRecord): string {
  return `${recordHead(w)} ${w.tag}${w.stanzas ? `  (${w.stanzas} stanza${w.stanzas > 1 ? 's' : ''})` : ''}`;
}

export function formatNotice(n: SessionNotice): string {
  return `${n.time} ${n.level === 'info' ? '--' : n.level === 'warning' ? '!!' : '**'} ${n.text}`;
}

/** One NDJSON object per stanza, for scripts: `rid` over BOSH, `connection` over a WebSocket. */
export function recordJson(r: StanzaRecord): string {
  const via = r.rid !== undefined ? { rid: r.rid } : { connection: r.connection };
  return JSON.stringify({ time: r.time, direction: r.direction, ...via, layers: r.layers, xml: compactXml(r.stanza) });
}
