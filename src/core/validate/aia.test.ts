/**
 * AIA fetching: a server that sends only its leaf is rescued when the client fetches the
 * caIssuers URL (Chrome) and not otherwise (OpenSSL, curl, Python). The URL is served by a
 * real HTTP server on 127.0.0.1.
 *
 *   root -> ica -> ee (AIA caIssuers: http://127.0.0.1:PORT/ica.der; ica.p7c for ee-p7c, a PKCS#7
 *                      bundle as many CAs serve; missing.der for ee-404)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { webcrypto } from 'node:crypto';
import type { Certificate, ValidationPolicy } from '../model.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { ChainFactory, CA_EXT, leafExt } from '../../../test/pki/factory.ts';
import { validate } from './validate.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const AT = Date.UTC(2025, 0, 1);
const POLICY: ValidationPolicy = { aiaFetch: true, cnFallback: false, minRsaBits: 2048, rejectSha1: true, strict: false, partialChain: false, maxDepth: 100 };

let server: Server;
let f: ChainFactory;
const requested: string[] = [];
const certs: Record<string, Certificate> = {};

async function fetcher(url: string): Promise<Uint8Array | null> {
  const r = await fetch(url);
  return r.ok ? new Uint8Array(await r.arrayBuffer()) : null;
}

beforeAll(async () => {
  f = ChainFactory.create();
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    if (req.url === '/ica.der') {
      res.writeHead(200, { 'content-type': 'application/pkix-cert' });
      res.end(Buffer.from(f.der('ica')));
    } else if (req.url === '/ica.p7c') {
      res.writeHead(200, { 'content-type': 'application/pkcs7-mime' });
      res.end(readFileSync(f.path('ica', 'p7c')));
    } else {
      res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  f.issue({ name: 'root', subject: '/CN=AIA Root', ext: CA_EXT });
  f.issue({ name: 'ica', subject: '/CN=AIA ICA', issuer: 'root', ext: CA_EXT });
  f.issue({
    name: 'ee',
    subject: '/CN=ee',
    issuer: 'ica',
    ext: [...leafExt('example.com'), `authorityInfoAccess=caIssuers;URI:http://127.0.0.1:${port}/ica.der`],
  });
  f.issue({
    name: 'ee-p7c',
    subject: '/CN=ee-p7c',
    issuer: 'ica',
    ext: [...leafExt('example.com'), `authorityInfoAccess=caIssuers;URI:http://127.0.0.1:${port}/ica.p7c`],
  });
  execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', f.path('ica'), '-outform', 'DER', '-out', f.path('ica', 'p7c')]);
  f.issue({
    name: 'ee-404',
    subject: '/CN=ee-404',
    issuer: 'ica',
    ext: [...leafExt('example.com'), `authorityInfoAccess=caIssuers;URI:http://127.0.0.1:${port}/missing.der`],
  });
  for (const n of ['root', 'ica', 'ee', 'ee-p7c', 'ee-404']) certs[n] = await parseCertificate(f.der(n), subtle);
});

afterAll(async () => {
  await new Promise((ok) => server?.close(ok));
  f?.dispose();
});

describe('AIA caIssuers fetching', () => {
  it('completes a leaf-only chain when the policy fetches', async () => {
    const r = await validate({ peer: certs.ee, anchors: [certs.root], at: AT, policy: POLICY, aiaFetcher: fetcher, subtle, peerName: 'example.com' });
    const ica = certs.ica;
    expect({ ok: r.ok, aiaFetched: r.aiaFetched, path: r.path.map((p) => p.subject) }).toEqual({
      ok: true,
      aiaFetched: [{ subject: ica.subject.oneline, issuer: ica.issuer.oneline, sha256: ica.sha256 }],
      path: ['CN=ee', 'CN=AIA ICA', 'CN=AIA Root'],
    });
    expect(requested).toContain('/ica.der');
  });
  it('reads a PKCS#7 (.p7c) answer too', async () => {
    const r = await validate({ peer: certs['ee-p7c'], anchors: [certs.root], at: AT, policy: POLICY, aiaFetcher: fetcher, subtle });
    expect({ ok: r.ok, aiaFetched: r.aiaFetched.map((p) => p.sha256) }).toEqual({ ok: true, aiaFetched: [certs.ica.sha256] });
  });
  it('does not fetch when the policy does not (OpenSSL-based clients): 20 at depth 0', async () => {
    const before = requested.length;
    const r = await validate({ peer: certs.ee, anchors: [certs.root], at: AT, policy: { ...POLICY, aiaFetch: false }, aiaFetcher: fetcher, subtle });
    expect({ code: r.code, kind: r.error?.kind, depth: r.depth, fetches: requested.length - before }).toEqual({
      code: 20,
      kind: 'IssuerNotFound',
      depth: 0,
      fetches: 0,
    });
  });
  it('a URL that serves nothing leaves the chain incomplete', async () => {
    const r = await validate({ peer: certs['ee-404'], anchors: [certs.root], at: AT, policy: POLICY, aiaFetcher: fetcher, subtle });
    expect({ code: r.code, kind: r.error?.kind, aiaFetched: r.aiaFetched }).toEqual({ code: 20, kind: 'IssuerNotFound', aiaFetched: [] });
  });
});
