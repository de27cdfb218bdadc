// Which session a fragment belongs to: a BOSH sid, a WebSocket connection, or none.
import type { Fragment } from '../fragment';
import type { Description } from '../describe';

export interface SessionKey {
  id: string;
  name: string;
}

export const NO_SESSION: SessionKey = { id: '', name: 'no session' };

/**
 * Reads fragments in log order. A BOSH answer rarely repeats its sid, so a `<body>` without one
 * belongs to the BOSH session named last; anything else with neither a sid nor a connection has no session.
 */
export class SessionKeys {
  private lastSid: string | undefined;

  keyOf(f: Fragment, d: Description): SessionKey {
    const connection = f.socket?.connection;
    if (connection !== undefined) return { id: `ws:${connection}`, name: `WebSocket connection ${connection}` };
    const sid = d.bosh?.sid;
    if (sid) this.lastSid = sid;
    const bosh = sid ?? (d.bosh && this.lastSid);
    if (bosh) return { id: `bosh:${bosh}`, name: `BOSH session ${bosh}` };
    return NO_SESSION;
  }
}
