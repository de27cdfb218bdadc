// Hovers as VS Code's own hover machinery returns them (vscode.executeHoverProvider), on the samples.
import * as assert from 'node:assert/strict';
import { hoverText, openSample, theExtension } from './extension-under-test';
import { positionOf } from './samples-position';

describe('hover over stanzas in a real VS Code', () => {
  before(async () => {
    await theExtension().activate();
  });

  it('decodes the escaped Finesse <Update> under the cursor and says what it means', async () => {
    const { document } = await openSample('finesse/openfire/debug.log');
    const text = await hoverText(document, positionOf(document, '&lt;Update&gt;', 5));
    assert.match(text, /User 47483648 → NOT\\?_READY, reason 12/);
    assert.match(text, /1 escaped layer decoded/);
    assert.match(text, /<state>NOT_READY<\/state>/, 'the payload pretty-printed as XML, not escaped text');
    assert.doesNotMatch(text, /&lt;state&gt;/);
  });

  it('decodes a notification escaped twice by the logger (Openfire before 4.3)', async () => {
    const { document } = await openSample('finesse/openfire-pre-4.3/debug.log');
    const text = await hoverText(document, positionOf(document, '&lt;body', 2, 0));
    assert.match(text, /NOT\\?_READY/);
    assert.match(text, /<reasonCodeId>32763<\/reasonCodeId>/);
  });

  it('reads a stanza spread over several lines whole, from any of its lines', async () => {
    const { document } = await openSample('finesse/openfire/debug.log');
    const text = await hoverText(document, positionOf(document, '    <event xmlns=', 6));
    assert.match(text, /→ READY/);
  });

  it('says nothing where there is no stanza', async () => {
    const { document } = await openSample('finesse/openfire/debug.log');
    const text = await hoverText(document, positionOf(document, 'was last active', 2));
    assert.doesNotMatch(text, /escaped layer|```xml/);
  });
});
