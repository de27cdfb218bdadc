import type { VocabularyEntry } from './entry';
import { OPENFIRE } from './openfire';
import { OPENFIRE_WEBSOCKET } from './openfire-websocket';
import { PROSODY, PROSODY_WEBSOCKET } from './prosody';
import { EJABBERD, EJABBERD_WEBSOCKET } from './ejabberd';
import { MONGOOSEIM } from './mongooseim';
import { TIGASE } from './tigase';
import { NODE_XMPP_BOSH } from './node-xmpp-bosh';
import { BROWSER_CONSOLE } from './browser-console';
import { FINESSE } from './finesse';

/** Every string diagnosis reads, one list per server, client and Finesse. */
export const VOCABULARY: readonly VocabularyEntry[] = [
  ...OPENFIRE, ...OPENFIRE_WEBSOCKET, ...PROSODY, ...PROSODY_WEBSOCKET, ...EJABBERD, ...EJABBERD_WEBSOCKET, ...MONGOOSEIM, ...TIGASE, ...NODE_XMPP_BOSH, ...BROWSER_CONSOLE, ...FINESSE,
];
