/**
 * The broken-server situations that the real clients are run against. Each one builds
 * its chain in code, says what the server sends and what the client trusts, and names
 * the OpenSSL 3 verify code (and depth) that `openssl verify` reports for it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAY, issue, type Issued } from './pki.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Serves `der` over HTTP from a child process on 127.0.0.1; resolves to its URL and a stop function. */
async function serveOverHttp(der: ArrayBuffer): Promise<{ url: string; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'certlab-aia-'));
  const file = join(dir, 'ica.der');
  writeFileSync(file, new Uint8Array(der));
  const child = spawn(resolve(HERE, '../../node_modules/.bin/node'), [join(HERE, 'aia-server.ts'), file], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`AIA server did not start: ${out}`)), 10_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}/ica.der`,
    stop: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Situation {
  id: string;
  /** OpenSSL 3 verify code a failing-fast OpenSSL client (curl, Python) reports; 0 = ok. */
  code: number;
  depth: number;
  /** What the server sends, leaf first; the leaf's key is served. */
  served: Issued[];
  /** What the client trusts (CAfile). */
  trusted: Issued[];
  /** Name the client asks for (SNI and hostname check). */
  host: string;
  /** Extra `openssl s_server` options (e.g. demand a client certificate). */
  serverArgs?: string[];
  /** Stops helpers the situation started (e.g. the AIA HTTP server). */
  cleanup?: () => void;
}

export interface SituationDef {
  id: string;
  code: number;
  depth: number;
  /** The chain, drawn. */
  drawing: string;
  build(now: number): Promise<Omit<Situation, 'id' | 'code' | 'depth'>>;
}

const HOST = 'localhost';

async function rootAndIca(now: number, icaSpec: Partial<Parameters<typeof issue>[0]> = {}, rootSpec: Partial<Parameters<typeof issue>[0]> = {}) {
  const root = await issue({ cn: 'Certlab Test Root', ca: true, ...rootSpec }, now);
  const ica = await issue({ cn: 'Certlab Test ICA', ca: true, issuer: root, ...icaSpec }, now);
  return { root, ica };
}

export const SITUATIONS: SituationDef[] = [
  {
    id: 'ok',
    code: 0,
    depth: 0,
    drawing: 'root -> ica -> ee(localhost); sends ee+ica; trusts root',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'incomplete-chain',
    code: 20,
    depth: 0,
    drawing: 'root -> ica -> ee; sends ee only; trusts root',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica }, now);
      return { served: [ee], trusted: [root], host: HOST };
    },
  },
  {
    id: 'incomplete-chain-aia',
    code: 20,
    depth: 0,
    drawing: 'root -> ica -> ee (AIA caIssuers http://127.0.0.1:PORT/ica.der); sends ee only; trusts root',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const http = await serveOverHttp(ica.cert.rawData);
      const ee = await issue({ cn: HOST, issuer: ica, caIssuersUrl: http.url }, now);
      return { served: [ee], trusted: [root], host: HOST, cleanup: http.stop };
    },
  },
  {
    id: 'unknown-ca',
    code: 20,
    depth: 1,
    drawing: 'root -> ica -> ee; sends ee+ica; trusts another root',
    async build(now) {
      const { ica } = await rootAndIca(now);
      const other = await issue({ cn: 'Some Other Root', ca: true }, now);
      const ee = await issue({ cn: HOST, issuer: ica }, now);
      return { served: [ee, ica], trusted: [other], host: HOST };
    },
  },
  {
    id: 'self-signed-in-chain',
    code: 19,
    depth: 2,
    drawing: 'root -> ica -> ee; sends ee+ica+root; trusts another root',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const other = await issue({ cn: 'Some Other Root', ca: true }, now);
      const ee = await issue({ cn: HOST, issuer: ica }, now);
      return { served: [ee, ica, root], trusted: [other], host: HOST };
    },
  },
  {
    id: 'self-signed-leaf',
    code: 18,
    depth: 0,
    drawing: 'ee(localhost) self-signed; trusts another root',
    async build(now) {
      const other = await issue({ cn: 'Some Other Root', ca: true }, now);
      const ee = await issue({ cn: HOST }, now);
      return { served: [ee], trusted: [other], host: HOST };
    },
  },
  {
    id: 'expired',
    code: 10,
    depth: 0,
    drawing: 'root -> ica -> ee (notAfter 10 days ago)',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica, notBefore: now - 100 * DAY, notAfter: now - 10 * DAY }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'expired-intermediate',
    code: 10,
    depth: 1,
    drawing: 'root -> ica (notAfter 5 days ago) -> ee',
    async build(now) {
      const { root, ica } = await rootAndIca(now, { notBefore: now - 200 * DAY, notAfter: now - 5 * DAY });
      const ee = await issue({ cn: HOST, issuer: ica, notBefore: now - 100 * DAY }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'not-yet-valid',
    code: 9,
    depth: 0,
    drawing: 'root -> ica -> ee (notBefore in 10 days)',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica, notBefore: now + 10 * DAY, notAfter: now + 100 * DAY }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'hostname-mismatch',
    code: 62,
    depth: 0,
    drawing: 'root -> ica -> ee(SAN DNS:www.example.org, DNS:example.org); asked for localhost',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: 'www.example.org', issuer: ica, san: ['DNS:www.example.org', 'DNS:example.org'] }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'ip-mismatch',
    code: 64,
    depth: 0,
    drawing: 'root -> ica -> ee(SAN DNS:localhost, IP:127.0.0.2); asked for 127.0.0.1',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica, san: ['DNS:localhost', 'IP:127.0.0.2'] }, now);
      return { served: [ee, ica], trusted: [root], host: '127.0.0.1' };
    },
  },
  {
    id: 'cn-only',
    code: 0,
    depth: 0,
    drawing: 'root -> ica -> ee(CN=localhost, no SAN)',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica, san: null }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'trusted-intermediate',
    code: 2,
    depth: 1,
    drawing: 'root -> ica -> ee; sends ee+ica; trusts only ica (partial chain)',
    async build(now) {
      const { ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica }, now);
      return { served: [ee, ica], trusted: [ica], host: HOST };
    },
  },
  {
    id: 'ca-without-keyusage',
    code: 0,
    depth: 0,
    drawing: 'root -> ica (no keyUsage extension) -> ee; fine for OpenSSL, refused in strict mode (Python 3.13)',
    async build(now) {
      const { root, ica } = await rootAndIca(now, { keyUsage: null });
      const ee = await issue({ cn: HOST, issuer: ica }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'invalid-ca',
    code: 79,
    depth: 1,
    drawing: 'root -> ica (CA:FALSE, keyCertSign) -> ee',
    async build(now) {
      const { root, ica } = await rootAndIca(now, { ca: false, keyUsage: 32 | 64, eku: null, san: null });
      const ee = await issue({ cn: HOST, issuer: ica }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'path-length',
    code: 25,
    depth: 2,
    drawing: 'root (pathlen:0) -> ica -> ee',
    async build(now) {
      const { root, ica } = await rootAndIca(now, {}, { pathLen: 0 });
      const ee = await issue({ cn: HOST, issuer: ica }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'wrong-purpose',
    code: 26,
    depth: 0,
    drawing: 'root -> ica -> ee (EKU clientAuth only)',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica, eku: ['1.3.6.1.5.5.7.3.2'] }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'no-keycertsign',
    code: 79,
    depth: 1,
    drawing: 'root -> ica (keyUsage digitalSignature only) -> ee',
    async build(now) {
      const { root, ica } = await rootAndIca(now, { keyUsage: 1 });
      const ee = await issue({ cn: HOST, issuer: ica }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'weak-key',
    code: 66,
    depth: 0,
    drawing: 'root -> ica -> ee (RSA-1024)',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica, rsaBits: 1024 }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'weak-digest',
    code: 68,
    depth: 0,
    drawing: 'root -> ica -sha1-> ee',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica, hash: 'SHA-1' }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
  {
    id: 'client-cert-required',
    code: 0,
    depth: 0,
    drawing: 'good chain; server demands a client certificate (-Verify 1), client has none',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica }, now);
      return { served: [ee, ica], trusted: [root], host: HOST, serverArgs: ['-Verify', '1', '-CAfile', '@trusted'] };
    },
  },
  {
    id: 'protocol-mismatch',
    code: 0,
    depth: 0,
    drawing: 'good chain; server speaks TLS 1.1 at most',
    async build(now) {
      const { root, ica } = await rootAndIca(now);
      const ee = await issue({ cn: HOST, issuer: ica }, now);
      return { served: [ee, ica], trusted: [root], host: HOST, serverArgs: ['-no_tls1_3', '-no_tls1_2'] };
    },
  },
  {
    id: 'name-constraints',
    code: 47,
    depth: 0,
    drawing: 'root -> ica (permitted DNS:example.org) -> ee(localhost)',
    async build(now) {
      const { root, ica } = await rootAndIca(now, { permittedDns: ['example.org'] });
      const ee = await issue({ cn: HOST, issuer: ica, san: ['DNS:localhost'] }, now);
      return { served: [ee, ica], trusted: [root], host: HOST };
    },
  },
];
