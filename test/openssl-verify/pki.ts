/**
 * One generated PKI with a certificate for every situation the validator must name, shared by
 * the openssl cross-check and the validator's unit tests. Chains (all EC P-256 unless noted):
 *
 *   root ─┬─ ica ─┬─ ee (SAN example.com, 192.0.2.1)
 *         │       ├─ ee-short (expires 2024-06-01)          ├─ ee-late (valid from 2026-01-01)
 *         │       ├─ ee-client (EKU clientAuth only)        ├─ ee-crlsign (KU cRLSign only)
 *         │       ├─ ee-critical (unknown critical 1.2.3.4) ├─ ee-rsa1024 (RSA 1024)
 *         │       ├─ ee-sha1 (signed with SHA-1; ica is EC so ecdsa-with-SHA1)
 *         │       ├─ ee-noaki (no AKI)                      ├─ ee-pathlen (CA:FALSE,pathlen:0)
 *         │       ├─ ee-cn (CN=example.com, no SAN)
 *         │       ├─ ee-kcs (CA:FALSE, keyUsage keyCertSign)       ├─ ee-pathlen-noku (CA:TRUE,pathlen:0, KU digitalSignature)
 *         ├─ ica-noku (KU digitalSignature only) ─ ee-noku
 *         ├─ ica-notca (CA:FALSE) ─ ee-notca
 *         ├─ ica-nobc (no basicConstraints) ─ ee-nobc
 *         ├─ ica0 (pathlen:0) ─ ica1 ─ ee-deep
 *         ├─ ica-rsa1024 (RSA 1024) ─ ee-under-rsa1024
 *         ├─ ica-nc (permitted DNS:example.com; excluded DNS:bad.example.com) ─ ee-nc-out (example.org), ee-nc-bad (x.bad.example.com)
 *         ├─ ica-ku-missing (CA without keyUsage) ─ ee-ku-missing
 *         ├─ ica-bc-noncrit (basicConstraints not critical) ─ ee-bc-noncrit
 *         ├─ ica-noski (no SKI) ─ ee-noski (no AKI)
 *         ├─ ica-b (same name "ICA" as ica, other key) ─ ee-forged (no AKI: only a signature tells them apart)
 *         ├─ ica-b-old (ica-b's name and key, expired 2024-06-01)
 *         ├─ ica-eku-client (EKU clientAuth only) ─ ee-under-eku-client
 *         ├─ ica-nc-ip (permitted IP 192.0.2.0/24) ─ ee-ip-out (IP 192.0.3.1), ee-ip-in (IP 192.0.2.7)
 *         ├─ ica-nc-email (permitted email example.com) ─ ee-email-out (email a@example.org)
 *         ├─ ica-nc-dn (permitted dirName O=Allowed) ─ ee-dn-out (O=Other, CN=ee-dn-out), ee-dn-in (O=Allowed, CN=ee-dn-in)
 *         │       also: ee-anyeku (EKU anyExtendedKeyUsage only, under ica)
 *         ├─ ica-short (expired 2024-06-01) ─ ee-via-short
 *         └─ ica-pss (RSA 2048) ─ ee-pss (signed RSASSA-PSS), ica-pss ─ ed (Ed25519 CA) ─ ee-ed (Ed25519-signed)
 *   root-p384 (P-384) ─ ica-p521 (P-521) ─ ee-p521chain
 *   self (self-signed leaf)
 */
import { ChainFactory, CA_EXT, leafExt } from '../pki/factory.ts';

export const AT = Date.UTC(2025, 0, 1);

const NOAKI = ['basicConstraints=critical,CA:FALSE', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=none', 'subjectAltName=DNS:example.com'];

export function buildPki(): ChainFactory {
  const f = ChainFactory.create();
  f.issue({ name: 'root', subject: '/CN=Root', ext: CA_EXT });
  f.issue({ name: 'ica', subject: '/CN=ICA', issuer: 'root', ext: CA_EXT });
  f.issue({ name: 'ee', subject: '/CN=ee', issuer: 'ica', ext: leafExt('example.com', '192.0.2.1') });
  f.issue({ name: 'ee-short', subject: '/CN=ee-short', issuer: 'ica', notAfter: '20240601000000Z', ext: leafExt('example.com') });
  f.issue({ name: 'ee-late', subject: '/CN=ee-late', issuer: 'ica', notBefore: '20260101000000Z', ext: leafExt('example.com') });
  f.issue({ name: 'ee-client', subject: '/CN=ee-client', issuer: 'ica', ext: ['extendedKeyUsage=clientAuth', 'subjectAltName=DNS:example.com'] });
  f.issue({ name: 'ee-crlsign', subject: '/CN=ee-crlsign', issuer: 'ica', ext: ['keyUsage=critical,cRLSign', 'subjectAltName=DNS:example.com'] });
  f.issue({ name: 'ee-critical', subject: '/CN=ee-critical', issuer: 'ica', ext: ['1.2.3.4=critical,ASN1:NULL', 'subjectAltName=DNS:example.com'] });
  f.issue({ name: 'ee-rsa1024', subject: '/CN=ee-rsa1024', issuer: 'ica', key: 'rsa1024', ext: leafExt('example.com') });
  f.issue({ name: 'ee-sha1', subject: '/CN=ee-sha1', issuer: 'ica', md: 'sha1', ext: leafExt('example.com') });
  f.issue({ name: 'ee-noaki', subject: '/CN=ee-noaki', issuer: 'ica', ext: NOAKI });
  f.issue({
    name: 'ee-pathlen',
    subject: '/CN=ee-pathlen',
    issuer: 'ica',
    ext: ['basicConstraints=critical,CA:FALSE,pathlen:0', 'subjectAltName=DNS:example.com'],
  });
  f.issue({ name: 'ee-cn', subject: '/CN=example.com', issuer: 'ica', ext: ['basicConstraints=critical,CA:FALSE'] });
  f.issue({
    name: 'ee-kcs',
    subject: '/CN=ee-kcs',
    issuer: 'ica',
    ext: ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,keyCertSign', 'subjectAltName=DNS:example.com'],
  });
  f.issue({
    name: 'ee-pathlen-noku',
    subject: '/CN=ee-pathlen-noku',
    issuer: 'ica',
    ext: ['basicConstraints=critical,CA:TRUE,pathlen:0', 'keyUsage=critical,digitalSignature', 'subjectAltName=DNS:example.com'],
  });
  const ca = (name: string, subject: string, ext: string[], extra: Partial<Parameters<ChainFactory['issue']>[0]> = {}) => {
    f.issue({ name, subject, issuer: 'root', ext, ...extra });
  };
  ca('ica-noku', '/CN=ICA-noku', ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,digitalSignature']);
  f.issue({ name: 'ee-noku', subject: '/CN=ee-noku', issuer: 'ica-noku', ext: leafExt('example.com') });
  ca('ica-notca', '/CN=ICA-notca', ['basicConstraints=critical,CA:FALSE']);
  f.issue({ name: 'ee-notca', subject: '/CN=ee-notca', issuer: 'ica-notca', ext: leafExt('example.com') });
  ca('ica-nobc', '/CN=ICA-nobc', ['subjectKeyIdentifier=hash']);
  f.issue({ name: 'ee-nobc', subject: '/CN=ee-nobc', issuer: 'ica-nobc', ext: leafExt('example.com') });
  ca('ica0', '/CN=ICA0', [...CA_EXT, 'basicConstraints=critical,CA:TRUE,pathlen:0']);
  f.issue({ name: 'ica1', subject: '/CN=ICA1', issuer: 'ica0', ext: CA_EXT });
  f.issue({ name: 'ee-deep', subject: '/CN=ee-deep', issuer: 'ica1', ext: leafExt('example.com') });
  ca('ica-rsa1024', '/CN=ICA-rsa1024', CA_EXT, { key: 'rsa1024' });
  f.issue({ name: 'ee-under-rsa1024', subject: '/CN=ee-under-rsa1024', issuer: 'ica-rsa1024', ext: leafExt('example.com') });
  ca('ica-nc', '/CN=ICA-nc', [...CA_EXT, 'nameConstraints=critical,permitted;DNS:example.com,excluded;DNS:bad.example.com']);
  f.issue({ name: 'ee-nc-out', subject: '/CN=ee-nc-out', issuer: 'ica-nc', ext: leafExt('example.org') });
  f.issue({ name: 'ee-nc-bad', subject: '/CN=ee-nc-bad', issuer: 'ica-nc', ext: leafExt('x.bad.example.com') });
  ca('ica-ku-missing', '/CN=ICA-ku-missing', ['basicConstraints=critical,CA:TRUE', 'subjectKeyIdentifier=hash']);
  f.issue({ name: 'ee-ku-missing', subject: '/CN=ee-ku-missing', issuer: 'ica-ku-missing', ext: leafExt('example.com') });
  ca('ica-bc-noncrit', '/CN=ICA-bc-noncrit', ['basicConstraints=CA:TRUE', 'keyUsage=critical,keyCertSign']);
  f.issue({ name: 'ee-bc-noncrit', subject: '/CN=ee-bc-noncrit', issuer: 'ica-bc-noncrit', ext: leafExt('example.com') });
  ca('ica-noski', '/CN=ICA-noski', ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign', 'subjectKeyIdentifier=none']);
  f.issue({ name: 'ee-noski', subject: '/CN=ee-noski', issuer: 'ica-noski', ext: ['subjectAltName=DNS:example.com', 'authorityKeyIdentifier=none'] });
  ca('ica-b', '/CN=ICA', ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign', 'subjectKeyIdentifier=none']);
  f.issue({ name: 'ee-forged', subject: '/CN=ee-forged', issuer: 'ica-b', ext: NOAKI });
  ca('ica-b-old', '/CN=ICA', ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign', 'subjectKeyIdentifier=none'], {
    sameKeyAs: 'ica-b',
    notAfter: '20240601000000Z',
  });
  ca('ica-nc-ip', '/CN=ICA-nc-ip', [...CA_EXT, 'nameConstraints=critical,permitted;IP:192.0.2.0/255.255.255.0']);
  f.issue({ name: 'ee-ip-out', subject: '/CN=ee-ip-out', issuer: 'ica-nc-ip', ext: leafExt('192.0.3.1') });
  f.issue({ name: 'ee-ip-in', subject: '/CN=ee-ip-in', issuer: 'ica-nc-ip', ext: leafExt('192.0.2.7') });
  ca('ica-nc-email', '/CN=ICA-nc-email', [...CA_EXT, 'nameConstraints=critical,permitted;email:example.com']);
  f.issue({
    name: 'ee-email-out',
    subject: '/CN=ee-email-out',
    issuer: 'ica-nc-email',
    ext: [...leafExt('example.com').filter((e) => !e.startsWith('subjectAltName')), 'subjectAltName=DNS:example.com,email:a@example.org'],
  });
  ca('ica-nc-dn', '/O=Allowed/CN=ICA-nc-dn', [...CA_EXT, 'nameConstraints=critical,permitted;dirName:nc_dn', '[nc_dn]', 'O=Allowed']);
  f.issue({ name: 'ee-dn-out', subject: '/O=Other/CN=ee-dn-out', issuer: 'ica-nc-dn', ext: leafExt('example.com') });
  f.issue({ name: 'ee-dn-in', subject: '/O=Allowed/CN=ee-dn-in', issuer: 'ica-nc-dn', ext: leafExt('example.com') });
  f.issue({ name: 'ee-anyeku', subject: '/CN=ee-anyeku', issuer: 'ica', ext: ['extendedKeyUsage=anyExtendedKeyUsage', 'subjectAltName=DNS:example.com'] });
  ca('ica-eku-client', '/CN=ICA-eku-client', [...CA_EXT, 'extendedKeyUsage=clientAuth']);
  f.issue({ name: 'ee-under-eku-client', subject: '/CN=ee-under-eku-client', issuer: 'ica-eku-client', ext: leafExt('example.com') });
  ca('ica-short', '/CN=ICA-short', CA_EXT, { notAfter: '20240601000000Z' });
  f.issue({ name: 'ee-via-short', subject: '/CN=ee-via-short', issuer: 'ica-short', ext: leafExt('example.com') });
  ca('ica-pss', '/CN=ICA-pss', CA_EXT, { key: 'rsa2048' });
  f.issue({ name: 'ee-pss', subject: '/CN=ee-pss', issuer: 'ica-pss', pss: true, ext: leafExt('example.com') });
  f.issue({ name: 'ed', subject: '/CN=ICA-ed25519', issuer: 'ica-pss', key: 'ed25519', ext: CA_EXT });
  f.issue({ name: 'ee-ed', subject: '/CN=ee-ed', issuer: 'ed', ext: leafExt('example.com') });
  f.issue({ name: 'root-p384', subject: '/CN=Root P-384', key: 'ec384', md: 'sha384', ext: CA_EXT });
  f.issue({ name: 'ica-p521', subject: '/CN=ICA P-521', issuer: 'root-p384', key: 'ec521', md: 'sha384', ext: CA_EXT });
  f.issue({ name: 'ee-p521chain', subject: '/CN=ee-p521chain', issuer: 'ica-p521', md: 'sha512', ext: leafExt('example.com') });
  f.issue({ name: 'self', subject: '/CN=self', ext: leafExt('example.com') });
  return f;
}
