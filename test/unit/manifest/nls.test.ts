// The manifest's user-facing strings are all %key% references, each with its English text in package.nls.json,
// so a translation (package.nls.<lang>.json) can cover every title, setting and view the user sees.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const REF = /^%([^%]+)%$/;

/** Every string of the manifest at a field VS Code shows the user, with where it is. */
function shownStrings(): Array<{ where: string; value: string }> {
  const out: Array<{ where: string; value: string }> = [];
  const add = (where: string, value: unknown) => {
    if (typeof value === 'string') out.push({ where, value });
  };
  add('displayName', manifest.displayName);
  add('description', manifest.description);
  const c = manifest.contributes ?? {};
  (c.commands ?? []).forEach((cmd: Record<string, unknown>) => {
    for (const f of ['title', 'shortTitle', 'category']) add(`command ${cmd.command} ${f}`, cmd[f]);
  });
  const confs = Array.isArray(c.configuration) ? c.configuration : [c.configuration ?? {}];
  const walk = (props: Record<string, Record<string, unknown>> | undefined, prefix: string) => {
    for (const [name, prop] of Object.entries(props ?? {})) {
      for (const f of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) add(`setting ${prefix}${name} ${f}`, prop[f]);
      for (const f of ['enumDescriptions', 'markdownEnumDescriptions']) {
        ((prop[f] as unknown[]) ?? []).forEach((v, i) => add(`setting ${prefix}${name} ${f}[${i}]`, v));
      }
      const items = prop.items as { properties?: Record<string, Record<string, unknown>> } | undefined;
      if (items?.properties) walk(items.properties, `${prefix}${name}.`);
    }
  };
  for (const conf of confs) {
    add('configuration title', conf.title);
    walk(conf.properties, '');
  }
  for (const list of Object.values(c.viewsContainers ?? {}) as Array<Array<Record<string, unknown>>>) {
    for (const vc of list) add(`view container ${vc.id} title`, vc.title);
  }
  for (const list of Object.values(c.views ?? {}) as Array<Array<Record<string, unknown>>>) {
    for (const v of list) for (const f of ['name', 'contextualTitle']) add(`view ${v.id} ${f}`, v[f]);
  }
  (c.viewsWelcome ?? []).forEach((w: Record<string, unknown>) => add(`welcome of ${w.view}`, w.contents));
  for (const wt of c.walkthroughs ?? []) {
    for (const f of ['title', 'description']) add(`walkthrough ${wt.id} ${f}`, wt[f]);
    for (const s of wt.steps ?? []) {
      for (const f of ['title', 'description']) add(`walkthrough step ${s.id} ${f}`, s[f]);
      add(`walkthrough step ${s.id} altText`, s.media?.altText);
    }
  }
  for (const [kind, cap] of Object.entries(manifest.capabilities ?? {}) as Array<[string, Record<string, unknown>]>) {
    add(`capability ${kind} description`, cap.description);
  }
  return out;
}

describe('manifest strings and package.nls.json', () => {
  it('finds the strings it checks (commands, settings, the view)', () => {
    const all = shownStrings();
    assert.ok(all.filter((s) => s.where.startsWith('command ')).length >= 20, all.map((s) => s.where).join('\n'));
    assert.ok(all.some((s) => s.where.startsWith('setting xmppBosh.connections.url')));
    assert.ok(all.some((s) => s.where.startsWith('view xmppBosh.sessions name')));
  });

  it('leaves no title, setting description, view name or walkthrough text literal', () => {
    const literal = shownStrings().filter((s) => !REF.test(s.value));
    assert.deepEqual(literal.map((s) => `${s.where}: ${s.value}`), []);
  });

  it('has English text in package.nls.json for every %key% of package.json', () => {
    const keys = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 30, `${keys.length} keys`);
    const missing = keys.filter((k) => typeof nls[k] !== 'string' || nls[k].trim() === '');
    assert.deepEqual(missing, []);
  });

  it('keeps no English text that package.json does not use', () => {
    const used = new Set([...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
  });

  it('keeps the texts a user reads in the palette and settings', () => {
    assert.equal(nls['xmppBosh.openInspector.title'], 'Open Stanza Inspector');
    assert.equal(nls['xmppBosh.category'], 'XMPP');
    assert.equal(nls[REF.exec(manifest.displayName)![1]], 'XMPP BOSH Inspector');
  });
});
