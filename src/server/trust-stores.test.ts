import { describe, expect, it } from 'vitest';
import { rootCertificates } from 'node:tls';
import { readFileSync } from 'node:fs';
import { SYSTEM_BUNDLE, trustStore } from './trust-stores.ts';

describe('named trust stores', () => {
  it('"mozilla" is every root Node bundles, labelled Mozilla / certifi', async () => {
    const r = await trustStore('mozilla');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect({ label: r.store.label, count: r.store.certificates.length + r.store.unparsed, unparsed: r.store.unparsed }).toEqual({
      label: 'Mozilla / certifi',
      count: rootCertificates.length,
      unparsed: 0,
    });
    expect(r.store.certificates.filter((c) => c.basicConstraints?.ca !== true && c.version !== 1).map((c) => c.subject.oneline)).toEqual([]);
  });
  it('"system" reads the OS bundle once and caches it', async () => {
    const a = await trustStore('system');
    const b = await trustStore('system');
    if (!a.ok || !b.ok) throw new Error('system bundle missing');
    const blocks = (readFileSync(SYSTEM_BUNDLE, 'utf8').match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
    expect({ label: a.store.label, count: a.store.certificates.length + a.store.unparsed, same: a.store === b.store }).toEqual({
      label: 'OS store',
      count: blocks,
      same: true,
    });
  });
  it('typed errors for an unknown name and an unreadable bundle', async () => {
    expect(await trustStore('windows')).toEqual({ ok: false, error: { kind: 'UnknownStore', received: 'windows', expected: ['mozilla', 'system'] } });
    const r = await trustStore('system', '/nonexistent/ca.crt');
    expect(r.ok ? null : r.error.kind).toBe('BundleUnreadable');
  });
});
