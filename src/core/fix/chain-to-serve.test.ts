/**
 * The chain to serve, built from real certificates (issue #14, item 2):
 *
 *   root "Fix Root" -> ica "Fix ICA" -> leaf (fix.example, AIA caIssuers http://127.0.0.1:PORT/ica.der)
 *                   -> ica-old "Fix ICA", same key, expired in 2021 (an expired alternative)
 *                   -> expired-leaf (fix.example, expired in 2021)
 *   other "Other Root" -> other-leaf (other.example)        (unrelated)
 *   leaf-404: like leaf, AIA URL that answers 404
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webcrypto } from 'node:crypto';
import type { Certificate } from '../model.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { ChainFactory, CA_EXT, leafExt } from '../../../test/pki/factory.ts';
import { buildChainToServe, chainFailureText, type ChainToServeResult } from './chain-to-serve.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const AT = Date.UTC(2025, 0, 1);
let f: ChainFactory;
let server: Server;
let port = 0;
const c: Record<string, Certificate> = {};

const fetcher = async (url: string) => {
  const r = await fetch(url);
  return r.ok ? new Uint8Array(await r.arrayBuffer()) : null;
};

beforeAll(async () => {
  f = ChainFactory.create();
  server = createServer((req, res) => {
    if (req.url === '/ica.der') res.writeHead(200, { 'content-type': 'application/pkix-cert' }).end(Buffer.from(f.der('ica')));
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
  f.issue({ name: 'root', subject: '/CN=Fix Root', ext: CA_EXT });
  f.issue({ name: 'ica', subject: '/CN=Fix ICA', issuer: 'root', ext: CA_EXT });
  f.issue({ name: 'ica-old', subject: '/CN=Fix ICA', issuer: 'root', ext: CA_EXT, sameKeyAs: 'ica', notAfter: '20210101000000Z' });
  const aia = (path: string) => `authorityInfoAccess=caIssuers;URI:http://127.0.0.1:${port}/${path}`;
  f.issue({ name: 'leaf', subject: '/CN=fix.example', issuer: 'ica', ext: [...leafExt('fix.example'), aia('ica.der')] });
  f.issue({ name: 'leaf-404', subject: '/CN=fix.example', issuer: 'ica', ext: [...leafExt('fix.example'), aia('missing.der')] });
  f.issue({ name: 'expired-leaf', subject: '/CN=fix.example', issuer: 'ica', ext: leafExt('fix.example'), notAfter: '20210101000000Z' });
  f.issue({ name: 'other', subject: '/CN=Other Root', ext: CA_EXT });
  f.issue({ name: 'other-leaf', subject: '/CN=other.example', issuer: 'other', ext: leafExt('other.example') });
  for (const n of ['root', 'ica', 'ica-old', 'leaf', 'leaf-404', 'expired-leaf', 'other', 'other-leaf']) c[n] = await parseCertificate(f.der(n), subtle);
});

afterAll(async () => {
  await new Promise((ok) => server?.close(ok));
  f?.dispose();
});

/** The result with certificates as their subjects (and which copy, for the two "Fix ICA"). */
function names(r: ChainToServeResult) {
  const n = (x: Certificate) => Object.keys(c).find((k) => c[k]!.sha256 === x.sha256) ?? x.subject.oneline;
  if (!r.ok) return { ok: false, failure: r.failure, dropped: r.dropped.map((d) => [n(d.cert), d.reason]), aia: r.aia };
  return {
    ok: true,
    leaf: n(r.leaf),
    chain: r.chain.map(n),
    root: r.root && n(r.root),
    fetched: r.fetched.map(n),
    dropped: r.dropped.map((d) => [n(d.cert), d.reason]),
    aia: r.aia,
    verification: [r.verification.ok, r.verification.code, r.verification.path.length],
    anchoredBy: r.anchoredBy,
    endsUnder: r.endsUnder,
  };
}

describe('buildChainToServe', () => {
  it('orders a shuffled paste, drops the root, the duplicate, the expired copy and the unrelated certificates', async () => {
    const r = await buildChainToServe({
      certificates: [c.root!, c['other-leaf']!, c.ica!, c['ica-old']!, c.leaf!, c.ica!, c.other!],
      host: 'fix.example',
      anchors: [c.root!],
      at: AT,
      subtle,
    });
    expect(names(r)).toEqual({
      ok: true,
      leaf: 'leaf',
      chain: ['leaf', 'ica'],
      root: 'root',
      fetched: [],
      dropped: [
        ['ica', 'duplicate'],
        ['root', 'root'],
        ['other-leaf', 'unrelated'],
        ['ica-old', 'expired-alternative'],
        ['other', 'root'],
      ],
      aia: [],
      verification: [true, 0, 3],
      anchoredBy: 'store',
      endsUnder: 'CN=Fix Root',
    });
  });

  it('fetches the missing intermediate from the AIA URL (a loopback HTTP server)', async () => {
    const r = await buildChainToServe({ certificates: [c.leaf!], host: 'fix.example', anchors: [c.root!], fetchIssuer: fetcher, at: AT, subtle });
    expect(names(r)).toEqual({
      ok: true,
      leaf: 'leaf',
      chain: ['leaf', 'ica'],
      root: 'root',
      fetched: ['ica'],
      dropped: [],
      aia: [{ url: `http://127.0.0.1:${port}/ica.der`, for: 'CN=fix.example', outcome: 'fetched', got: ['CN=Fix ICA'] }],
      verification: [true, 0, 3],
      anchoredBy: 'store',
      endsUnder: 'CN=Fix Root',
    });
  });

  it('uses intermediates fetched elsewhere (the probe JSON) without fetching', async () => {
    const r = await buildChainToServe({ certificates: [c.leaf!], extra: [c.ica!], host: 'fix.example', anchors: [c.root!], at: AT, subtle });
    expect(r.ok && r.chain.map((x) => x.sha256)).toEqual([c.leaf!.sha256, c.ica!.sha256]);
  });

  it('names the missing intermediate and its AIA URL when fetching is off', async () => {
    const r = await buildChainToServe({ certificates: [c.leaf!], host: 'fix.example', anchors: [c.root!], at: AT, subtle });
    const url = `http://127.0.0.1:${port}/ica.der`;
    expect(names(r)).toEqual({
      ok: false,
      failure: { kind: 'MissingIntermediate', depth: 0, subject: 'CN=fix.example', issuer: 'CN=Fix ICA', aiaUrls: [url], aiaFetch: false },
      dropped: [],
      aia: [{ url, for: 'CN=fix.example', outcome: 'not-fetched', got: [] }],
    });
    expect(chainFailureText((r as { failure: Parameters<typeof chainFailureText>[0] }).failure)).toEqual(
      `The issuer of "CN=fix.example" ("CN=Fix ICA") is missing. Its AIA URL is ${url}: allow fetching it, or download it from your CA.`,
    );
  });

  it('says which AIA URL gave nothing', async () => {
    const r = await buildChainToServe({ certificates: [c['leaf-404']!], host: 'fix.example', anchors: [c.root!], fetchIssuer: fetcher, at: AT, subtle });
    const url = `http://127.0.0.1:${port}/missing.der`;
    expect(names(r)).toEqual({
      ok: false,
      failure: { kind: 'MissingIntermediate', depth: 0, subject: 'CN=fix.example', issuer: 'CN=Fix ICA', aiaUrls: [url], aiaFetch: true },
      dropped: [],
      aia: [{ url, for: 'CN=fix.example', outcome: 'nothing-usable', got: [] }],
    });
  });

  it('NoLeaf when only CA certificates are given', async () => {
    const r = await buildChainToServe({ certificates: [c.ica!, c.root!], anchors: [c.root!], at: AT, subtle });
    expect(names(r)).toEqual({
      ok: false,
      failure: { kind: 'NoLeaf', count: 2 },
      dropped: [
        ['ica', 'unrelated'],
        ['root', 'root'],
      ],
      aia: [],
    });
  });

  it('NoCertificates for an empty input', async () => {
    expect(names(await buildChainToServe({ certificates: [], anchors: [], at: AT, subtle }))).toEqual({
      ok: false,
      failure: { kind: 'NoCertificates' },
      dropped: [],
      aia: [],
    });
  });

  it('picks the leaf that names the host and is valid now among several', async () => {
    const r = await buildChainToServe({
      certificates: [c['expired-leaf']!, c.ica!, c.leaf!, c['other-leaf']!],
      host: 'fix.example',
      anchors: [c.root!],
      at: AT,
      subtle,
    });
    expect(names(r)).toMatchObject({
      ok: true,
      leaf: 'leaf',
      chain: ['leaf', 'ica'],
      dropped: [
        ['expired-leaf', 'expired-alternative'],
        ['other-leaf', 'unrelated'],
      ],
    });
  });

  it('DoesNotVerify with the OpenSSL code when the only leaf has expired', async () => {
    const r = await buildChainToServe({ certificates: [c['expired-leaf']!, c.ica!], host: 'fix.example', anchors: [c.root!], at: AT, subtle });
    expect(r.ok ? null : [r.failure.kind, r.failure.kind === 'DoesNotVerify' && [r.failure.verification.code, r.failure.verification.depth]]).toEqual([
      'DoesNotVerify',
      [10, 0],
    ]);
  });

  it('DoesNotVerify for a host the leaf does not name', async () => {
    const r = await buildChainToServe({ certificates: [c.leaf!, c.ica!], host: 'www.fix.example', anchors: [c.root!], at: AT, subtle });
    expect(r.ok ? null : r.failure.kind === 'DoesNotVerify' && [r.failure.verification.code, r.failure.verification.name]).toEqual([
      62,
      'X509_V_ERR_HOSTNAME_MISMATCH',
    ]);
  });

  it('without a trust store: verified up to the top of the chain, and says under which issuer it ends', async () => {
    const r = await buildChainToServe({ certificates: [c.ica!, c.leaf!], host: 'fix.example', anchors: [], at: AT, subtle });
    expect(names(r)).toEqual({
      ok: true,
      leaf: 'leaf',
      chain: ['leaf', 'ica'],
      root: null,
      fetched: [],
      dropped: [],
      aia: [],
      verification: [true, 0, 2],
      anchoredBy: 'top-of-chain',
      endsUnder: 'CN=Fix Root',
    });
  });

  it('without a trust store, a pasted root anchors the check and is dropped', async () => {
    const r = await buildChainToServe({ certificates: [c.root!, c.ica!, c.leaf!], host: 'fix.example', anchors: [], at: AT, subtle });
    expect(names(r)).toMatchObject({
      ok: true,
      chain: ['leaf', 'ica'],
      root: 'root',
      dropped: [['root', 'root']],
      verification: [true, 0, 3],
      anchoredBy: 'top-of-chain',
    });
  });
});
