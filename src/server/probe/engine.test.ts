/**
 * The probe against real TLS servers on loopback (node:tls and openssl s_server), each
 * result cross-checked against `openssl s_client -showcerts` on the same server.
 *
 * Chain: root -> ica1 -> ica2 (pathlen:0) -> leaf (probe.test, localhost, 127.0.0.1, ::1);
 * "other" is an unrelated self-signed CA.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCert, type TestPki, makeTestPki } from '../../../test/probe/pki.ts';
import { type TlsServerSpec, sClientShowcerts, startNodeTls, startOpensslServer } from '../../../test/probe/servers.ts';
import { probe } from './engine.ts';

const LOCAL = { policy: { allowPrivate: true, ports: 'any' as const } };
let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki?.cleanup());

const names = (certs: Uint8Array[]) =>
  certs.map((der) => [pki.leaf, pki.ica1, pki.ica2, pki.root, pki.other].find((c) => Buffer.from(c.der).equals(der))?.name ?? 'unknown');

async function probeNode(spec: Omit<TlsServerSpec, 'key'>, servername = 'probe.test') {
  const server = await startNodeTls({ key: pki.leaf, ...spec });
  try {
    const outcome = await probe({ host: `127.0.0.1:${server.port}`, servername }, LOCAL);
    const reference = await sClientShowcerts(server.port, servername);
    return { outcome, reference };
  } finally {
    await server.close();
  }
}

type Scenario = { name: string; chain: () => TestCert[]; expected: string[] };
const SCENARIOS: Scenario[] = [
  { name: 'full chain', chain: () => [pki.leaf, pki.ica2, pki.ica1], expected: ['leaf', 'ica2', 'ica1'] },
  { name: 'leaf only', chain: () => [pki.leaf], expected: ['leaf'] },
  { name: 'wrong order', chain: () => [pki.leaf, pki.ica1, pki.ica2], expected: ['leaf', 'ica1', 'ica2'] },
  { name: 'extra unrelated cert', chain: () => [pki.leaf, pki.ica2, pki.ica1, pki.other], expected: ['leaf', 'ica2', 'ica1', 'other'] },
  { name: 'root included', chain: () => [pki.leaf, pki.ica2, pki.ica1, pki.root], expected: ['leaf', 'ica2', 'ica1', 'root'] },
  { name: 'duplicate intermediate', chain: () => [pki.leaf, pki.ica2, pki.ica2, pki.ica1], expected: ['leaf', 'ica2', 'ica2', 'ica1'] },
];

describe('node:tls server, TLS 1.3: the list exactly as sent', () => {
  it.each(SCENARIOS)('$name', async ({ chain, expected }) => {
    const { outcome, reference } = await probeNode({ chain: chain() });
    expect(outcome.ok ? 'connected' : outcome.error).toBe('connected');
    if (!outcome.ok) return;
    expect(names(outcome.report.presented)).toEqual(expected);
    expect(outcome.report.presented).toEqual(reference);
    expect(outcome.report.protocol).toBe('TLSv1.3');
  });
});

describe('openssl s_server, TLS 1.2: the list exactly as sent', () => {
  it.each(SCENARIOS)('$name', async ({ chain, expected }) => {
    const server = await startOpensslServer(pki.dir, { chain: chain(), key: pki.leaf, flags: ['-tls1_2'] });
    try {
      const outcome = await probe({ host: '127.0.0.1', port: server.port, servername: 'probe.test' }, LOCAL);
      const reference = await sClientShowcerts(server.port, 'probe.test');
      expect(outcome.ok ? 'connected' : outcome.error).toBe('connected');
      if (!outcome.ok) return;
      expect(names(outcome.report.presented)).toEqual(expected);
      expect(outcome.report.presented).toEqual(reference);
      expect(outcome.report.protocol).toBe('TLSv1.2');
    } finally {
      await server.close();
    }
  });
});

describe('what else the handshake says', () => {
  it('TLS 1.3 only: version, AES-GCM suite, ALPN from EncryptedExtensions, stapled OCSP in the certificate entry', async () => {
    const ocsp = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x00]);
    const { outcome } = await probeNode({ chain: [pki.leaf, pki.ica2, pki.ica1], minVersion: 'TLSv1.3', alpn: ['http/1.1'], ocsp });
    expect(outcome.ok && { ...outcome.report, presented: names(outcome.report.presented), timings: null }).toEqual({
      target: { host: '127.0.0.1', port: expect.any(Number), servername: 'probe.test' },
      ip: '127.0.0.1',
      presented: ['leaf', 'ica2', 'ica1'],
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      alpn: 'http/1.1',
      ocspStapled: true,
      ocspResponse: ocsp,
      clientCertRequested: false,
      acceptableClientCAs: [],
      serverMessages: ['ServerHello', 'EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished'],
      handshakeCompleted: true,
      bytesReceived: expect.any(Number),
      timings: null,
    });
  });

  it('TLS 1.2 only: ECDHE suite name from IANA, ALPN from ServerHello, CertificateStatus', async () => {
    const ocsp = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x00]);
    const { outcome, reference } = await probeNode({ chain: [pki.leaf, pki.ica2, pki.ica1], maxVersion: 'TLSv1.2', alpn: ['h2'], ocsp });
    expect(outcome.ok ? 'connected' : outcome.error).toBe('connected');
    if (!outcome.ok) return;
    const r = outcome.report;
    expect([r.protocol, r.cipher, r.alpn, r.ocspStapled, r.serverMessages]).toEqual([
      'TLSv1.2',
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      'h2',
      true,
      ['ServerHello', 'Certificate', 'CertificateStatus', 'ServerKeyExchange', 'ServerHelloDone', 'NewSessionTicket'],
    ]);
    expect(r.presented).toEqual(reference);
  });

  it('TLS 1.3 with a client certificate required: the request is seen inside the encrypted flight', async () => {
    const { outcome } = await probeNode({ chain: [pki.leaf, pki.ica2, pki.ica1], minVersion: 'TLSv1.3', requestCert: true });
    const report = outcome.ok ? outcome.report : outcome.report!;
    expect(report.clientCertRequested).toBe(true);
    expect(report.serverMessages).toEqual(['ServerHello', 'EncryptedExtensions', 'CertificateRequest', 'Certificate', 'CertificateVerify', 'Finished']);
    expect(names(report.presented)).toEqual(['leaf', 'ica2', 'ica1']);
  });

  it('TLS 1.2 with a client certificate required (openssl s_server -Verify): chain read, then the server refuses', async () => {
    const server = await startOpensslServer(pki.dir, {
      chain: [pki.leaf, pki.ica2],
      key: pki.leaf,
      flags: ['-tls1_2', '-Verify', '1', '-CAfile', pki.root.certPath],
    });
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}`, servername: 'probe.test' }, LOCAL);
      expect(outcome.ok ? 'connected' : outcome.error).toEqual({ kind: 'ServerAlert', alert: { level: 'fatal', description: 40, name: 'handshake_failure' } });
      if (outcome.ok) return;
      expect(outcome.report?.clientCertRequested).toBe(true);
      expect(outcome.report?.acceptableClientCAs.length).toBe(1);
      expect(names(outcome.report!.presented)).toEqual(['leaf', 'ica2']);
    } finally {
      await server.close();
    }
  });

  it('TLS 1.3 after a HelloRetryRequest (openssl s_server -groups P-384): the second ServerHello counts', async () => {
    const server = await startOpensslServer(pki.dir, { chain: [pki.leaf, pki.ica2, pki.ica1], key: pki.leaf, flags: ['-tls1_3', '-groups', 'P-384'] });
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}`, servername: 'probe.test' }, LOCAL);
      expect(outcome.ok && [outcome.report.protocol, outcome.report.serverMessages.slice(0, 3), names(outcome.report.presented)]).toEqual([
        'TLSv1.3',
        ['ServerHello', 'ServerHello', 'EncryptedExtensions'],
        ['leaf', 'ica2', 'ica1'],
      ]);
      expect(outcome.ok && outcome.report.presented).toEqual(await sClientShowcerts(server.port, 'probe.test'));
    } finally {
      await server.close();
    }
  });

  it('offers no ChaCha20 in TLS 1.3 (WebCrypto could not decrypt it): a ChaCha20-only server refuses', async () => {
    const server = await startOpensslServer(pki.dir, { chain: [pki.leaf], key: pki.leaf, flags: ['-tls1_3', '-ciphersuites', 'TLS_CHACHA20_POLY1305_SHA256'] });
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}`, servername: 'probe.test' }, LOCAL);
      expect(!outcome.ok && outcome.error).toEqual({ kind: 'ServerAlert', alert: { level: 'fatal', description: 40, name: 'handshake_failure' } });
    } finally {
      await server.close();
    }
  });

  it('IPv6 loopback without SNI', async () => {
    const server = await startNodeTls({ chain: [pki.leaf, pki.ica2], key: pki.leaf, host: '::1' });
    try {
      const outcome = await probe({ host: `[::1]:${server.port}` }, LOCAL);
      expect(outcome.ok && [outcome.report.ip, outcome.report.target.servername, names(outcome.report.presented)]).toEqual(['::1', null, ['leaf', 'ica2']]);
      expect(outcome.ok && outcome.report.presented).toEqual(await sClientShowcerts(server.port, null, [], '::1'));
    } finally {
      await server.close();
    }
  });
});
