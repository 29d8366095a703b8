/**
 * Conversions a person needs after inspecting: PEM ↔ DER, PKCS#12 → cert/key/chain PEMs,
 * PKCS#7 → PEM, and fullchain.pem in the right order (leaf, then intermediates, no root).
 * Each conversion carries the `openssl` command that does the same on the command line.
 */
import { toPem } from './pem.ts';

export interface Conversion {
  id: string;
  title: string;
  filename: string;
  mime: 'application/x-pem-file' | 'application/pkix-cert' | 'application/pkcs10' | 'application/pkix-crl' | 'application/octet-stream';
  /** PEM text, or bytes for DER outputs. */
  text?: string;
  bytes?: Uint8Array;
  /** The equivalent openssl command. */
  command: string;
  containsPrivateKey: boolean;
}

const stem = (name: string | undefined, fallback: string) => (name ? name.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9._-]+/g, '_') || fallback : fallback);

/**
 * A certificate of a PEM input as DER. When the file holds several PEM blocks,
 * `openssl x509` would read only the first, so the command names the block saved alone.
 */
export function certPemToDer(der: Uint8Array, name: string | undefined, n: number, alone: boolean): Conversion {
  const s = alone ? stem(name, `cert-${n}`) : `cert-${n}`;
  const input = alone && name ? name : `cert-${n}.pem`;
  return {
    id: `der-${n}`,
    title: 'Certificate as DER (.cer/.der)',
    filename: `${s}.der`,
    mime: 'application/pkix-cert',
    bytes: der,
    command: `${alone ? '' : `# save block [${n}] as ${input}, then:\n`}openssl x509 -in ${input} -outform DER -out ${s}.der`,
    containsPrivateKey: false,
  };
}

export function certDerToPem(der: Uint8Array, name: string | undefined, n: number, alone: boolean): Conversion {
  const s = alone ? stem(name, `cert-${n}`) : `cert-${n}`;
  return {
    id: `pem-${n}`,
    title: 'Certificate as PEM',
    filename: `${s}.pem`,
    mime: 'application/x-pem-file',
    text: toPem('CERTIFICATE', der),
    command: `openssl x509 -inform DER -in ${name ?? 'cert.der'} -out ${s}.pem`,
    containsPrivateKey: false,
  };
}

export function csrToDer(der: Uint8Array, name: string | undefined, n: number): Conversion {
  const s = stem(name, `request-${n}`);
  return {
    id: `csr-der-${n}`,
    title: 'CSR as DER',
    filename: `${s}.der`,
    mime: 'application/pkcs10',
    bytes: der,
    command: `openssl req -in ${name ?? 'request.csr'} -outform DER -out ${s}.der`,
    containsPrivateKey: false,
  };
}

export function crlToPem(der: Uint8Array, name: string | undefined, n: number): Conversion {
  const s = stem(name, `crl-${n}`);
  return {
    id: `crl-pem-${n}`,
    title: 'CRL as PEM',
    filename: `${s}.pem`,
    mime: 'application/x-pem-file',
    text: toPem('X509 CRL', der),
    command: `openssl crl -inform DER -in ${name ?? 'list.crl'} -out ${s}.pem`,
    containsPrivateKey: false,
  };
}

/** A private key as unencrypted PKCS#8 PEM. `fromP12` names the container it came from. */
export function keyToPkcs8Pem(pkcs8: Uint8Array, name: string | undefined, n: number, fromP12?: { file: string; legacy: boolean }): Conversion {
  const s = stem(name, `key-${n}`);
  const command = fromP12
    ? `openssl pkcs12 -in ${fromP12.file}${fromP12.legacy ? ' -legacy' : ''} -nocerts -nodes | openssl pkey -out ${s}.key`
    : `openssl pkey -in ${name ?? 'key.pem'} -out ${s}-pkcs8.key`;
  return {
    id: `key-${n}`,
    title: fromP12 ? 'Private key (key.pem, unencrypted PKCS#8)' : 'Private key as PKCS#8 PEM',
    filename: fromP12 ? `${s}.key` : `${s}-pkcs8.key`,
    mime: 'application/x-pem-file',
    text: toPem('PRIVATE KEY', pkcs8),
    command,
    containsPrivateKey: true,
  };
}

export function pemList(ders: Uint8Array[]): string {
  return ders.map((d) => toPem('CERTIFICATE', d)).join('');
}

export function pkcs12Outputs(file: string, legacy: boolean, leaf: Uint8Array | undefined, others: Uint8Array[]): Conversion[] {
  const s = stem(file, 'bundle');
  const L = legacy ? ' -legacy' : '';
  const out: Conversion[] = [];
  if (leaf) {
    out.push({
      id: 'p12-cert',
      title: 'Certificate (cert.pem)',
      filename: `${s}-cert.pem`,
      mime: 'application/x-pem-file',
      text: toPem('CERTIFICATE', leaf),
      command: `openssl pkcs12 -in ${file}${L} -clcerts -nokeys -out ${s}-cert.pem`,
      containsPrivateKey: false,
    });
  }
  if (others.length) {
    out.push({
      id: 'p12-chain',
      title: 'CA certificates (chain.pem)',
      filename: `${s}-chain.pem`,
      mime: 'application/x-pem-file',
      text: pemList(others),
      command: `openssl pkcs12 -in ${file}${L} -cacerts -nokeys -out ${s}-chain.pem`,
      containsPrivateKey: false,
    });
  }
  return out;
}

export function pkcs7Outputs(file: string, certs: Uint8Array[]): Conversion {
  const s = stem(file, 'bundle');
  return {
    id: 'p7b-pem',
    title: 'Certificates of the PKCS#7 as PEM',
    filename: `${s}.pem`,
    mime: 'application/x-pem-file',
    text: pemList(certs),
    command: `openssl pkcs7 -in ${file}${/\.(pem|txt)$/i.test(file) ? '' : ' -inform DER'} -print_certs -out ${s}.pem`,
    containsPrivateKey: false,
  };
}

/** fullchain.pem: leaf first, then each issuer, without a self-signed root. */
export function fullchain(ordered: { der: Uint8Array; selfIssued: boolean }[]): Conversion {
  const members = ordered.filter((c, i) => i === 0 || !c.selfIssued);
  const files = members.map((_, i) => (i === 0 ? 'cert.pem' : `intermediate${members.length > 2 ? i : ''}.pem`));
  return {
    id: 'fullchain',
    title: 'fullchain.pem (leaf, then intermediates, in order)',
    filename: 'fullchain.pem',
    mime: 'application/x-pem-file',
    text: pemList(members.map((m) => m.der)),
    command: `cat ${files.join(' ')} > fullchain.pem`,
    containsPrivateKey: false,
  };
}
