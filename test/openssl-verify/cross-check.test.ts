/**
 * The validator's verify code must be the one the real `openssl verify` prints first for the
 * same chain. Each row names the situation, the chain (see pki.ts for the drawing), and the
 * code@depth both must report; the test runs both and compares them with that expectation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import type { Certificate, ValidationPolicy } from '../../src/core/model.ts';
import { parseCertificate } from '../../src/core/x509/certificate.ts';
import { validate } from '../../src/core/validate/validate.ts';
import type { ChainFactory } from '../pki/factory.ts';
import { opensslVerify } from './openssl-verify.ts';
import { AT, buildPki } from './pki.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

interface Row {
  label: string;
  peer: string;
  trusted: string[];
  untrusted?: string[];
  host?: string;
  ip?: string;
  at?: number;
  strict?: boolean;
  authLevel?: 1 | 2;
  partial?: boolean;
  /** 'ok' or 'code@depth'. */
  want: string;
}

const ROWS: Row[] = [
  { label: 'complete chain', peer: 'ee', trusted: ['root'], untrusted: ['ica'], host: 'example.com', want: 'ok' },
  { label: 'intermediate not sent', peer: 'ee', trusted: ['root'], want: '20@0' },
  { label: 'root not trusted, not sent', peer: 'ee', trusted: [], untrusted: ['ica'], want: '20@1' },
  { label: 'untrusted root sent', peer: 'ee', trusted: [], untrusted: ['ica', 'root'], want: '19@2' },
  { label: 'only the intermediate trusted', peer: 'ee', trusted: ['ica'], want: '2@1' },
  { label: 'intermediate trusted, partial chain', peer: 'ee', trusted: ['ica'], partial: true, want: 'ok' },
  { label: 'self-signed peer', peer: 'self', trusted: ['root'], want: '18@0' },
  { label: 'self-signed peer trusted', peer: 'self', trusted: ['self'], want: 'ok' },
  { label: 'hostname mismatch', peer: 'ee', trusted: ['root'], untrusted: ['ica'], host: 'other.example.net', want: '62@0' },
  { label: 'IP address mismatch', peer: 'ee', trusted: ['root'], untrusted: ['ica'], ip: '192.0.2.2', want: '64@0' },
  { label: 'IP address match', peer: 'ee', trusted: ['root'], untrusted: ['ica'], ip: '192.0.2.1', want: 'ok' },
  { label: 'CN-only peer, name check (OpenSSL falls back to CN)', peer: 'ee-cn', trusted: ['root'], untrusted: ['ica'], host: 'example.com', want: 'ok' },
  { label: 'peer expired', peer: 'ee-short', trusted: ['root'], untrusted: ['ica'], want: '10@0' },
  { label: 'peer not yet valid', peer: 'ee-late', trusted: ['root'], untrusted: ['ica'], want: '9@0' },
  { label: 'everything expired: anchor first', peer: 'ee', trusted: ['root'], untrusted: ['ica'], at: Date.UTC(2041, 0, 1), want: '10@2' },
  { label: 'hostname checked before time', peer: 'ee-short', trusted: ['root'], untrusted: ['ica'], host: 'x.example.net', want: '62@0' },
  { label: 'intermediate expired', peer: 'ee-via-short', trusted: ['root'], untrusted: ['ica-short'], want: '10@1' },
  { label: 'intermediate keyUsage without keyCertSign', peer: 'ee-noku', trusted: ['root'], untrusted: ['ica-noku'], want: '79@1' },
  { label: 'intermediate CA:FALSE', peer: 'ee-notca', trusted: ['root'], untrusted: ['ica-notca'], want: '79@1' },
  { label: 'intermediate without basicConstraints', peer: 'ee-nobc', trusted: ['root'], untrusted: ['ica-nobc'], want: '79@1' },
  { label: 'pathlen:0 intermediate above another', peer: 'ee-deep', trusted: ['root'], untrusted: ['ica1', 'ica0'], want: '25@2' },
  { label: 'peer EKU clientAuth only', peer: 'ee-client', trusted: ['root'], untrusted: ['ica'], want: '26@0' },
  { label: 'peer keyUsage cRLSign only', peer: 'ee-crlsign', trusted: ['root'], untrusted: ['ica'], want: '26@0' },
  { label: 'unknown critical extension', peer: 'ee-critical', trusted: ['root'], untrusted: ['ica'], want: '34@0' },
  { label: 'RSA-1024 peer at level 2', peer: 'ee-rsa1024', trusted: ['root'], untrusted: ['ica'], authLevel: 2, want: '66@0' },
  { label: 'RSA-1024 peer at level 2, even when the chain is incomplete', peer: 'ee-rsa1024', trusted: ['root'], authLevel: 2, want: '66@0' },
  { label: 'RSA-1024 peer at level 1', peer: 'ee-rsa1024', trusted: ['root'], untrusted: ['ica'], authLevel: 1, want: 'ok' },
  { label: 'RSA-1024 intermediate at level 2', peer: 'ee-under-rsa1024', trusted: ['root'], untrusted: ['ica-rsa1024'], authLevel: 2, want: '67@1' },
  { label: 'SHA-1 signed peer at level 1', peer: 'ee-sha1', trusted: ['root'], untrusted: ['ica'], authLevel: 1, want: '68@0' },
  { label: 'SHA-1 signed peer at level 0', peer: 'ee-sha1', trusted: ['root'], untrusted: ['ica'], want: 'ok' },
  { label: 'name outside permitted subtree', peer: 'ee-nc-out', trusted: ['root'], untrusted: ['ica-nc'], want: '47@0' },
  { label: 'name inside excluded subtree', peer: 'ee-nc-bad', trusted: ['root'], untrusted: ['ica-nc'], want: '48@0' },
  { label: 'signature by another key with the same issuer name', peer: 'ee-forged', trusted: ['root'], untrusted: ['ica'], want: '7@0' },
  { label: 'strict: CA without keyUsage', peer: 'ee-ku-missing', trusted: ['root'], untrusted: ['ica-ku-missing'], strict: true, want: '92@1' },
  { label: 'non-strict: CA without keyUsage', peer: 'ee-ku-missing', trusted: ['root'], untrusted: ['ica-ku-missing'], want: 'ok' },
  { label: 'strict: CA basicConstraints not critical', peer: 'ee-bc-noncrit', trusted: ['root'], untrusted: ['ica-bc-noncrit'], strict: true, want: '89@1' },
  { label: 'strict: peer without AKI', peer: 'ee-noaki', trusted: ['root'], untrusted: ['ica'], strict: true, want: '85@0' },
  { label: 'strict: CA without SKI', peer: 'ee-noski', trusted: ['root'], untrusted: ['ica-noski'], strict: true, want: '85@0' },
  { label: 'strict: pathlen on a non-CA', peer: 'ee-pathlen', trusted: ['root'], untrusted: ['ica'], strict: true, want: '80@0' },
  { label: 'strict: keyCertSign on a non-CA', peer: 'ee-kcs', trusted: ['root'], untrusted: ['ica'], strict: true, want: '82@0' },
  { label: 'strict: pathlen without keyCertSign', peer: 'ee-pathlen-noku', trusted: ['root'], untrusted: ['ica'], strict: true, want: '81@0' },
  { label: 'intermediate EKU clientAuth only', peer: 'ee-under-eku-client', trusted: ['root'], untrusted: ['ica-eku-client'], want: '26@1' },
  { label: 'IP outside a permitted IP range', peer: 'ee-ip-out', trusted: ['root'], untrusted: ['ica-nc-ip'], ip: '192.0.3.1', want: '47@0' },
  { label: 'IP inside a permitted IP range', peer: 'ee-ip-in', trusted: ['root'], untrusted: ['ica-nc-ip'], ip: '192.0.2.7', want: 'ok' },
  { label: 'email outside a permitted email domain', peer: 'ee-email-out', trusted: ['root'], untrusted: ['ica-nc-email'], want: '47@0' },
  { label: 'subject outside a permitted directory name', peer: 'ee-dn-out', trusted: ['root'], untrusted: ['ica-nc-dn'], want: '47@0' },
  { label: 'subject inside a permitted directory name', peer: 'ee-dn-in', trusted: ['root'], untrusted: ['ica-nc-dn'], want: 'ok' },
  { label: 'peer EKU anyExtendedKeyUsage only', peer: 'ee-anyeku', trusted: ['root'], untrusted: ['ica'], want: '26@0' },
  { label: 'RSA-PSS signature', peer: 'ee-pss', trusted: ['root'], untrusted: ['ica-pss'], want: 'ok' },
  { label: 'Ed25519 signature', peer: 'ee-ed', trusted: ['root'], untrusted: ['ed', 'ica-pss'], want: 'ok' },
  { label: 'P-384 root, P-521 intermediate', peer: 'ee-p521chain', trusted: ['root-p384'], untrusted: ['ica-p521'], want: 'ok' },
];

function policyFor(row: Row): ValidationPolicy {
  return {
    aiaFetch: false,
    cnFallback: true,
    minRsaBits: row.authLevel === 2 ? 2048 : row.authLevel === 1 ? 1024 : 0,
    rejectSha1: !!row.authLevel,
    strict: !!row.strict,
    partialChain: !!row.partial,
    maxDepth: 100,
  };
}

describe('validator codes agree with `openssl verify`', () => {
  let f: ChainFactory;
  const certs = new Map<string, Certificate>();
  const cert = async (name: string) => {
    if (!certs.has(name)) certs.set(name, await parseCertificate(f.der(name), subtle));
    return certs.get(name)!;
  };
  beforeAll(() => {
    f = buildPki();
  });
  afterAll(() => f?.dispose());

  it('deliberate difference: OpenSSL keeps the first (time-valid) same-name issuer, certlab tries all', async () => {
    // ee-forged is signed by ica-b's key; "CN=ICA" candidates: ica (valid, other key) and
    // ica-b-old (right key, expired). openssl verify stops at the bad signature (7 at 0);
    // certlab reports the expired right issuer (10 at 1), which tells the user more.
    const o = opensslVerify(f.path('ee-forged'), {
      cafile: f.path('root'),
      untrusted: f.bundle('u-greedy', ['ica', 'ica-b-old']),
      attime: AT / 1000,
      purpose: 'sslserver',
    });
    const ours = await validate({
      peer: await cert('ee-forged'),
      untrusted: [await cert('ica'), await cert('ica-b-old')],
      anchors: [await cert('root')],
      at: AT,
      policy: policyFor({} as Row),
      subtle,
    });
    expect({ openssl: `${o.first?.code}@${o.first?.depth}`, certlab: `${ours.code}@${ours.depth}` }).toEqual({ openssl: '7@0', certlab: '10@1' });
  });

  it.each(ROWS)('$label → $want', async (row) => {
    const at = row.at ?? AT;
    const o = opensslVerify(f.path(row.peer), {
      cafile: row.trusted.length ? f.bundle(`t-${row.trusted.join('-')}`, row.trusted) : undefined,
      untrusted: row.untrusted?.length ? f.bundle(`u-${row.untrusted.join('-')}`, row.untrusted) : undefined,
      host: row.host,
      ip: row.ip,
      attime: Math.floor(at / 1000),
      purpose: 'sslserver',
      strict: row.strict,
      partialChain: row.partial,
      authLevel: row.authLevel,
    });
    const ours = await validate({
      peer: await cert(row.peer),
      untrusted: await Promise.all((row.untrusted ?? []).map(cert)),
      anchors: await Promise.all(row.trusted.map(cert)),
      peerName: row.host ?? row.ip,
      at,
      purpose: 'serverAuth',
      policy: policyFor(row),
      subtle,
    });
    const theirs = o.ok ? 'ok' : `${o.first?.code}@${o.first?.depth}`;
    const mine = ours.ok ? 'ok' : `${ours.code}@${ours.depth}`;
    expect({ openssl: theirs, certlab: mine }).toEqual({ openssl: row.want, certlab: row.want });
    if (!o.ok && !ours.ok) expect(ours.text).toBe(o.first?.text);
  });
});
