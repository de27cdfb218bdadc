import assert from 'node:assert/strict';
import { changedCertificateQuestion, sameFingerprint } from '../../../src/core/profiles/certificate-change';

const OLD = 'AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99';
const NEW = '11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00';

describe('a changed certificate', () => {
  it('names both fingerprints in the message itself, not only in the detail a dialog may fold away', () => {
    const q = changedCertificateQuestion({ scope: 'fin1:8445', fingerprint: OLD, since: '2026-03-04T05:06:07.000Z' }, NEW);
    assert.match(q.message, /fin1:8445 has CHANGED/);
    assert.ok(q.message.includes(`Trusted: SHA-256 ${OLD}`));
    assert.ok(q.message.includes(`Now presented: SHA-256 ${NEW}`));
    assert.match(q.detail, /on 2026-03-04 05:06 UTC/);
  });

  it('a trust kept before its time was recorded still reads', () => {
    assert.match(changedCertificateQuestion({ scope: 'fin1:8445', fingerprint: OLD }, NEW).detail, /an earlier version/);
  });

  it('compares fingerprints whatever their colons and case', () => {
    assert.ok(sameFingerprint(OLD, OLD.replace(/:/g, '').toLowerCase()));
    assert.ok(!sameFingerprint(OLD, NEW));
  });
});
