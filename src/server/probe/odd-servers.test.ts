/**
 * Issue 13: servers that are not plain TLS 1.2/1.3 servers, each a real server on 127.0.0.1,
 * through the whole probe (engine, analysis, story):
 *   - TLS 1.0 / 1.1 only (openssl s_server -tls1 / -tls1_1): the chain read by a second,
 *     read-only attempt, cause protocol-mismatch, which clients refuse (from their profiles);
 *   - a required client certificate in TLS 1.2 and 1.3 (s_server -Verify, node:tls
 *     requestCert + rejectUnauthorized, whose TLS 1.3 refusal comes after the handshake);
 *   - not TLS at all: plain HTTP, an SSH banner, an SMTP banner.
 *
 *   root "Probe Test Root" -> ica1 -> ica2 (pathlen:0) -> leaf probe.test (EC P-256, or RSA for TLS_RSA_ suites)
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../../core/x509/certificate.ts';
import type { Certificate } from '../../core/model.ts';
import { issueLeaf, makeTestPki, type TestCert, type TestPki } from '../../../test/probe/pki.ts';
import { type Running, sClientText, startOpensslServer } from '../../../test/probe/servers.ts';
import { startBannerServer, startClientCertServer, startPlainHttp, startRefuseThen } from '../../../test/probe/odd-servers.ts';
import { type ProbeAnalysis, analyseProbe } from './analyse.ts';
import { probe } from './engine.ts';

/** Debian 12's OpenSSL 3.0 serves TLS 1.0/1.1 only at security level 0; an OpenSSL built without them cannot. */
function opensslServesTls10(): string | null {
  try {
    const suites = execFileSync('openssl', ['ciphers', '-s', '-tls1', 'DEFAULT@SECLEVEL=0'], { encoding: 'utf8' }).trim();
    return suites ? null : 'this openssl offers no TLS 1.0 cipher suite even at SECLEVEL=0';
  } catch (e) {
    return `openssl cannot list TLS 1.0 cipher suites: ${(e as Error).message}`;
  }
}
const noTls10 = opensslServesTls10();
if (noTls10) console.log(`skipping the TLS 1.0/1.1 servers: ${noTls10}`);

let pki: TestPki;
let root: Certificate;
let rsaLeaf: TestCert;
let expiredRsaLeaf: TestCert;
beforeAll(async () => {
  pki = makeTestPki();
  root = await parseCertificate(pki.root.der, globalThis.crypto.subtle);
  rsaLeaf = issueLeaf(pki, 'leaf-rsa', { rsa: true });
  expiredRsaLeaf = issueLeaf(pki, 'leaf-rsa-expired', { rsa: true, expired: true });
});
afterAll(() => pki?.cleanup());

async function analyse(server: Running, servername?: string): Promise<ProbeAnalysis> {
  try {
    const outcome = await probe({ host: `127.0.0.1:${server.port}`, ...(servername ? { servername } : {}) }, { policy: null });
    return (await analyseProbe(outcome, Date.now(), globalThis.crypto.subtle, { extraAnchors: [root] }))!;
  } finally {
    await server.close();
  }
}

const subjects = (a: ProbeAnalysis) => a.presented.map((c) => ('subject' in c ? c.subject : c.error));
const CHAIN = ['O=certlab tests, CN=probe.test', 'O=certlab tests, CN=Probe Test ICA 2', 'O=certlab tests, CN=Probe Test ICA 1'];
const LABELS = {
  openssl: 'OpenSSL 3.0 (openssl s_client, Debian 12)',
  curl: 'curl 7.88 with OpenSSL 3.0 (Debian 12)',
  python: 'Python 3.13+ ssl (create_default_context)',
  node: 'Node.js 24 (tls / https / fetch)',
  java: 'Java 17 (JSSE, PKIX TrustManager)',
  go: 'Go crypto/tls + crypto/x509 (1.24+)',
  rustls: 'rustls 0.23 + webpki (reqwest rustls-tls, uv, hyper-rustls)',
  dotnet: '.NET (SslStream / HttpClient on Linux)',
  chrome: 'Chrome (Chrome Root Store, builtin verifier)',
  firefox: 'Firefox (NSS / mozilla::pkix)',
};
/** Every client's entry: `offers` are the clients that offer TLS 1.0/1.1 (rsa-key-exchange-only in their profiles). */
function legacyClients(version: string, cipher: string, signed: boolean) {
  const offers = ['openssl', 'curl', 'dotnet'];
  return Object.entries(LABELS).map(([client, label]) =>
    !offers.includes(client)
      ? { client, label, refuses: true, reason: `does not offer ${version} (its minimum is TLS 1.2)` }
      : signed
        ? { client, label, refuses: true, reason: `offers ${version} but refuses the server's key exchange, signed with SHA-1 (${cipher})` }
        : { client, label, refuses: false, reason: `still connects: it offers ${version} and accepts ${cipher} (no forward secrecy)` },
  );
}

describe.skipIf(noTls10 !== null)('a TLS 1.0/1.1-only server: the chain read by a second, read-only attempt (issue 13, item 2)', () => {
  it('TLS 1.0 with ECDHE: every client refuses it; the chain is shown; the server must act', async () => {
    const server = await startOpensslServer(pki.dir, {
      chain: [pki.leaf, pki.ica2, pki.ica1],
      key: pki.leaf,
      flags: ['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0'],
    });
    // The reference client agrees with the openssl profile: it offers TLS 1.0 and stops at the SHA-1-signed key exchange.
    expect(await sClientText(server.port, 'probe.test')).toContain('New, (NONE), Cipher is (NONE)');
    const a = await analyse(server, 'probe.test');
    const cipher = 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA';
    expect(a.legacyTls).toEqual({ protocol: 'TLSv1', cipher, chainFromThisAttempt: true, clients: legacyClients('TLS 1.0', cipher, true) });
    expect([subjects(a), a.protocol, a.cipher, a.verdicts, a.handshake.error?.kind]).toEqual([CHAIN, 'TLSv1', cipher, undefined, 'ServerAlert']);
    expect([a.cause, a.liability]).toEqual(['protocol-mismatch', 'server']);
    expect(a.headline).toBe("Server's fault: it speaks only TLS 1.0 (it refused TLS 1.2 and 1.3), which every client here refuses.");
    expect(a.email!.subject).toBe(`TLS problem on 127.0.0.1:${a.target.port}: only TLS 1.0 is offered`);
    expect(a.email!.body).toContain(
      'What we ask: Enable TLS 1.2 and TLS 1.3 with current cipher suites (ECDHE with AES-GCM or ChaCha20), and retire TLS 1.0 and 1.1.',
    );
    expect(a.evidence).toContain(`Old TLS   : TLS 1.2 and 1.3 refused; a read-only attempt offering TLS 1.0/1.1 got TLSv1, ${cipher}`);
  });

  it('TLS 1.1 with RSA key exchange and an expired leaf: the expiry leads; openssl, curl and .NET would still connect', async () => {
    const server = await startOpensslServer(pki.dir, {
      chain: [expiredRsaLeaf, pki.ica2, pki.ica1],
      key: expiredRsaLeaf,
      flags: ['-tls1_1', '-cipher', 'AES128-SHA:@SECLEVEL=0'],
    });
    expect(await sClientText(server.port, 'probe.test')).toMatch(/Protocol {2}: TLSv1\.1\n {4}Cipher {4}: AES128-SHA\n/);
    const a = await analyse(server, 'probe.test');
    const cipher = 'TLS_RSA_WITH_AES_128_CBC_SHA';
    expect(a.legacyTls).toEqual({ protocol: 'TLSv1.1', cipher, chainFromThisAttempt: true, clients: legacyClients('TLS 1.1', cipher, false) });
    const leaf = await parseCertificate(expiredRsaLeaf.der, globalThis.crypto.subtle);
    const day = new Date(leaf.notAfter).toISOString().slice(0, 10);
    expect([a.cause, a.liability]).toEqual(['expired', 'server']);
    expect(a.headline).toBe(
      `Server's fault: its certificate 'probe.test' expired on ${day}. Also: it speaks only TLS 1.1 (it refused TLS 1.2 and 1.3), which python, node, java, go, rustls, chrome, firefox refuse (openssl, curl, dotnet still connect).`,
    );
    expect(a.email!.subject).toBe(`TLS certificate problem on 127.0.0.1:${a.target.port}: the certificate expired on ${day}`);
    expect(a.email!.body.split('\n').filter((l) => /^(Analysis|Also|What we ask):/.test(l))).toEqual([
      `Analysis: The certificate the server presents ('probe.test') expired on ${day} (notAfter ${new Date(leaf.notAfter).toISOString()}). The current time is after the certificate's notAfter date (or the client's clock is far ahead).`,
      `Also: The server refuses TLS 1.2 and TLS 1.3; offered TLS 1.0 and 1.1, it chose TLS 1.1 with ${cipher}. RFC 8996 deprecates TLS 1.0 and 1.1, and current clients refuse them: python, node, java, go, rustls, chrome, firefox.`,
      'What we ask: Renew the certificate (or the expired intermediate), install it and reload the server; check that automatic renewal runs and that the server reloads afterwards. Enable TLS 1.2 and TLS 1.3 with current cipher suites (ECDHE with AES-GCM or ChaCha20), and retire TLS 1.0 and 1.1.',
    ]);
  });

  it('the second attempt dials the address the first was admitted to, once', async () => {
    const server = await startOpensslServer(pki.dir, {
      chain: [rsaLeaf, pki.ica2, pki.ica1],
      key: rsaLeaf,
      flags: ['-tls1', '-cipher', 'AES128-SHA:@SECLEVEL=0'],
    });
    let dialled: string[] = [];
    try {
      const outcome = await probe(
        { host: `legacy.test:${server.port}` },
        {
          policy: null,
          resolver: async () => {
            dialled = [...dialled, 'resolve'];
            return ['127.0.0.1'];
          },
        },
      );
      expect([outcome.ok, outcome.report?.ip, outcome.report?.legacyTls?.protocol, dialled]).toEqual([false, '127.0.0.1', 'TLSv1', ['resolve']]);
    } finally {
      await server.close();
    }
  });
});

describe('a required client certificate, with the CA names the server accepts (issue 13, item 3)', () => {
  const accepts = ['O=certlab tests, CN=Probe Test Root'];
  const headline =
    'Client side: the server requires a client certificate (mutual TLS) and closed the connection without one; it accepts certificates issued by: O=certlab tests, CN=Probe Test Root. Its own certificate chain is accepted by every client.';

  it.each([
    ['TLS 1.2, openssl s_server -Verify', '-tls1_2', 'ServerAlert', false],
    ['TLS 1.3, openssl s_server -Verify (refused after the handshake)', '-tls1_3', 'ServerAlert', true],
  ])('%s', async (_name, version, kind, afterHandshake) => {
    const server = await startOpensslServer(pki.dir, {
      chain: [pki.leaf, pki.ica2, pki.ica1],
      key: pki.leaf,
      flags: [version, '-Verify', '1', '-CAfile', pki.root.certPath],
    });
    const a = await analyse(server, 'probe.test');
    expect(a.clientCert).toEqual({ required: true, authorities: accepts });
    expect([a.handshake.error?.kind, (a.handshake.error?.detail as { afterHandshake?: boolean }).afterHandshake ?? false]).toEqual([kind, afterHandshake]);
    expect([a.cause, a.liability, a.email, a.headline]).toEqual(['client-cert-required', 'client', null, headline]);
    expect(a.evidence).toContain('Acceptable client certificate CA names\nO = certlab tests, CN = Probe Test Root\n---');
  });

  it('TLS 1.3, node:tls requestCert + rejectUnauthorized: the certificate_required alert after the client Finished', async () => {
    const a = await analyse(await startClientCertServer([pki.leaf, pki.ica2, pki.ica1], pki.root, 'TLSv1.3', 'TLSv1.3'), 'probe.test');
    expect(a.handshake.error).toEqual({
      kind: 'ServerAlert',
      message:
        'The server closed the connection right after the handshake with a fatal alert certificate_required (116): the server requires a client certificate.',
      detail: { kind: 'ServerAlert', alert: { level: 'fatal', description: 116, name: 'certificate_required' }, afterHandshake: true },
    });
    expect([a.clientCert, a.cause, a.headline]).toEqual([{ required: true, authorities: accepts }, 'client-cert-required', headline]);
  });

  it('TLS 1.3, s_server -verify (asked, not required): no cause, the headline says it asks', async () => {
    const server = await startOpensslServer(pki.dir, {
      chain: [pki.leaf, pki.ica2, pki.ica1],
      key: pki.leaf,
      flags: ['-tls1_3', '-verify', '1', '-CAfile', pki.root.certPath],
    });
    const a = await analyse(server, 'probe.test');
    expect([a.clientCert, a.handshake.error, a.cause]).toEqual([{ required: false, authorities: accepts }, undefined, null]);
    expect(a.headline).toBe(
      `No certificate problem: every client accepts the chain 127.0.0.1:${a.target.port} presents. The server also asks for a client certificate.`,
    );
  });
});

describe('not TLS at all: the port is named for what it speaks (issue 13, item 4)', () => {
  it.each([
    [
      'plain HTTP (node:http)',
      startPlainHttp,
      { protocol: 'http', name: 'plain HTTP', firstLine: 'HTTP/1.1 400 Bad Request' },
      'this port speaks plain HTTP, not TLS (it sent "HTTP/1.1 400 Bad Request")',
    ],
    [
      'an SSH banner',
      () => startBannerServer('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'),
      { protocol: 'ssh', name: 'SSH', firstLine: 'SSH-2.0-OpenSSH_9.2p1 Debian-2' },
      'this port speaks SSH, not TLS (it sent "SSH-2.0-OpenSSH_9.2p1 Debian-2")',
    ],
    [
      'an SMTP banner without STARTTLS',
      () => startBannerServer('220 mail.example ESMTP Postfix\r\n'),
      { protocol: 'smtp', name: 'SMTP', firstLine: '220 mail.example ESMTP Postfix' },
      'this port speaks SMTP, not TLS (it sent "220 mail.example ESMTP Postfix")',
    ],
  ])('%s', async (_name, start, notTls, words) => {
    const a = await analyse(await start());
    expect([a.notTls, a.cause, a.liability, a.headline, a.legacyTls]).toEqual([notTls, 'protocol-mismatch', 'both', `Server or client: ${words}.`, undefined]);
    expect(a.email!.subject).toBe(`TLS problem on 127.0.0.1:${a.target.port}: ${words.replace(/ \(it sent .*$/, '')}`);
    // Never the TLS-version wording of protocol-mismatch (issue 13: the email asked for TLS 1.2 on a plain HTTP port).
    expect(a.email!.body).not.toMatch(/TLS 1\.2|share no TLS version/);
  });
});

describe('the second attempt stays bounded by the same limits (issue 13)', () => {
  it.each(['silent', 'flood'] as const)('a server that refuses TLS 1.2+ and then is %s: the first error stands, no old-TLS reading', async (second) => {
    const server = await startRefuseThen(second);
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}` }, { policy: null, limits: { handshakeTimeoutMs: 1000, maxBytes: 64 * 1024 } });
      expect([outcome.ok, !outcome.ok && outcome.error, outcome.report?.legacyTls, server.connections()]).toEqual([
        false,
        { kind: 'ServerAlert', alert: { level: 'fatal', description: 70, name: 'protocol_version' } },
        undefined,
        2,
      ]);
    } finally {
      await server.close();
    }
  });
});
