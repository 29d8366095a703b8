/**
 * What `openssl s_client -connect host:443 -servername host -showcerts` (OpenSSL 3.0, the
 * version Debian 12 ships) prints for a generated scenario: the "Certificate chain" block
 * exactly as the server sent it, the "Server certificate" lines and the verify return code.
 * test/sim/showcerts.test.ts compares this with the real s_client against s_server.
 */
import type { Millis } from '../model.ts';
import { resolveTime, type GeneratedPki } from './generate.ts';
import type { CertificateSpec, KeyType, SignatureHash, SubjectSpec } from './scenario.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ASN1_TIME_print: "Oct  7 19:39:14 2026 GMT" (day padded with a space). */
export function opensslTime(ms: Millis): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

/**
 * One attribute value as OpenSSL 3.0's XN_FLAG_ONELINE prints it (s_client's default; checked
 * against real s_client output): UTF-8 bytes above 0x7F and control bytes as \XX, `"` and `\`
 * escaped with a backslash, and a value holding , + < > ; (or starting with # or a space, or
 * ending with a space) wrapped in double quotes instead of escaped.
 */
export function opensslOnelineValue(v: string): string {
  let quote = false;
  let out = '';
  const bytes = new TextEncoder().encode(v);
  bytes.forEach((b, i) => {
    const ch = String.fromCharCode(b);
    if (b > 0x7f || b < 0x20 || b === 0x7f) out += `\\${b.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else {
      if (',+<>;'.includes(ch) || (i === 0 && (ch === '#' || ch === ' ')) || (i === bytes.length - 1 && ch === ' ')) quote = true;
      out += ch;
    }
  });
  return quote ? `"${out}"` : out;
}

/** X509_NAME_print_ex with s_client's flags: "C = US, O = Certlab Demo, CN = Root". */
export function opensslOneline(s: SubjectSpec): string {
  const parts: string[] = [];
  if (s.country) parts.push(`C = ${opensslOnelineValue(s.country)}`);
  if (s.organization) parts.push(`O = ${opensslOnelineValue(s.organization)}`);
  if (s.organizationalUnit) parts.push(`OU = ${opensslOnelineValue(s.organizationalUnit)}`);
  if (s.commonName) parts.push(`CN = ${opensslOnelineValue(s.commonName)}`);
  return parts.join(', ');
}

function pkeyText(key: KeyType): string {
  switch (key) {
    case 'P-256':
      return 'id-ecPublicKey, 256 (bit)';
    case 'P-384':
      return 'id-ecPublicKey, 384 (bit)';
    case 'RSA-2048':
      return 'rsaEncryption, 2048 (bit)';
    case 'RSA-1024':
      return 'rsaEncryption, 1024 (bit)';
  }
}

/** OpenSSL short name of the signature algorithm, from the issuer's key and the hash. */
export function sigalgName(issuerKey: KeyType, hash: SignatureHash): string {
  const h = hash.replace('-', '');
  return issuerKey.startsWith('RSA') ? `RSA-${h}` : `ecdsa-with-${h}`;
}

export interface VerifyLine {
  code: number;
  text: string;
}

/** The chain block and trailer of `s_client -showcerts` for what the server sends. */
export function renderShowcerts(pki: GeneratedPki, verify: VerifyLine): string {
  const byId = new Map(pki.certificates.map((c) => [c.id, c]));
  const specOf = (id: string): CertificateSpec => byId.get(id)!.spec;
  const lines = ['CONNECTED(00000003)', '---', 'Certificate chain'];
  pki.scenario.serverSends.forEach((id, depth) => {
    const c = byId.get(id)!;
    const issuer = specOf(c.spec.issuer);
    lines.push(
      ` ${depth} s:${opensslOneline(c.spec.subject)}`,
      `   i:${opensslOneline(issuer.subject)}`,
      `   a:PKEY: ${pkeyText(c.spec.key ?? 'P-256')}; sigalg: ${sigalgName(issuer.key ?? 'P-256', c.spec.signatureHash ?? 'SHA-256')}`,
      `   v:NotBefore: ${opensslTime(resolveTime(c.spec.validity.notBefore, pki.at))}; NotAfter: ${opensslTime(resolveTime(c.spec.validity.notAfter, pki.at))}`,
      ...c.pem.trimEnd().split('\n'),
    );
  });
  const leaf = specOf(pki.scenario.serverSends[0]!);
  lines.push(
    '---',
    'Server certificate',
    `subject=${opensslOneline(leaf.subject)}`,
    `issuer=${opensslOneline(specOf(leaf.issuer).subject)}`,
    '---',
    '...',
    `Verify return code: ${verify.code} (${verify.text})`,
  );
  return `${lines.join('\n')}\n`;
}
