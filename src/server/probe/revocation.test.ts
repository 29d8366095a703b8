/**
 * Revocation and transparency through the whole probe, with real parts on 127.0.0.1: node:tls
 * (TLS 1.3) and `openssl s_server -status_file` (TLS 1.2) stapling responses made by OpenSSL's
 * responder, the live OCSP responder and CRL (test/probe/revocation-pki.ts), and the address
 * guard that refuses them under the public policy.
 *
 *   root -> ica -> good | revoked (keyCompromise) | staple (Must-Staple) | sct (two embedded SCTs)
 */
import { writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../../core/x509/certificate.ts';
import type { Certificate } from '../../core/model.ts';
import { type RevocationPki, startRevocationPki } from '../../../test/probe/revocation-pki.ts';
import type { TestCert } from '../../../test/probe/pki.ts';
import { startNodeTls, startOpensslServer } from '../../../test/probe/servers.ts';
import { type AnalyseOptions, type ProbeAnalysis, analyseProbe } from './analyse.ts';
import { probe } from './engine.ts';

const subtle = globalThis.crypto.subtle;
const LOCAL = { allowPrivate: true, ports: 'any' as const };
const PUBLIC = { allowPrivate: false, ports: 'any' as const };
let pki: RevocationPki;
let root: Certificate;
beforeAll(async () => {
  pki = await startRevocationPki();
  root = await parseCertificate(pki.root.der, subtle);
});
afterAll(() => pki?.close());

async function probeNode(leaf: TestCert, ocsp?: Uint8Array, options: Partial<AnalyseOptions> = {}): Promise<ProbeAnalysis> {
  const server = await startNodeTls({ chain: [leaf, pki.ica], key: leaf, ...(ocsp ? { ocsp } : {}) });
  try {
    const outcome = await probe({ host: `127.0.0.1:${server.port}`, servername: `${leaf.name}.test` }, { policy: LOCAL });
    return (await analyseProbe(outcome, Date.now(), subtle, { extraAnchors: [root], ...options }))!;
  } finally {
    await server.close();
  }
}

const kinds = (a: ProbeAnalysis) =>
  a.findings.filter((f) => f.kind.startsWith('ocsp') || f.kind.startsWith('crl') || f.kind.startsWith('must')).map((f) => [f.kind, f.severity]);
const ICA = 'signed by the issuer, O=certlab tests, CN=Revocation Test ICA';

describe('the stapled OCSP response', () => {
  it('TLS 1.3 (node:tls): good, signed by the issuer, with its age', async () => {
    const a = await probeNode(pki.good, pki.ocspResponse(pki.good));
    const s = a.revocation!.stapled!;
    expect([a.protocol, s.source, s.status, s.freshness, s.signature, a.revocation!.mustStaple]).toEqual([
      'TLSv1.3',
      'stapled',
      'good',
      'current',
      { ok: true, text: ICA },
      false,
    ]);
    expect(s.age).toMatch(/^produced \d+ minutes ago, next update in (24 hours|1 days)$/);
    expect(kinds(a)).toEqual([['ocsp-good', 'info']]);
  });

  it('TLS 1.2 (openssl s_server -status_file): revoked, with time and reason, is an error finding', async () => {
    const file = join(pki.dir, 'revoked-staple.der');
    writeFileSync(file, pki.ocspResponse(pki.revoked));
    const server = await startOpensslServer(pki.dir, { chain: [pki.revoked, pki.ica], key: pki.revoked, flags: ['-tls1_2', '-status_file', file] });
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}`, servername: 'revoked.test' }, { policy: LOCAL });
      const a = (await analyseProbe(outcome, Date.now(), subtle, { extraAnchors: [root] }))!;
      const s = a.revocation!.stapled!;
      expect([a.protocol, a.serverMessages.includes('CertificateStatus'), s.status, s.reason, s.signature]).toEqual([
        'TLSv1.2',
        true,
        'revoked',
        'keyCompromise',
        { ok: true, text: ICA },
      ]);
      expect(kinds(a)).toEqual([['ocsp-revoked', 'error']]);
      expect([a.cause, a.liability, a.headline, a.email!.subject]).toEqual([
        'revoked',
        'server',
        `Server's fault: the stapled OCSP response says the certificate is revoked since ${s.revokedAt} (keyCompromise); clients that check revocation refuse it. The chain itself is accepted by every client's path check.`,
        `TLS certificate problem on 127.0.0.1:${server.port}: The certificate is revoked, or its revocation status cannot be checked`,
      ]);
    } finally {
      await server.close();
    }
  });

  it('a revoked staple whose signature cannot be checked (issuer not sent) is reported, not concluded', async () => {
    const server = await startNodeTls({ chain: [pki.revoked], key: pki.revoked, ocsp: pki.ocspResponse(pki.revoked) });
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}`, servername: 'revoked.test' }, { policy: LOCAL });
      const a = (await analyseProbe(outcome, Date.now(), subtle, { extraAnchors: [root] }))!;
      expect([kinds(a), a.cause]).toEqual([
        [
          ['ocsp-revoked', 'warning'],
          ['ocsp-unverified', 'warning'],
        ],
        'incomplete-chain',
      ]);
      expect(a.findings.find((f) => f.kind === 'ocsp-revoked')!.message).toMatch(/, but its signature could not be verified$/);
    } finally {
      await server.close();
    }
  });

  it('Must-Staple without a staple is an error finding; with one it is not', async () => {
    const bare = await probeNode(pki.staple);
    expect([bare.revocation!.mustStaple, bare.revocation!.stapled, kinds(bare)]).toEqual([true, null, [['must-staple-missing', 'error']]]);
    expect([bare.cause, bare.headline]).toEqual([
      'revoked',
      "Server's fault: the certificate requires a stapled OCSP response (Must-Staple, TLS feature status_request) but the server stapled none; Firefox refuses it (MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING). The chain itself is accepted by every client's path check.",
    ]);
    const stapled = await probeNode(pki.staple, pki.ocspResponse(pki.staple));
    expect([stapled.revocation!.mustStaple, stapled.revocation!.stapled!.status, kinds(stapled), stapled.cause]).toEqual([
      true,
      'good',
      [['ocsp-good', 'info']],
      null,
    ]);
  });

  it('an expired staple is a warning', async () => {
    const resp = pki.ocspResponse(pki.good);
    const server = await startNodeTls({ chain: [pki.good, pki.ica], key: pki.good, ocsp: resp });
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}`, servername: 'good.test' }, { policy: LOCAL });
      // The probe's explicit time: two days on, past the response's nextUpdate (one day).
      const a = (await analyseProbe(outcome, Date.now() + 2 * 86_400_000, subtle, { extraAnchors: [root] }))!;
      expect([a.revocation!.stapled!.freshness, kinds(a)]).toEqual(['expired', [['ocsp-stale', 'warning']]]);
    } finally {
      await server.close();
    }
  });
});

describe('SCTs', () => {
  it('embedded SCTs: log ID (base64) and time; no log name is guessed', async () => {
    const a = await probeNode(pki.sct);
    expect(a.revocation!.scts).toEqual(
      pki.sctTimes.map((t) => ({ source: 'certificate', logId: pki.sctLogId, logName: null, timestamp: new Date(t).toISOString() })),
    );
  });

  it('a certificate without SCTs has none', async () => {
    expect((await probeNode(pki.good)).revocation!.scts).toEqual([]);
  });
});

describe('the live check (opt-in)', () => {
  const live = (policy: typeof LOCAL) => ({ liveRevocation: { policy, deadline: performance.now() + 10_000 } });

  it('good: the responder and the CRL agree', async () => {
    const before = pki.requests.length;
    const a = await probeNode(pki.good, undefined, live(LOCAL));
    const l = a.revocation!.live!;
    expect([l.ocsp.map((o) => [o.url, o.status, o.signature]), l.crl.map((c) => [c.url, c.status, c.signature])]).toEqual([
      [[`http://127.0.0.1:${pki.port}/ocsp`, 'good', { ok: true, text: ICA }]],
      [[`http://127.0.0.1:${pki.port}/ica.crl`, 'good', { ok: true, text: ICA }]],
    ]);
    expect(pki.requests.slice(before).sort()).toEqual(['GET /ica.crl', 'POST /ocsp']);
  });

  it('revoked: both say so, with the reason', async () => {
    const a = await probeNode(pki.revoked, undefined, live(LOCAL));
    const l = a.revocation!.live!;
    expect([l.ocsp.map((o) => [o.status, o.reason]), l.crl.map((c) => [c.status, c.reason])]).toEqual([
      [['revoked', 'keyCompromise']],
      [['revoked', 'keyCompromise']],
    ]);
    expect(kinds(a)).toEqual([
      ['ocsp-revoked', 'error'],
      ['crl-revoked', 'error'],
    ]);
  });

  it('a delegated responder signs the live answer', async () => {
    pki.setSigner(pki.responder);
    try {
      const a = await probeNode(pki.good, undefined, live(LOCAL));
      expect(a.revocation!.live!.ocsp[0]!.signature).toEqual({ ok: true, text: 'signed by a delegated responder, CN=Revocation Test OCSP Responder' });
    } finally {
      pki.setSigner(pki.ica);
    }
  });

  it('under the public policy the loopback URLs are refused before any request', async () => {
    const before = pki.requests.length;
    const a = await probeNode(pki.good, undefined, live(PUBLIC));
    const l = a.revocation!.live!;
    const refused =
      '127.0.0.1 is a loopback address (this machine) [127.0.0.0/8]. The public probe only connects to public addresses; run “certlab probe” locally for internal hosts';
    expect([...l.ocsp, ...l.crl].map((x) => [x.status, x.problem])).toEqual([
      ['unusable', refused],
      ['unusable', refused],
    ]);
    expect(pki.requests.length).toBe(before);
  });

  it('is not run unless asked', async () => {
    const before = pki.requests.length;
    const a = await probeNode(pki.good);
    expect([a.revocation!.live, pki.requests.length]).toEqual([undefined, before]);
  });
});

describe('hostile revocation services stay bounded', () => {
  let hostile: Server;
  let port: number;
  const seen: string[] = [];
  beforeAll(async () => {
    hostile = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === '/silent') return; // never answers
      if (req.url === '/huge') {
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024);
        const send = () => {
          while (res.write(chunk));
        };
        res.on('drain', send);
        send();
        return;
      }
      res.writeHead(200).end(Buffer.from('not an OCSP response'));
    });
    hostile.listen(0, '127.0.0.1');
    await once(hostile, 'listening');
    port = (hostile.address() as { port: number }).port;
  });
  afterAll(async () => {
    hostile.closeAllConnections();
    await new Promise<void>((r) => hostile.close(() => r()));
  });

  it('a silent responder, a CRL larger than the cap and garbage end as named problems; extra URLs are not fetched', async () => {
    const url = (p: string) => `http://127.0.0.1:${port}${p}`;
    const leaf = pki.issueLeaf('hostile', { ocsp: [url('/silent'), url('/garbage'), url('/third')], crl: [url('/huge')] });
    const a = await probeNode(leaf, undefined, { liveRevocation: { policy: LOCAL, deadline: performance.now() + 2000 } });
    const l = a.revocation!.live!;
    expect([...l.ocsp, ...l.crl].map((x) => [x.url, x.status, x.problem?.replace(/\d+ ms/, 'N ms')])).toEqual([
      [url('/silent'), 'unusable', 'no complete answer within N ms'],
      [url('/garbage'), 'unusable', expect.stringMatching(/^the response does not parse \(/)],
      [url('/huge'), 'unusable', 'the answer is larger than 1048576 bytes'],
    ]);
    expect(seen.sort()).toEqual(['GET /huge', 'POST /garbage', 'POST /silent']);
  });
});
