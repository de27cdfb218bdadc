// The live-session code (src/core/live.ts), loaded from its own bundle on first use: see build.mjs.
import { join } from 'node:path';
import type * as Live from '../../core/live';

let loaded: typeof Live | undefined;

/** The BOSH and WebSocket clients, TLS trust, SASL and discovery; the first call loads them (a few milliseconds). */
export function liveCode(): typeof Live {
  // A require() of a computed path, which esbuild leaves as it is: dist/live.js beside dist/extension.js.
  loaded ??= require(join(__dirname, 'live.js')) as typeof Live;
  return loaded;
}
