/**
 * Checks the verify code table against the real `openssl verify` of this machine: every code
 * we can provoke locally is provoked with chains built here by the openssl command, and the
 * number/text pair openssl prints (`error N at D depth lookup: TEXT`) must be the pair the
 * table gives for N in the default numbering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_NUMBERING, VERIFY_CODES, verifyCodeByNumber } from '../../src/core/codes/verify-codes.ts';

const EXT = `
[req]
distinguished_name=dn
[dn]
[v_ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[v_ca0]
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[v_notca]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[v_noku]
basicConstraints=critical,CA:TRUE
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[v_bcnotcrit]
basicConstraints=CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[v_nc]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
nameConstraints=critical,permitted;DNS:allowed.test,excluded;DNS:bad.allowed.test
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[v_leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:good.test,IP:127.0.0.1,email:a@good.test
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[v_outside]
basicConstraints=critical,CA:FALSE
subjectAltName=DNS:www.other.test
authorityKeyIdentifier=keyid
[v_excluded]
basicConstraints=critical,CA:FALSE
subjectAltName=DNS:bad.allowed.test
authorityKeyIdentifier=keyid
[v_critext]
basicConstraints=critical,CA:FALSE
subjectAltName=DNS:good.test
authorityKeyIdentifier=keyid
1.2.3.4.5=critical,ASN1:NULL
[v_pathnonca]
basicConstraints=critical,CA:FALSE,pathlen:0
subjectAltName=DNS:good.test
authorityKeyIdentifier=keyid
[v_noakid]
basicConstraints=critical,CA:FALSE
subjectAltName=DNS:good.test
authorityKeyIdentifier=none
subjectKeyIdentifier=none
`;

let dir = '';
const ossl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

function key(name: string, alg: 'ec' | 'rsa1024' = 'ec') {
  if (alg === 'ec') ossl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  else ossl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', `${name}.key`);
}
function root(name: string, cn = name, alg: 'ec' | 'rsa1024' = 'ec') {
  key(name, alg);
  ossl(
    'req',
    '-x509',
    '-new',
    '-key',
    `${name}.key`,
    '-subj',
    `/CN=${cn}`,
    '-days',
    '3650',
    '-out',
    `${name}.pem`,
    '-config',
    'ext.cnf',
    '-extensions',
    'v_ca',
  );
}
function issue(name: string, issuer: string, ext: string, opts: { alg?: 'ec' | 'rsa1024'; md?: string } = {}) {
  key(name, opts.alg);
  ossl('req', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-out', `${name}.csr`, '-config', 'ext.cnf');
  ossl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${issuer}.pem`,
    '-CAkey',
    `${issuer}.key`,
    '-days',
    '365',
    '-extfile',
    'ext.cnf',
    '-extensions',
    `v_${ext}`,
    '-out',
    `${name}.pem`,
    `-${opts.md ?? 'sha256'}`,
  );
}

/** Runs openssl verify and returns the `error N at D depth lookup: TEXT` lines, parsed. */
function verify(args: string[]): { code: number; depth: number; text: string }[] {
  const r = spawnSync('openssl', ['verify', ...args], { cwd: dir, encoding: 'utf8' });
  const out = `${r.stdout}\n${r.stderr}`;
  return [...out.matchAll(/^error (\d+) at (\d+) depth lookup: ?(.*)$/gm)].map((m) => ({ code: Number(m[1]), depth: Number(m[2]), text: m[3]! }));
}

const T = ['-CAfile', 'root.pem'];
/** Each case: the chain (drawn), the verify arguments, and the codes openssl must report. */
const CASES: { drawing: string; args: string[]; codes: number[] }[] = [
  { drawing: 'root -> ica -> leaf, checked in 2100', args: [...T, '-untrusted', 'ica.pem', '-attime', '4102444800', 'leaf.pem'], codes: [10, 10, 10] },
  { drawing: 'root -> ica -> leaf, checked in 2001', args: [...T, '-untrusted', 'ica.pem', '-attime', '1000000000', 'leaf.pem'], codes: [9] },
  { drawing: 'leaf <- ica (untrusted), no trust store', args: ['-no-CAfile', '-no-CApath', '-untrusted', 'ica.pem', 'leaf.pem'], codes: [20] },
  { drawing: 'leaf alone, no trust store', args: ['-no-CAfile', '-no-CApath', 'leaf.pem'], codes: [20] },
  {
    drawing: 'leaf <- ica <- root all untrusted',
    args: ['-no-CAfile', '-no-CApath', '-untrusted', 'ica.pem', '-untrusted', 'root.pem', 'leaf.pem'],
    codes: [19],
  },
  { drawing: 'trust store holds ica only', args: ['-CAfile', 'ica.pem', 'leaf.pem'], codes: [2] },
  { drawing: 'self-signed root verified alone', args: ['-no-CAfile', '-no-CApath', 'root.pem'], codes: [18] },
  { drawing: 'leaf(good.test) asked for bad.test', args: [...T, '-untrusted', 'ica.pem', '-verify_hostname', 'bad.test', 'leaf.pem'], codes: [62] },
  { drawing: 'leaf(IP 127.0.0.1) asked for 10.0.0.1', args: [...T, '-untrusted', 'ica.pem', '-verify_ip', '10.0.0.1', 'leaf.pem'], codes: [64] },
  { drawing: 'leaf(a@good.test) asked for b@bad.test', args: [...T, '-untrusted', 'ica.pem', '-verify_email', 'b@bad.test', 'leaf.pem'], codes: [63] },
  { drawing: 'leaf (EKU serverAuth) used as a client', args: [...T, '-untrusted', 'ica.pem', '-purpose', 'sslclient', 'leaf.pem'], codes: [26] },
  { drawing: 'root -> ica -> leaf with verify depth 0', args: [...T, '-untrusted', 'ica.pem', '-verify_depth', '0', 'leaf.pem'], codes: [22] },
  { drawing: 'CRL checking with no CRL', args: [...T, '-untrusted', 'ica.pem', '-crl_check', 'leaf.pem'], codes: [3] },
  { drawing: 'root -> notca (CA:FALSE) -> leaf2', args: [...T, '-untrusted', 'notca.pem', 'leaf2.pem'], codes: [79, 32] },
  { drawing: 'root -> noku (CA without keyUsage) -> leaf3, strict', args: ['-x509_strict', ...T, '-untrusted', 'noku.pem', 'leaf3.pem'], codes: [92] },
  { drawing: 'root -> ica0 (pathlen:0) -> ica1 -> leaf4', args: [...T, '-untrusted', 'u4.pem', 'leaf4.pem'], codes: [25] },
  { drawing: 'root -> nc (permitted allowed.test) -> leaf6(www.other.test)', args: [...T, '-untrusted', 'nc.pem', 'leaf6.pem'], codes: [47] },
  { drawing: 'root -> nc (excluded bad.allowed.test) -> leaf7(bad.allowed.test)', args: [...T, '-untrusted', 'nc.pem', 'leaf7.pem'], codes: [48] },
  { drawing: 'root -> ica -> leaf8 (unknown critical extension)', args: [...T, '-untrusted', 'ica.pem', 'leaf8.pem'], codes: [34] },
  {
    drawing: 'root -> bcnc (basicConstraints not critical) -> leaf10, strict',
    args: ['-x509_strict', ...T, '-untrusted', 'bcnc.pem', 'leaf10.pem'],
    codes: [89],
  },
  { drawing: 'root -> ica -> leaf12 (CA:FALSE, pathlen:0), strict', args: ['-x509_strict', ...T, '-untrusted', 'ica.pem', 'leaf12.pem'], codes: [80, 81] },
  { drawing: 'root -> leaf16 (no AKID), strict', args: ['-x509_strict', ...T, 'leaf16.pem'], codes: [85] },
  { drawing: 'root -> leaf16 checked against another key named root', args: ['-CAfile', 'root2.pem', 'leaf16.pem'], codes: [7] },
  { drawing: 'root -> ica -> weak (RSA-1024) at level 2', args: ['-auth_level', '2', ...T, '-untrusted', 'ica.pem', 'weak.pem'], codes: [66] },
  { drawing: 'root -> weakica (RSA-1024) -> leaf15 at level 2', args: ['-auth_level', '2', ...T, '-untrusted', 'weakica.pem', 'leaf15.pem'], codes: [67] },
  { drawing: 'root -> ica -sha1-> leaf14 at level 1', args: ['-auth_level', '1', ...T, '-untrusted', 'ica.pem', 'leaf14.pem'], codes: [68] },
  { drawing: 'root marked to reject serverAuth', args: ['-purpose', 'sslserver', '-CAfile', 'rootrej.pem', '-untrusted', 'ica.pem', 'leaf.pem'], codes: [28] },
  { drawing: 'ica CRL lists leaf', args: ['-crl_check', ...T, '-untrusted', 'ica.pem', '-CRLfile', 'ica.crl', 'leaf.pem'], codes: [23] },
  {
    drawing: 'ica CRL lists leaf, checked after nextUpdate',
    args: ['-crl_check', ...T, '-untrusted', 'ica.pem', '-CRLfile', 'ica.crl', '-attime', String(Math.floor(Date.now() / 1000) + 60 * 86400), 'leaf.pem'],
    codes: [12, 23],
  },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certlab-verify-codes-'));
  writeFileSync(join(dir, 'ext.cnf'), EXT);
  root('root');
  issue('ica', 'root', 'ca');
  issue('leaf', 'ica', 'leaf');
  issue('notca', 'root', 'notca');
  issue('leaf2', 'notca', 'leaf');
  issue('noku', 'root', 'noku');
  issue('leaf3', 'noku', 'leaf');
  issue('ica0', 'root', 'ca0');
  issue('ica1', 'ica0', 'ca');
  issue('leaf4', 'ica1', 'leaf');
  writeFileSync(join(dir, 'u4.pem'), execFileSync('cat', ['ica0.pem', 'ica1.pem'], { cwd: dir }));
  issue('nc', 'root', 'nc');
  issue('leaf6', 'nc', 'outside');
  issue('leaf7', 'nc', 'excluded');
  issue('leaf8', 'ica', 'critext');
  issue('bcnc', 'root', 'bcnotcrit');
  issue('leaf10', 'bcnc', 'leaf');
  issue('leaf12', 'ica', 'pathnonca');
  issue('leaf16', 'root', 'noakid');
  key('root2');
  ossl(
    'req',
    '-x509',
    '-new',
    '-key',
    'root2.key',
    '-subj',
    '/CN=root',
    '-days',
    '3650',
    '-out',
    'root2.pem',
    '-config',
    'ext.cnf',
    '-extensions',
    'v_ca',
    '-addext',
    'subjectKeyIdentifier=none',
  );
  issue('weak', 'ica', 'leaf', { alg: 'rsa1024' });
  issue('weakica', 'root', 'ca', { alg: 'rsa1024' });
  issue('leaf15', 'weakica', 'leaf');
  issue('leaf14', 'ica', 'leaf', { md: 'sha1' });
  ossl('x509', '-in', 'root.pem', '-addreject', 'serverAuth', '-out', 'rootrej.pem');
  // a CRL from ica that revokes leaf (openssl ca reads the revocation from its index file)
  mkdirSync(join(dir, 'cadb'));
  const serial = ossl('x509', '-in', 'leaf.pem', '-noout', '-serial').toString().trim().split('=')[1]!;
  writeFileSync(join(dir, 'cadb/index.txt'), `R\t300101000000Z\t250101000000Z\t${serial}\tunknown\t/CN=leaf\n`);
  writeFileSync(join(dir, 'cadb/crlnumber'), '1000\n');
  writeFileSync(join(dir, 'cadb.cnf'), '[ca]\ndefault_ca=c\n[c]\ndatabase=cadb/index.txt\ncrlnumber=cadb/crlnumber\ndefault_md=sha256\ndefault_crl_days=30\n');
  ossl('ca', '-config', 'cadb.cnf', '-gencrl', '-keyfile', 'ica.key', '-cert', 'ica.pem', '-out', 'ica.crl');
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`the table against this machine's openssl verify (numbering ${DEFAULT_NUMBERING})`, () => {
  it.each(CASES)('$drawing', ({ args, codes }) => {
    const errors = verify(args);
    expect(errors.map((e) => e.code)).toEqual(codes);
    for (const e of errors) {
      const entry = verifyCodeByNumber(e.code).code;
      expect({ code: e.code, text: entry?.text }).toEqual({ code: e.code, text: e.text });
    }
  });

  it("defaults to the numbering of this machine's openssl", () => {
    const version = execFileSync('openssl', ['version'], { encoding: 'utf8' });
    expect(version.startsWith(`OpenSSL ${DEFAULT_NUMBERING}.`)).toBe(true);
  });

  it('provokes 30 distinct codes', () => {
    expect(new Set(CASES.flatMap((c) => c.codes)).size).toBe(30);
  });
});

describe("the table against this machine's libcrypto", () => {
  it('has, for every number 0-104, the text X509_verify_cert_error_string() returns', () => {
    // asked through python3's ctypes: the library openssl, curl and Python use here
    const py = [
      'import ctypes, json',
      'f = ctypes.CDLL("libcrypto.so.3").X509_verify_cert_error_string',
      'f.restype = ctypes.c_char_p',
      'f.argtypes = [ctypes.c_long]',
      'print(json.dumps([f(i).decode() for i in range(105)]))',
    ].join('\n');
    const lib = JSON.parse(execFileSync('python3', ['-c', py], { encoding: 'utf8' })) as string[];
    const table = Array.from(
      { length: 105 },
      (_, n) => VERIFY_CODES.find((c) => c.numbers['3.0']?.code === n)?.numbers['3.0']?.text ?? 'unknown certificate verification error',
    );
    expect(table).toEqual(lib);
  });
});
