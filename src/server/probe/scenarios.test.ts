/**
 * Whole-probe scenarios from issue 6: a real node:tls server on loopback per scenario, the
 * probe, then verdicts, cause and headline. The test root is trusted through extraAnchors
 * (what `certlab probe --ca root.pem` does), except in the "private CA without --ca" case.
 *
 *   root -> ica1 -> ica2 (pathlen:0) -> leaf (probe.test, localhost, 127.0.0.1, ::1)
 *   variants of the leaf: expired, other.test only, self-signed, with an AIA URL to a local HTTP server
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../../core/x509/certificate.ts';
import type { Certificate } from '../../core/model.ts';
import { type TestCert, type TestPki, issueLeaf, makeTestPki } from '../../../test/probe/pki.ts';
import { type TlsServerSpec, startNodeTls } from '../../../test/probe/servers.ts';
import { fetchAia } from './aia-fetch.ts';
import { type ProbeAnalysis, analyseProbe } from './analyse.ts';
import { probe } from './engine.ts';

let pki: TestPki;
let root: Certificate;
let aiaServer: Server;
let aiaPort: number;
let aiaHits = 0;

beforeAll(async () => {
  pki = makeTestPki();
  root = await parseCertificate(pki.root.der, globalThis.crypto.subtle);
  aiaServer = createServer((req, res) => {
    aiaHits++;
    // Serves ica2 (which links to ica1 by its own AIA-less issuer name) and ica1.
    const body = req.url === '/ica2.der' ? Buffer.concat([Buffer.from(pki.ica2.der)]) : req.url === '/ica1.der' ? Buffer.from(pki.ica1.der) : undefined;
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/pkix-cert' }).end(body);
  });
  await new Promise<void>((r) => aiaServer.listen(0, '127.0.0.1', r));
  aiaPort = (aiaServer.address() as AddressInfo).port;
});
afterAll(() => {
  aiaServer?.close();
  pki?.cleanup();
});

async function run(chain: () => TestCert[], spec: Partial<TlsServerSpec> = {}, trustRoot = true, servername = 'probe.test'): Promise<ProbeAnalysis> {
  const certs = chain();
  const server = await startNodeTls({ chain: certs, key: certs[0]!, ...spec });
  try {
    const outcome = await probe({ host: `127.0.0.1:${server.port}`, servername }, { policy: null });
    const aiaFetcher = (url: string) => fetchAia(url, { policy: null }).then((r) => (r.ok ? r.bytes : null));
    const result = await analyseProbe(outcome, Date.now(), globalThis.crypto.subtle, { ...(trustRoot ? { extraAnchors: [root] } : {}), aiaFetcher });
    return result!;
  } finally {
    await server.close();
  }
}

const verdictCodes = (a: ProbeAnalysis) => Object.fromEntries(Object.entries(a.verdicts ?? {}).map(([k, v]) => [k, v!.code]));
const allClients = (code: number) => ({
  openssl: code,
  curl: code,
  python: code,
  go: code,
  rustls: code,
  dotnet: code,
  node: code,
  java: code,
  chrome: code,
  firefox: code,
});

describe('probe scenarios: verdicts, cause and headline', () => {
  it('full chain: every client accepts, no email', async () => {
    const a = await run(() => [pki.leaf, pki.ica2, pki.ica1]);
    expect(verdictCodes(a)).toEqual(allClients(0));
    expect([a.cause, a.liability, a.email]).toEqual([null, null, null]);
    expect(a.headline).toMatch(/^No certificate problem: every client accepts the chain 127\.0\.0\.1:\d+ presents\.$/);
  });

  it('leaf only: incomplete chain, the server is at fault, the email asks for the full chain', async () => {
    const a = await run(() => [pki.leaf]);
    expect(verdictCodes(a)).toEqual(allClients(20));
    expect([a.cause, a.liability]).toEqual(['incomplete-chain', 'server']);
    expect(a.headline).toBe(
      "Server's fault: it sends only the leaf; clients cannot build a path to a trusted root. Fails in: openssl, curl, python, go, dotnet, node, java, rustls, chrome, firefox.",
    );
    expect(a.verdicts!.curl!.message.split('\n')[0]).toBe('curl: (60) SSL certificate problem: unable to get local issuer certificate');
    expect(a.email!.body).toContain('What we ask: Serve the full chain');
    expect(a.evidence).toContain('Verify return code: 21 (unable to verify the first certificate) [openssl, OS store + --ca]');
  });

  it('leaf only with an AIA URL: Chrome repairs it by fetching, strict clients cannot', async () => {
    const leaf = issueLeaf(pki, 'leaf-aia', { aiaUrl: `http://127.0.0.1:${aiaPort}/ica2.der` });
    const hitsBefore = aiaHits;
    const a = await run(() => [leaf, pki.ica1]);
    expect(verdictCodes(a)).toEqual({ ...allClients(20), chrome: 0, dotnet: 0 });
    expect(a.verdicts!.chrome!.aiaFetched).toEqual(['O=certlab tests, CN=Probe Test ICA 2']);
    expect(aiaHits).toBeGreaterThan(hitsBefore);
    expect(a.cause).toBe('incomplete-chain');
    expect(a.headline).toBe(
      `Server's fault: it does not send the intermediate 'Probe Test ICA 2' that issued 'probe.test'; browsers repair this by fetching 'Probe Test ICA 2' from http://127.0.0.1:${aiaPort}/ica2.der, strict clients cannot. Fails in: openssl, curl, python, go, node, java, rustls, firefox; works in: dotnet, chrome.`,
    );
  });

  it('expired leaf', async () => {
    const expired = issueLeaf(pki, 'leaf-expired', { expired: true });
    const a = await run(() => [expired, pki.ica2, pki.ica1]);
    expect(a.verdicts!.openssl!.code).toBe(10);
    expect([a.cause, a.liability]).toEqual(['expired', 'server']);
    expect(a.verdicts!.python!.message).toBe(
      'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)',
    );
  });

  it('wrong host: the name asked is not in the certificate', async () => {
    const other = issueLeaf(pki, 'leaf-other', { cn: 'other.test', san: 'DNS:other.test' });
    const a = await run(() => [other, pki.ica2, pki.ica1]);
    expect(a.verdicts!.openssl!.code).toBe(62);
    expect(a.cause).toBe('hostname-mismatch');
  });

  it('self-signed leaf', async () => {
    const self = issueLeaf(pki, 'leaf-self', { selfSigned: true });
    const a = await run(() => [self]);
    expect(a.verdicts!.openssl!.code).toBe(18);
    expect([a.cause, a.liability]).toEqual(['self-signed', 'server']);
  });

  it('private CA without --ca: unknown CA, either side may act; with --ca it passes', async () => {
    const without = await run(() => [pki.leaf, pki.ica2, pki.ica1], {}, false);
    expect(without.verdicts!.openssl!.code).toBe(20);
    expect(without.cause).toBe('unknown-ca');
    // The versioned stores (public/trust-stores, committed): no public store on record holds a private root.
    expect(without.trustStores!.map((t) => [t.id, t.trusted, t.oldestTrusting, t.sentence])).toEqual([
      [
        'certifi',
        false,
        null,
        'certifi 2026.10.19.post1 (newest on record) does not trust this chain: unable to get local issuer certificate. No certifi version on record trusts it.',
      ],
      [
        'node',
        false,
        null,
        'Node.js 24.22.3 (newest on record) does not trust this chain: unable to get local issuer certificate. No Node.js version on record trusts it.',
      ],
      [
        'debian',
        false,
        null,
        'Debian ca-certificates 14-20260816 (newest on record) does not trust this chain: unable to get local issuer certificate. No Debian ca-certificates version on record trusts it.',
      ],
    ]);
    const withCa = await run(() => [pki.leaf, pki.ica2, pki.ica1], {}, true);
    expect(withCa.cause).toBe(null);
  });

  it('client certificate required (TLS 1.3): the refusal after the handshake is seen, cause client-cert-required (issue 13)', async () => {
    const a = await run(() => [pki.leaf, pki.ica2, pki.ica1], { minVersion: 'TLSv1.3', requestCert: true });
    expect([a.clientCertRequested, a.clientCert, a.cause, a.liability, a.email]).toEqual([
      true,
      { required: true, authorities: [] },
      'client-cert-required',
      'client',
      null,
    ]);
    expect(a.headline).toBe(
      'Client side: the server requires a client certificate (mutual TLS) and closed the connection without one; it names no CA it accepts. Its own certificate chain is accepted by every client.',
    );
  });

  it('client certificate required (TLS 1.2): the handshake fails, cause client-cert-required', async () => {
    const a = await run(() => [pki.leaf, pki.ica2, pki.ica1], { maxVersion: 'TLSv1.2', requestCert: true });
    expect(a.handshake.error?.kind).toBe('ServerAlert');
    expect(a.verdicts!.openssl!.code).toBe(0);
  });

  it.each([
    ['wrong order', () => [pki.leaf, pki.ica1, pki.ica2], [['wrong-order', [0, 2, 1]]]],
    ['extra unrelated cert', () => [pki.leaf, pki.ica2, pki.ica1, pki.other], [['unrelated-certificate', [3]]]],
    ['root included', () => [pki.leaf, pki.ica2, pki.ica1, pki.root], [['root-included', [3]]]],
    ['duplicate intermediate', () => [pki.leaf, pki.ica2, pki.ica2, pki.ica1], [['duplicate', [1, 2]]]],
  ] as [string, () => TestCert[], [string, number[]][]][])(
    '%s: every client accepts, the finding names the positions as sent',
    async (_name, chain, expected) => {
      const a = await run(chain);
      expect(a.cause).toBe(null);
      const ofInterest = ['wrong-order', 'unrelated-certificate', 'root-included', 'duplicate', 'intermediate-missing'];
      expect(a.findings.filter((f) => ofInterest.includes(f.kind)).map((f) => [f.kind, f.kind === 'wrong-order' ? f.rightOrder : f.items])).toEqual(expected);
      expect(a.findings.filter((f) => f.kind === 'hostname-match').length).toBe(1);
    },
  );

  it('the headline mentions what is worth fixing even when no client fails', async () => {
    const a = await run(() => [pki.leaf, pki.ica1, pki.ica2]);
    expect(a.headline).toMatch(/^No certificate problem: every client accepts the chain 127\.0\.0\.1:\d+ presents\. Worth fixing: wrong order\.$/);
  });
});
