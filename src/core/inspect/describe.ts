/**
 * Plain-text description of inspected objects, shared by the CLI (`certlab inspect`)
 * and the inspector widget: each item becomes titled sections of label/value rows,
 * in the spirit of `openssl x509 -text` but with names spelled out. Values are text
 * only; callers render them with textContent or print them.
 */
import type { Certificate, Extension, PublicKeyInfo } from '../model.ts';
import type { InspectItem, KeystoreSummary } from './result.ts';
import type { DecodedExtension } from '../x509/extensions.ts';
import type { BundleAnalysis } from './bundle.ts';
import { generalNameText } from '../x509/general-name.ts';
import { toColonHex } from '../der/hex.ts';
import { EXT_KEY_USAGES } from '../der/oids.ts';

export interface Row {
  label: string;
  value: string[];
}
export interface Section {
  title: string;
  rows: Row[];
}
export interface ItemDescription {
  title: string;
  subtitle: string;
  sections: Section[];
}

const row = (label: string, ...value: (string | undefined)[]): Row => ({ label, value: value.filter((v): v is string => v !== undefined) });

/** ms since epoch as ISO-8601 UTC (`2026-11-26T19:54:11Z`), computed without Date. */
export function isoTime(ms: number): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const days = Math.floor(ms / 86_400_000);
  const rest = ms - days * 86_400_000;
  // civil date from days since 1970-01-01 (proleptic Gregorian)
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const frac = rest % 1000;
  const time = `${p(Math.floor(rest / 3_600_000))}:${p(Math.floor(rest / 60_000) % 60)}:${p(Math.floor(rest / 1000) % 60)}${frac ? '.' + p(frac, 3) : ''}`;
  return `${y < 0 ? '-' + p(-y, 6) : p(y, 4)}-${p(m)}-${p(d)}T${time}Z`;
}

const KU_TEXT: Record<string, string> = {
  digitalSignature: 'Digital Signature',
  nonRepudiation: 'Non Repudiation',
  keyEncipherment: 'Key Encipherment',
  dataEncipherment: 'Data Encipherment',
  keyAgreement: 'Key Agreement',
  keyCertSign: 'Certificate Sign',
  cRLSign: 'CRL Sign',
  encipherOnly: 'Encipher Only',
  decipherOnly: 'Decipher Only',
};
const EKU_TEXT: Record<string, string> = {
  serverAuth: 'TLS Web Server Authentication',
  clientAuth: 'TLS Web Client Authentication',
  codeSigning: 'Code Signing',
  emailProtection: 'E-mail Protection',
  timeStamping: 'Time Stamping',
  OCSPSigning: 'OCSP Signing',
  anyExtendedKeyUsage: 'Any Extended Key Usage',
};

export function publicKeyText(pk: Pick<PublicKeyInfo, 'algorithm' | 'bits' | 'curve' | 'exponent'>): string {
  if (pk.algorithm === 'EC') return `EC ${pk.curve ?? ''} (${pk.bits} bit)`;
  if (pk.algorithm === 'RSA' || pk.algorithm === 'RSA-PSS') return `${pk.algorithm} ${pk.bits} bit${pk.exponent ? `, exponent ${pk.exponent}` : ''}`;
  return pk.bits ? `${pk.algorithm} (${pk.bits} bit)` : pk.algorithm;
}

/** The lines of one extension's value. */
export function extensionText(e: Extension): string[] {
  if (e.error) return [`could not decode: ${e.error}`, e.valueHex];
  const d = e.decoded as DecodedExtension | undefined;
  if (!d) return [`${e.oid} (unknown extension): ${e.valueHex}`];
  switch (d.kind) {
    case 'subjectAltName':
    case 'issuerAltName':
      return d.names.map(generalNameText);
    case 'keyUsage':
      return [d.flags.map((f) => KU_TEXT[f] ?? f).join(', ')];
    case 'extKeyUsage':
      return d.usages.map((u) => (EKU_TEXT[u.name] ? `${EKU_TEXT[u.name]} (${u.name})` : (EXT_KEY_USAGES[u.oid] ?? u.oid)));
    case 'basicConstraints':
      return [`CA:${d.value.ca ? 'TRUE' : 'FALSE'}${d.value.pathLen !== undefined ? `, pathlen:${d.value.pathLen}` : ''}`];
    case 'nameConstraints':
      return [...d.value.permitted.map((g) => `Permitted: ${generalNameText(g)}`), ...d.value.excluded.map((g) => `Excluded: ${generalNameText(g)}`)];
    case 'subjectKeyIdentifier':
      return [toColonHex(d.keyId)];
    case 'authorityKeyIdentifier':
      return [
        ...(d.value.keyId ? [`keyid:${toColonHex(d.value.keyId)}`] : []),
        ...(d.value.issuer ?? []).map((g) => `issuer: ${generalNameText(g)}`),
        ...(d.value.serialHex ? [`serial:${toColonHex(d.value.serialHex)}`] : []),
      ];
    case 'authorityInfoAccess':
    case 'subjectInfoAccess':
      return d.access.map((a) => `${a.methodName} - ${generalNameText(a.location)}`);
    case 'cRLDistributionPoints':
    case 'freshestCRL':
      return d.points.flatMap((p) => [...(p.fullName ?? []).map(generalNameText), ...(p.reasons ? [`reasons: ${p.reasons.join(', ')}`] : [])]);
    case 'certificatePolicies':
      return d.policies.flatMap((p) => [
        `Policy: ${p.oid}${p.name !== p.oid ? ` (${p.name})` : ''}`,
        ...p.cps.map((u) => `  CPS: ${u}`),
        ...p.userNotices.map((t) => `  User Notice: ${t}`),
      ]);
    case 'sctList':
      return d.scts.map((s) => `SCT v${s.version} from log ${s.logId.slice(0, 16)}… at ${isoTime(s.timestamp)} (${s.hashAlgorithm}/${s.signatureAlgorithm})`);
    case 'precertPoison':
      return ['precertificate poison (this is a CT precertificate, not for use in TLS)'];
    case 'tlsFeature':
      return d.features.map((f) => (f === 5 ? 'status_request (OCSP Must-Staple)' : `feature ${f}`));
    case 'policyConstraints':
      return [
        Object.entries(d.value)
          .map(([k, v]) => `${k}:${v}`)
          .join(', '),
      ];
    case 'policyMappings':
      return d.mappings.map((m) => `${m.issuerDomainPolicy} → ${m.subjectDomainPolicy}`);
    case 'inhibitAnyPolicy':
      return [`skip certs: ${d.skipCerts}`];
    case 'text':
      return [d.text];
    case 'integer':
      return [toColonHex(d.hex)];
    case 'crlReason':
      return [d.reason];
    case 'time':
      return [isoTime(d.at)];
  }
}

const ROLE_TEXT = { root: 'root (self-signed CA)', intermediate: 'intermediate CA', leaf: 'leaf (end entity)' };

function certificateSections(c: Certificate, validityText: string): Section[] {
  return [
    {
      title: 'Identity',
      rows: [
        row('Subject', c.subject.oneline || '(empty)'),
        row('Issuer', c.issuer.oneline || '(empty)'),
        row('Role', ROLE_TEXT[c.role]),
        row('Serial number', toColonHex(c.serialHex)),
        row('Version', String(c.version)),
      ],
    },
    {
      title: 'Validity',
      rows: [row('Not before', isoTime(c.notBefore)), row('Not after', isoTime(c.notAfter)), row('Status', validityText)],
    },
    {
      title: 'Key and signature',
      rows: [
        row('Public key', publicKeyText(c.publicKey)),
        row('Signature algorithm', c.signatureAlgorithm.name),
        row('SPKI SHA-256 (pin)', c.publicKey.spkiSha256),
      ],
    },
    { title: 'Extensions', rows: c.extensions.map((e) => row(`${e.name}${e.critical ? ' (critical)' : ''}`, ...extensionText(e))) },
    { title: 'Fingerprints', rows: [row('SHA-256', toColonHex(c.sha256)), row('SHA-1', toColonHex(c.sha1))] },
  ];
}

const FORMAT_TEXT: Record<string, string> = {
  pem: 'PEM',
  der: 'DER',
  base64: 'base64',
  hex: 'hex',
  pkcs7: 'from PKCS#7',
  pkcs12: 'from PKCS#12',
  s_client: 's_client output',
  keystore: 'from a Java keystore',
};

export function sourceText(it: InspectItem): string {
  const s = it.source;
  const parts = [
    s.file,
    s.label ? `${FORMAT_TEXT[s.format]} ${s.label}` : FORMAT_TEXT[s.format],
    s.line ? `line ${s.line}` : undefined,
    s.friendlyName ? `"${s.friendlyName}"` : undefined,
    s.encryption ? `opened: ${s.encryption}` : undefined,
  ];
  return parts.filter(Boolean).join(', ');
}

export function describeItem(it: InspectItem): ItemDescription {
  const subtitle = sourceText(it);
  switch (it.kind) {
    case 'certificate':
      return {
        title: `Certificate: ${it.certificate.subject.oneline || '(empty subject)'}`,
        subtitle,
        sections: certificateSections(it.certificate, it.validity.text),
      };
    case 'csr': {
      const q = it.csr;
      return {
        title: `Certificate signing request: ${q.subject.oneline}`,
        subtitle,
        sections: [
          {
            title: 'Request',
            rows: [
              row('Subject', q.subject.oneline),
              row('Public key', publicKeyText(q.publicKey)),
              row('Signature algorithm', q.signatureAlgorithm.name),
              row('Signature', q.signature.status === 'valid' ? 'valid (the requester holds the private key)' : q.signature.status),
              row('SPKI SHA-256 (pin)', q.publicKey.spkiSha256),
            ],
          },
          { title: 'Requested extensions', rows: q.extensions.map((e) => row(`${e.name}${e.critical ? ' (critical)' : ''}`, ...extensionText(e))) },
          ...(q.attributes.length ? [{ title: 'Attributes', rows: q.attributes.map((a) => row(a.name, ...a.valuesHex)) }] : []),
        ],
      };
    }
    case 'crl': {
      const l = it.crl;
      return {
        title: `CRL: ${l.issuer.oneline}`,
        subtitle,
        sections: [
          {
            title: 'List',
            rows: [
              row('Issuer', l.issuer.oneline),
              row('This update', isoTime(l.thisUpdate)),
              row('Next update', l.nextUpdate !== undefined ? isoTime(l.nextUpdate) : 'none'),
              row('CRL number', l.crlNumber),
              row('Signature algorithm', l.signatureAlgorithm.name),
              row('Revoked', String(l.revoked.length)),
            ],
          },
          {
            title: 'Revoked certificates',
            rows: l.revoked.slice(0, 200).map((e) => row(toColonHex(e.serialHex), `${isoTime(e.revokedAt)}${e.reason ? ` (${e.reason})` : ''}`)),
          },
        ],
      };
    }
    case 'private-key': {
      const k = it.privateKey;
      return {
        title: `Private key: ${publicKeyText(k)}`,
        subtitle,
        sections: [
          {
            title: 'Key',
            rows: [row('Format', k.format), row('Algorithm', publicKeyText(k)), row('SPKI SHA-256 (pin)', k.publicKey?.spkiSha256 ?? 'unknown')],
          },
        ],
      };
    }
    case 'encrypted-private-key':
      return {
        title: 'Encrypted private key',
        subtitle,
        sections: [
          {
            title: 'Encryption',
            rows: [
              row('Scheme', it.encryption.scheme),
              row('Iterations', it.encryption.iterations !== undefined ? String(it.encryption.iterations) : undefined),
              row('Status', it.error ? it.error.message : 'locked: give the password to open it'),
            ],
          },
        ],
      };
    case 'public-key':
      return {
        title: `Public key: ${publicKeyText(it.publicKey)}`,
        subtitle,
        sections: [{ title: 'Key', rows: [row('Algorithm', publicKeyText(it.publicKey)), row('SPKI SHA-256 (pin)', it.publicKey.spkiSha256)] }],
      };
    case 'pkcs7':
      return {
        title: 'PKCS#7 bundle',
        subtitle,
        sections: [
          {
            title: 'Contents',
            rows: [row('Certificates', String(it.pkcs7.certificates)), row('CRLs', String(it.pkcs7.crls)), row('Signers', String(it.pkcs7.signers))],
          },
        ],
      };
    case 'pkcs12':
      return {
        title: 'PKCS#12 file',
        subtitle,
        sections: [
          {
            title: 'Container',
            rows: it.pkcs12
              ? [
                  row('Integrity', it.pkcs12.mac ? `HMAC-${it.pkcs12.mac.algorithm}, ${it.pkcs12.mac.iterations} iterations` : 'no MAC'),
                  row('Encryption', ...it.pkcs12.encryption.map((e) => e.scheme)),
                  row(
                    'Legacy',
                    it.pkcs12.legacy ? 'yes: RC2/3DES, what `openssl pkcs12 -legacy`, old Windows and Java write; OpenSSL 3 needs -legacy to read it' : 'no',
                  ),
                  row('Bags', String(it.pkcs12.bags)),
                ]
              : [row('Status', it.error?.message ?? 'locked')],
          },
        ],
      };
    case 's-client': {
      const t = it.sClient;
      return {
        title: 'openssl s_client transcript',
        subtitle,
        sections: [
          {
            title: 'Connection',
            rows: [
              row('Protocol', t.protocol),
              row('Cipher', t.cipher),
              row('Server temp key', t.serverTempKey),
              row('Verify return code', t.verifyReturnCode ? `${t.verifyReturnCode.code} (${t.verifyReturnCode.text})` : undefined),
              row('Certificates sent', String(t.chain.length)),
            ].filter((r) => r.value.length),
          },
          { title: 'Certificate chain as sent', rows: t.chain.map((e) => row(`${e.depth}`, `s: ${e.subject}`, `i: ${e.issuer}`)) },
          ...(t.verifyErrors.length
            ? [{ title: 'Verify errors', rows: t.verifyErrors.map((e) => row(`depth ${e.depth}`, `${e.code}: ${e.text}`, e.subject)) }]
            : []),
        ],
      };
    }
    case 'keystore':
      return keystoreDescription(it.keystore, subtitle, it.error?.message);
    case 'error':
      return {
        title: `Error: ${it.error.message}`,
        subtitle,
        sections: [{ title: 'Problem', rows: [row('Received', it.error.received), row('Expected', it.error.expected), row('What to do', it.error.action)] }],
      };
  }
}

const INTEGRITY: Record<KeystoreSummary['integrity'], string> = {
  verified: 'verified with the store password',
  'not-checked': 'not checked: no store password was given (aliases and certificates are stored in the clear and are all listed)',
  'wrong-password': 'does not match: wrong store password (everything else is still listed)',
  listing: 'keytool checked it when it printed this listing',
};
const ENTRY_TEXT: Record<KeystoreSummary['entries'][number]['entryType'], string> = {
  'trusted-certificate': 'trusted certificate',
  'private-key': 'private key entry',
  'secret-key': 'secret key entry',
};

function keystoreDescription(k: KeystoreSummary, subtitle: string, error: string | undefined): ItemDescription {
  return {
    title: k.type === 'keytool -list' ? `keytool -list output${k.storeType ? ` (${k.storeType} store)` : ''}` : `Java keystore (${k.type})`,
    subtitle,
    sections: [
      {
        title: 'Store',
        rows: [
          row('Entries', String(k.entries.length)),
          row('Integrity', error ?? INTEGRITY[k.integrity]),
          ...(k.unread ? [row('Not read', `${k.unread} entries after a JCEKS secret key (a Java-serialised object this tool does not walk)`)] : []),
        ],
      },
      {
        title: 'Aliases',
        rows: k.entries.map((e) =>
          row(
            e.alias,
            `${ENTRY_TEXT[e.entryType]}${e.created ? `, created ${e.created}` : ''}`,
            ...(e.key ? [`key: ${e.key}`] : []),
            ...e.sha256.map((f, i) => `${e.sha256.length > 1 ? `certificate ${i + 1} ` : ''}SHA-256 ${toColonHex(f)}`),
          ),
        ),
      },
    ],
  };
}

/** The chain as text: one line per link, each marked verified or broken. */
export function chainText(b: BundleAnalysis, items: InspectItem[]): string[] {
  const name = (i: number) => {
    const it = items[i];
    return it.kind === 'certificate' ? `[${i}] ${it.certificate.subject.oneline}` : `[${i}]`;
  };
  const lines: string[] = [];
  b.chain.forEach((idx, k) => {
    lines.push(`${'  '.repeat(k)}${name(idx)}`);
    const parent = b.chain[k + 1];
    if (parent === undefined) return;
    const link = b.links.find((l) => l.child === idx && l.parent === parent);
    const mark =
      link?.signature === 'valid' ? 'signature verified' : link?.signature === 'unsupported' ? 'signature not checkable' : 'BROKEN: signature does not verify';
    lines.push(
      `${'  '.repeat(k)}  ↑ issued by (${mark}${link?.byKeyId === 'match' ? ', key id matches' : link?.byKeyId === 'mismatch' ? ', key id differs' : ''})`,
    );
  });
  const top = items[b.chain[b.chain.length - 1]];
  if (top?.kind === 'certificate' && top.certificate.selfIssued) {
    const self = b.links.find((l) => l.child === top.index && l.parent === top.index);
    lines.push(`${'  '.repeat(b.chain.length - 1)}  (self-signed${self ? `: ${self.signature === 'valid' ? 'signature verified' : self.signature}` : ''})`);
  }
  return lines;
}
