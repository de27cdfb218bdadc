// A private Prosody on loopback for the extension-host suite's live sessions. The runner starts it (outside the
// host, which cannot spawn and stop it cleanly) and names it through the environment, which the VS Code server
// hands on to its extension host; XMPP_SUITE_LOGS says where the host's logs, and so its output channels' files, go.
import { Prosody } from '../live/prosody';

export interface SuiteProsody {
  dispose(): Promise<void>;
}

/** Starts Prosody and sets the variables; without Prosody, says why in XMPP_SUITE_PROSODY_MISSING for the test to report. */
export async function startSuiteProsody(logsDir: string): Promise<SuiteProsody> {
  process.env.XMPP_SUITE_LOGS = logsDir;
  const prosody = new Prosody();
  try {
    await prosody.start();
  } catch (e) {
    process.env.XMPP_SUITE_PROSODY_MISSING = (e as Error).message.split('\n')[0];
    return { dispose: () => prosody.dispose() };
  }
  process.env.XMPP_SUITE_WS_URL = prosody.wsUrl;
  process.env.XMPP_SUITE_HTTP_URL = prosody.httpUrl;
  return { dispose: () => prosody.dispose() };
}
