// scripts/prerequisites.sh, run before `npm start` and `npm test`: on a machine missing packages, as a user who cannot
// install them, it names them and the command and stops. The run sees a PATH of its own: the real tools it checks for,
// minus the ones the case removes, and an `id` that answers as an ordinary user.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '..', '..', '..', 'scripts', 'prerequisites.sh');
const TOOLS = ['dpkg', 'dpkg-query', 'rg', 'make', 'g++', 'python3', 'prosody', 'openssl', 'ejabberdctl', 'chromium', 'unzip', 'apt-get'];

function run(purpose: string[], without: string[]): { status: number | null; stderr: string } {
  const bin = mkdtempSync(join(tmpdir(), 'prereq-'));
  try {
    for (const t of TOOLS.filter((t) => !without.includes(t))) {
      const real = spawnSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).stdout.trim();
      assert.ok(real, `${t} is installed on this machine (scripts/prerequisites.sh installs it for the suite)`);
      symlinkSync(real, join(bin, t));
    }
    writeFileSync(join(bin, 'id'), '#!/bin/sh\necho 1000\n');
    chmodSync(join(bin, 'id'), 0o755);
    const r = spawnSync('/bin/bash', [script, ...purpose], { env: { PATH: bin }, encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('scripts/prerequisites.sh', () => {
  it('before npm start: names the demo server and VS Code server packages missing and stops with code 1', () => {
    const r = run(['start'], ['prosody', 'rg']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^npm start needs these Debian packages: ripgrep prosody lua-unbound$/m);
    assert.match(r.stderr, /^Install them with: sudo apt-get install ripgrep prosody lua-unbound$/m);
  });

  it('before npm start: asks nothing of what only the tests use', () => {
    const r = run(['start'], ['chromium', 'ejabberdctl', 'unzip']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
  });

  it('before npm test: the test-only packages too', () => {
    const r = run([], ['chromium', 'g++']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^npm test needs these Debian packages: build-essential chromium$/m);
  });
});
