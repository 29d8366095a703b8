/**
 * Issue 18: the probe under attack by hostile servers on loopback, each attack bounded.
 * Chain: root -> ica1 -> ica2 (pathlen:0) -> leaf (probe.test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FLIGHT_RECORDS } from '../../core/tls/server-flight.ts';
import { type TestPki, makeTestPki } from '../../../test/probe/pki.ts';
import { startNodeTls, startOneByteRecords } from '../../../test/probe/servers.ts';
import { probe } from './engine.ts';

const LOCAL = { policy: { allowPrivate: true, ports: 'any' as const } };
let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki?.cleanup());

describe('a server that sends its handshake in 1-byte records', () => {
  it('is read up to the record cap and reported as TooManyRecords', async () => {
    const tls = await startNodeTls({ chain: [pki.leaf, pki.ica2, pki.ica1], key: pki.leaf, maxVersion: 'TLSv1.2' });
    const hostile = await startOneByteRecords(tls.port);
    try {
      const outcome = await probe({ host: '127.0.0.1', port: hostile.port, servername: 'probe.test' }, LOCAL);
      expect(hostile.recordsSent()).toBeGreaterThan(MAX_FLIGHT_RECORDS);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error).toEqual({
        kind: 'UnreadableHandshake',
        error: { kind: 'TooManyRecords', max: MAX_FLIGHT_RECORDS, bytesRead: MAX_FLIGHT_RECORDS * 6 },
      });
      expect(outcome.report?.serverMessages).toEqual(['ServerHello']);
      expect(outcome.report?.protocol).toBe('TLSv1.2');
      // The probe cut the connection at the record cap instead of letting the handshake finish.
      expect(outcome.report?.handshakeCompleted).toBe(false);
    } finally {
      await hostile.close();
      await tls.close();
    }
  });
});
