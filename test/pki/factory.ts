/**
 * The one test-chain factory: real certificate chains built in code with the `openssl`
 * command line (node-only; never imported by src/ outside tests).
 *
 * Each certificate is described by a spec; the factory writes keys, a tiny `openssl ca`
 * configuration and the certificates into a fresh temp dir, so validity dates, digests,
 * key types and any extension text OpenSSL understands can be set exactly. Draw the chain
 * in a comment where you build it:
 *
 *   // root -> ica (pathlen:0) -> ee
 *   const f = ChainFactory.create();
 *   f.issue({ name: 'root', subject: '/CN=Root', ext: CA_EXT });
 *   f.issue({ name: 'ica', subject: '/CN=ICA', issuer: 'root', ext: caExt({ pathLen: 0 }) });
 *   f.issue({ name: 'ee', subject: '/CN=ee', issuer: 'ica', ext: leafExt('example.com') });
 *
 * Users: test/openssl-verify/pki.ts (the validator's PKI, fixed dates), test/probe/pki.ts (the
 * probe's chain), test/fixtures/inspect/openssl-chain.ts (the inspection chain) and
 * test/clients/pki.ts (the real-client situations), valid from now: `stamp(Date.now() + 90 * DAY)`.
 * src/core/sim/generate.ts is the simulator's own (production) generator, not a test helper.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type KeyType = 'ec256' | 'ec384' | 'ec521' | 'rsa1024' | 'rsa2048' | 'ed25519' | 'rsa-pss';
export type Digest = 'sha256' | 'sha384' | 'sha512' | 'sha1' | 'md5';

export interface CertSpec {
  /** File stem; also how later specs name their issuer. */
  name: string;
  /** OpenSSL `-subj` form, e.g. '/C=US/O=Test/CN=Root'. */
  subject: string;
  /** Name of the issuing spec; absent = self-signed. */
  issuer?: string;
  key?: KeyType;
  md?: Digest;
  /** Sign with RSASSA-PSS (issuer key must be RSA). */
  pss?: boolean;
  /** 'YYYYMMDDHHMMSSZ'. Defaults: 2020-01-01 .. 2040-01-01. */
  notBefore?: string;
  notAfter?: string;
  /** Extension lines in OpenSSL config syntax. */
  ext?: string[];
  /** Reuse the key of an earlier spec (cross-signs, re-issued CAs). */
  sameKeyAs?: string;
  /** Read `subject` as UTF-8 (`openssl req -utf8`), for names beyond ASCII. */
  utf8?: boolean;
}

export const DEFAULT_NOT_BEFORE = '20200101000000Z';
export const DEFAULT_NOT_AFTER = '20400101000000Z';

/** Extensions of a well-formed CA. */
export const CA_EXT = [
  'basicConstraints=critical,CA:TRUE',
  'keyUsage=critical,keyCertSign,cRLSign',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid:always',
];

/** A CA with a pathLen constraint: CA_EXT with `pathlen:N` in basicConstraints. */
export function caExt({ pathLen }: { pathLen: number }): string[] {
  return [`basicConstraints=critical,CA:TRUE,pathlen:${pathLen}`, ...CA_EXT.slice(1)];
}

export const DAY = 86_400_000;

/** A time as `openssl ca -startdate/-enddate` takes it: 'YYYYMMDDHHMMSSZ' (UTC). */
export function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** DER bytes of the first PEM block of `pem`. */
export function pemToDer(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

/** Extensions of a well-formed TLS server leaf for `names` (DNS names or IP literals). */
export function leafExt(...names: string[]): string[] {
  const san = names.map((n) => (/^[0-9.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  return [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid:always',
    ...(names.length ? [`subjectAltName=${san}`] : []),
  ];
}

const KEY_ARGS: Record<KeyType, string[]> = {
  ec256: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  ec384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  ec521: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521'],
  rsa1024: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024'],
  rsa2048: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  'rsa-pss': ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  ed25519: ['-algorithm', 'ED25519'],
};

const CA_CONFIG = `[ca]
default_ca = d
[d]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = p
unique_subject = no
email_in_dn = yes
[p]
commonName = optional
`;

export class ChainFactory {
  readonly dir: string;
  private readonly specs = new Map<string, CertSpec>();

  private constructor(dir: string) {
    this.dir = dir;
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1000\n');
  }

  static create(): ChainFactory {
    return new ChainFactory(mkdtempSync(join(tmpdir(), 'certlab-chain-')));
  }

  private run(args: string[]): string {
    return execFileSync('openssl', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  path(name: string, ext = 'pem'): string {
    return join(this.dir, `${name}.${ext}`);
  }

  /** Issues one certificate and returns its PEM. */
  issue(spec: CertSpec): string {
    const keyType = spec.key ?? 'ec256';
    const key = this.path(spec.sameKeyAs ?? spec.name, 'key');
    if (!spec.sameKeyAs) this.run(['genpkey', ...KEY_ARGS[keyType], '-out', key]);
    this.run(['req', '-new', ...(spec.utf8 ? ['-utf8'] : []), '-key', key, '-subj', spec.subject, '-out', this.path(spec.name, 'csr')]);
    writeFileSync(this.path(spec.name, 'ext'), `[v3]\n${(spec.ext ?? []).join('\n')}\n`);
    const issuer = spec.issuer ? this.specs.get(spec.issuer) : undefined;
    if (spec.issuer && !issuer) throw new Error(`issuer "${spec.issuer}" was not issued before "${spec.name}"`);
    const issuerKeyName = issuer ? (issuer.sameKeyAs ?? issuer.name) : undefined;
    const signer = issuer ? ['-cert', this.path(issuer.name), '-keyfile', this.path(issuerKeyName!, 'key')] : ['-selfsign', '-keyfile', key];
    const signerKey = issuer ? (issuer.key ?? 'ec256') : keyType;
    const md = signerKey === 'ed25519' ? [] : ['-md', spec.md ?? 'sha256'];
    const pss = spec.pss ? ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'] : [];
    this.run([
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      ...signer,
      '-in',
      this.path(spec.name, 'csr'),
      '-out',
      this.path(spec.name),
      '-startdate',
      spec.notBefore ?? DEFAULT_NOT_BEFORE,
      '-enddate',
      spec.notAfter ?? DEFAULT_NOT_AFTER,
      ...md,
      ...pss,
      '-extfile',
      this.path(spec.name, 'ext'),
      '-extensions',
      'v3',
      '-notext',
      '-preserveDN',
    ]);
    this.specs.set(spec.name, spec);
    return this.pem(spec.name);
  }

  pem(name: string): string {
    return readFileSync(this.path(name), 'utf8');
  }

  /** DER bytes of a certificate issued earlier. */
  der(name: string): Uint8Array {
    return pemToDer(this.pem(name));
  }

  /** Writes the concatenated PEMs of `names` to `<file>.pem` and returns its path. */
  bundle(file: string, names: string[]): string {
    const p = this.path(file);
    writeFileSync(p, names.map((n) => this.pem(n)).join(''));
    return p;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
