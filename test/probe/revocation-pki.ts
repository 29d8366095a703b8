/**
 * A PKI with real revocation services on 127.0.0.1, for the probe's revocation tests:
 *
 *   root "Revocation Test Root" -> ica "Revocation Test ICA" -> good      (OCSP + CRL URLs)
 *                                                            -> revoked   (revoked: keyCompromise)
 *                                                            -> staple    (Must-Staple: tlsfeature status_request)
 *                                                            -> sct       (two embedded SCTs from a test log key)
 *                                                            -> responder (OCSPSigning: a delegated responder)
 *                                                            -> plain     (no OCSPSigning: not a responder)
 *
 * The OCSP responder is `openssl ocsp -index` answering each request (-reqin/-respout) behind
 * a node:http server bound to 127.0.0.1 (`openssl ocsp -port` binds every interface); the CRL
 * is `openssl ca -gencrl` served by the same server. Certificates are issued with `openssl ca`
 * (the chain factory), so index.txt is OpenSSL's own database.
 */
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { once } from 'node:events';
import { join } from 'node:path';
import { ChainFactory, DAY, pemToDer, stamp } from '../pki/factory.ts';
import type { TestCert } from './pki.ts';

export interface RevocationPki {
  dir: string;
  root: TestCert;
  ica: TestCert;
  good: TestCert;
  revoked: TestCert;
  staple: TestCert;
  sct: TestCert;
  responder: TestCert;
  plain: TestCert;
  /** A certificate from ica that is not in OpenSSL's database (the responder says unknown). */
  unlisted: TestCert;
  /** The test log's ID (SHA-256 of its public key), base64, and the two SCT times (ms). */
  sctLogId: string;
  sctTimes: number[];
  port: number;
  /** Requests the server saw, as `METHOD path`. */
  requests: string[];
  /** An OCSP response from the responder for `cert`, signed by `signer` (default: ica). */
  ocspResponse: (cert: TestCert, signer?: TestCert) => Uint8Array;
  /** Who signs the responder's live answers. */
  setSigner: (signer: TestCert) => void;
  /** Another leaf from ica whose AIA and CRL distribution points name these URLs instead. */
  issueLeaf: (name: string, urls: { ocsp: string[]; crl: string[] }) => TestCert;
  close: () => Promise<void>;
}

function load(f: ChainFactory, name: string): TestCert {
  const pem = f.pem(name);
  const keyPath = f.path(name, 'key');
  return { name, certPath: f.path(name), keyPath, pem, keyPem: readFileSync(keyPath, 'utf8'), der: pemToDer(pem) };
}

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};
const derLen = (n: number) => (n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]));

/**
 * A SignedCertificateTimestampList (RFC 6962 3.3) with one SCT per time, signed with the test
 * log's P-256 key over the SCT's version, type and timestamp. certlab holds no log keys and does
 * not check SCT signatures, so the tests check the log ID and the times.
 */
function sctExtension(times: number[]): { value: string; logId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const logId = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest();
  const scts = times.map((t) => {
    const signature = sign('sha256', Buffer.concat([Buffer.from([0, 0]), u64(t)]), privateKey);
    const body = Buffer.concat([Buffer.from([0]), logId, u64(t), u16(0), Buffer.from([4, 3]), u16(signature.length), signature]);
    return Buffer.concat([u16(body.length), body]);
  });
  const list = Buffer.concat(scts);
  const tls = Buffer.concat([u16(list.length), list]);
  const octet = Buffer.concat([Buffer.from([0x04]), derLen(tls.length), tls]);
  return { value: octet.toString('hex'), logId: logId.toString('base64') };
}

export async function startRevocationPki(): Promise<RevocationPki> {
  const f = ChainFactory.create();
  const dir = f.dir;
  const requests: string[] = [];
  let signer = 'ica';
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const respond = (reqPath: string, respPath: string, by: string) =>
    run([
      'ocsp',
      '-index',
      'index.txt',
      '-CA',
      'ica.pem',
      '-rsigner',
      `${by}.pem`,
      '-rkey',
      `${by}.key`,
      '-reqin',
      reqPath,
      '-respout',
      respPath,
      '-ndays',
      '1',
    ]);

  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/ocsp') {
        const n = requests.length;
        writeFileSync(join(dir, `live-${n}.req`), Buffer.concat(chunks));
        respond(`live-${n}.req`, `live-${n}.resp`, signer);
        res.writeHead(200, { 'content-type': 'application/ocsp-response' });
        res.end(readFileSync(join(dir, `live-${n}.resp`)));
      } else if (req.method === 'GET' && req.url === '/ica.crl') {
        res.writeHead(200, { 'content-type': 'application/pkix-crl' });
        res.end(readFileSync(join(dir, 'ica.crl')));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;

  const valid = { notBefore: stamp(Date.now() - DAY), notAfter: stamp(Date.now() + 90 * DAY) };
  const ca = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash'];
  const urls = [`authorityInfoAccess=OCSP;URI:http://127.0.0.1:${port}/ocsp`, `crlDistributionPoints=URI:http://127.0.0.1:${port}/ica.crl`];
  const leaf = (cn: string, more: string[] = []) => [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=DNS:${cn}`,
    'authorityKeyIdentifier=keyid',
    ...urls,
    ...more,
  ];
  f.issue({ name: 'root', subject: '/O=certlab tests/CN=Revocation Test Root', ext: ca, ...valid });
  f.issue({ name: 'ica', subject: '/O=certlab tests/CN=Revocation Test ICA', issuer: 'root', ext: [...ca, 'authorityKeyIdentifier=keyid'], ...valid });
  f.issue({ name: 'good', subject: '/CN=good.test', issuer: 'ica', ext: leaf('good.test'), ...valid });
  f.issue({ name: 'revoked', subject: '/CN=revoked.test', issuer: 'ica', ext: leaf('revoked.test'), ...valid });
  f.issue({ name: 'staple', subject: '/CN=staple.test', issuer: 'ica', ext: leaf('staple.test', ['tlsfeature=status_request']), ...valid });
  const sctTimes = [Date.UTC(2026, 0, 2, 3, 4, 5, 678), Date.UTC(2026, 0, 2, 3, 4, 6, 0)];
  const sct = sctExtension(sctTimes);
  f.issue({ name: 'sct', subject: '/CN=sct.test', issuer: 'ica', ext: leaf('sct.test', [`1.3.6.1.4.1.11129.2.4.2=DER:${sct.value}`]), ...valid });
  const responderExt = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'authorityKeyIdentifier=keyid'];
  f.issue({
    name: 'responder',
    subject: '/CN=Revocation Test OCSP Responder',
    issuer: 'ica',
    ext: [...responderExt, 'extendedKeyUsage=OCSPSigning'],
    ...valid,
  });
  f.issue({ name: 'plain', subject: '/CN=Not A Responder', issuer: 'ica', ext: [...responderExt, 'extendedKeyUsage=serverAuth'], ...valid });
  // Outside OpenSSL's database: signed directly with `openssl x509 -req`.
  run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'unlisted.key']);
  run(['req', '-new', '-key', 'unlisted.key', '-subj', '/CN=unlisted.test', '-out', 'unlisted.csr']);
  writeFileSync(join(dir, 'unlisted.ext'), `[v3]\n${leaf('unlisted.test').join('\n')}\n`);
  run([
    'x509',
    '-req',
    '-in',
    'unlisted.csr',
    '-CA',
    'ica.pem',
    '-CAkey',
    'ica.key',
    '-set_serial',
    '0x7777',
    '-days',
    '30',
    '-extfile',
    'unlisted.ext',
    '-extensions',
    'v3',
    '-out',
    'unlisted.pem',
  ]);

  run(['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ica.pem', '-keyfile', 'ica.key', '-revoke', 'revoked.pem', '-crl_reason', 'keyCompromise']);
  run(['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ica.pem', '-keyfile', 'ica.key', '-gencrl', '-crldays', '1', '-out', 'ica.crl.pem']);
  run(['crl', '-in', 'ica.crl.pem', '-outform', 'DER', '-out', 'ica.crl']);

  let n = 0;
  return {
    dir,
    root: load(f, 'root'),
    ica: load(f, 'ica'),
    good: load(f, 'good'),
    revoked: load(f, 'revoked'),
    staple: load(f, 'staple'),
    sct: load(f, 'sct'),
    responder: load(f, 'responder'),
    plain: load(f, 'plain'),
    unlisted: load(f, 'unlisted'),
    sctLogId: sct.logId,
    sctTimes,
    port,
    requests,
    ocspResponse: (cert, by) => {
      n++;
      run(['ocsp', '-issuer', 'ica.pem', '-cert', cert.certPath, '-reqout', `offline-${n}.req`, '-no_nonce']);
      respond(`offline-${n}.req`, `offline-${n}.resp`, by?.name ?? 'ica');
      return new Uint8Array(readFileSync(join(dir, `offline-${n}.resp`)));
    },
    setSigner: (s) => {
      signer = s.name;
    },
    issueLeaf: (name, u) => {
      const ext = leaf(`${name}.test`).filter((l) => !l.startsWith('authorityInfoAccess') && !l.startsWith('crlDistributionPoints'));
      if (u.ocsp.length) ext.push(`authorityInfoAccess=${u.ocsp.map((x) => `OCSP;URI:${x}`).join(',')}`);
      if (u.crl.length) ext.push(`crlDistributionPoints=${u.crl.map((x) => `URI:${x}`).join(',')}`);
      f.issue({ name, subject: `/CN=${name}.test`, issuer: 'ica', ext, ...valid });
      return load(f, name);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      f.dispose();
    },
  };
}
