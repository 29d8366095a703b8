/**
 * The plain-text evidence block a person pastes into a ticket or an email: what a shell
 * audit script (s_client + x509) would print — target, protocol, the verify result, the leaf's
 * expiry and the chain as sent in `s:`/`i:` lines, in OpenSSL 3.0's spelling.
 */
import type { Certificate, DistinguishedName, Millis } from '../../core/model.ts';
import { opensslTime } from '../../core/sim/showcerts.ts';
import { validityStatus } from '../../core/x509/certificate.ts';
import { parseName } from '../../core/x509/name.ts';
import type { WireReport } from './engine.ts';

/** X509_NAME_print_ex as s_client prints it: "C = US, O = Example, CN = R11". */
export function sClientName(dn: DistinguishedName): string {
  const esc = (v: string) => v.replace(/[,+"\\<>;]/g, '\\$&');
  return dn.rdns.map((rdn) => rdn.map((a) => `${a.type} = ${esc(a.value)}`).join(' + ')).join(', ');
}

/** OpenSSL short names (OBJ_nid2sn, crypto/objects/objects.txt) as s_client's `a:` line prints them. */
const KEY_SN: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'rsaEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.2.1': 'id-ecPublicKey',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
  '1.2.840.10040.4.1': 'DSA',
};
const SIG_SN: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'RSA-SHA1',
  '1.2.840.113549.1.1.11': 'RSA-SHA256',
  '1.2.840.113549.1.1.12': 'RSA-SHA384',
  '1.2.840.113549.1.1.13': 'RSA-SHA512',
  '1.2.840.113549.1.1.14': 'RSA-SHA224',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
};

/** s_client's "a:" line: "PKEY: id-ecPublicKey, 256 (bit); sigalg: ecdsa-with-SHA256". */
export function sClientKeyLine(c: Certificate): string {
  const key = KEY_SN[c.publicKey.algorithmOid] ?? c.publicKey.algorithm;
  const sig = SIG_SN[c.signatureAlgorithm.oid] ?? c.signatureAlgorithm.name;
  return `PKEY: ${key}, ${c.publicKey.bits} (bit); sigalg: ${sig}`;
}

export interface EvidenceVerify {
  /** e.g. "openssl (Mozilla store)" */
  label: string;
  code: number;
  text: string;
}

export interface EvidenceInput {
  report: WireReport;
  certificates: (Certificate | null)[];
  at: Millis;
  verify?: EvidenceVerify[];
  handshakeError?: string;
}

function caName(der: Uint8Array): string {
  try {
    return sClientName(parseName(der));
  } catch {
    return `(a name of ${der.length} bytes that does not parse)`;
  }
}

/** The way to TLS and, after a STARTTLS-style dialogue, the dialogue itself (S: server, C: client). */
function upgradeLines(r: WireReport): string[] {
  if (!r.upgrade) return [];
  return [`Upgrade   : ${r.upgrade.description}`, ...r.upgrade.transcript.map((l) => `  ${l.from === 'server' ? 'S' : 'C'}: ${l.text}`)];
}

export function evidenceText(input: EvidenceInput): string {
  const { report: r, certificates, at } = input;
  const hostPort = `${r.target.host.includes(':') ? `[${r.target.host}]` : r.target.host}:${r.target.port}`;
  const lines = [
    `# certlab probe ${hostPort}${r.target.servername && r.target.servername !== r.target.host ? ` -servername ${r.target.servername}` : ''}${
      r.upgrade?.mode === 'starttls' && r.upgrade.chosen === 'given' ? ` --starttls ${r.upgrade.protocol}` : ''
    }`,
    `# at ${new Date(at).toISOString()} from the server's address ${r.ip}`,
    ...upgradeLines(r),
    `Protocol  : ${r.protocol ?? '(none)'}`,
    `Cipher    : ${r.cipher ?? '(none)'}`,
    `ALPN      : ${r.alpn ?? '(none)'}`,
    `OCSP      : ${r.ocspStapled ? 'response stapled' : 'no response stapled'}`,
    `Client certificate requested: ${r.clientCertRequested ? 'yes' : 'no'}`,
  ];
  if (r.legacyTls) {
    lines.push(
      `Old TLS   : TLS 1.2 and 1.3 refused; a read-only attempt offering TLS 1.0/1.1 got ${r.legacyTls.protocol}, ${r.legacyTls.cipher ?? 'no cipher'}`,
    );
  }
  if (input.handshakeError) lines.push(`Handshake : FAILED - ${input.handshakeError}`);
  for (const v of input.verify ?? []) lines.push(`Verify return code: ${v.code} (${v.text}) [${v.label}]`);
  const leaf = certificates[0];
  if (leaf) {
    lines.push(`notBefore=${opensslTime(leaf.notBefore)}`);
    lines.push(`notAfter=${opensslTime(leaf.notAfter)} (${validityStatus(leaf.notBefore, leaf.notAfter, at).text})`);
  }
  lines.push('---', `Certificate chain (as sent: ${r.presented.length} certificate${r.presented.length === 1 ? '' : 's'})`);
  certificates.forEach((c, i) => {
    if (!c) {
      lines.push(` ${i} (certificate ${i} could not be parsed)`);
      return;
    }
    lines.push(` ${i} s:${sClientName(c.subject)}`, `   i:${sClientName(c.issuer)}`, `   a:${sClientKeyLine(c)}`);
    lines.push(`   v:NotBefore: ${opensslTime(c.notBefore)}; NotAfter: ${opensslTime(c.notAfter)}`);
  });
  lines.push('---');
  if (r.acceptableClientCAs.length) {
    // s_client's own block, in its spelling.
    lines.push('Acceptable client certificate CA names', ...r.acceptableClientCAs.map(caName), '---');
  }
  return lines.join('\n');
}
