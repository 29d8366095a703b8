/**
 * The text `keytool -list` prints, in its three styles: short (`alias, date, type,` and a
 * SHA-256 fingerprint line), verbose (`-v`: owner, issuer, serial, dates and fingerprints of
 * every certificate) and `-rfc` (each certificate as a PEM block). Java users paste this more
 * often than the store itself. The PEM blocks are read by the PEM scanner as usual; this
 * parser says which alias and entry each block (by its BEGIN line) belongs to.
 */

export type KeytoolEntryType = 'PrivateKeyEntry' | 'trustedCertEntry' | 'SecretKeyEntry';

export interface KeytoolCertificate {
  owner?: string;
  issuer?: string;
  serial?: string;
  validFrom?: string;
  validUntil?: string;
  /** Fingerprints as keytool prints them, turned into lower-case hex without colons. */
  sha1?: string;
  sha256?: string;
  /** 1-based line of the BEGIN CERTIFICATE line (-rfc). */
  pemLine?: number;
}

export interface KeytoolEntry {
  alias: string;
  entryType: KeytoolEntryType | string;
  created?: string;
  chainLength?: number;
  certificates: KeytoolCertificate[];
  /** 1-based line where the entry starts. */
  line: number;
}

export interface KeytoolListing {
  style: 'short' | 'verbose' | 'rfc';
  storeType?: string;
  provider?: string;
  /** "Your keystore contains N entries". */
  declaredEntries?: number;
  entries: KeytoolEntry[];
  /** keytool printed "The integrity of the information stored in your keystore has NOT been verified" (no password given). */
  integrityNotVerified: boolean;
}

const SHORT = /^(.*), ([A-Z][a-z]{2} \d{1,2}, \d{4}), (PrivateKeyEntry|trustedCertEntry|SecretKeyEntry),\s*$/;

/** Text that keytool -list printed: its header, or an "Alias name:" with an "Entry type:". */
export function looksLikeKeytoolList(text: string): boolean {
  return (
    (/^Keystore type: \S+/m.test(text) && /^Your keystore contains \d+ entr(y|ies)/m.test(text)) ||
    (/^Alias name: .+/m.test(text) && /^Entry type: \w+/m.test(text))
  );
}

const hex = (fp: string) => fp.replace(/[^0-9A-Fa-f]/g, '').toLowerCase();

export function parseKeytoolList(text: string): KeytoolListing {
  const lines = text.split(/\r?\n/);
  const out: KeytoolListing = { style: 'short', entries: [], integrityNotVerified: /has NOT been verified/.test(text) };
  let entry: KeytoolEntry | undefined;
  let cert: KeytoolCertificate | undefined;
  let verbose = false;
  let rfc = false;
  const newCert = () => {
    cert = {};
    entry?.certificates.push(cert);
    return cert;
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const at = (prefix: string) => (line.startsWith(prefix) ? line.slice(prefix.length).trim() : undefined);
    let v: string | undefined;
    if ((v = at('Keystore type:')) !== undefined) out.storeType = v;
    else if ((v = at('Keystore provider:')) !== undefined) out.provider = v;
    else if (/^Your keystore contains (\d+) entr/.test(line)) out.declaredEntries = Number(/(\d+)/.exec(line)?.[1]);
    else if ((v = at('Alias name:')) !== undefined) {
      entry = { alias: v, entryType: '', certificates: [], line: i + 1 };
      cert = undefined;
      out.entries.push(entry);
    } else if ((v = at('Creation date:')) !== undefined && entry) entry.created = v;
    else if ((v = at('Entry type:')) !== undefined && entry) entry.entryType = v;
    else if ((v = at('Certificate chain length:')) !== undefined && entry) entry.chainLength = Number(v);
    else if (/^Certificate\[\d+\]:$/.test(line) && entry) newCert();
    else if ((v = at('Owner:')) !== undefined && entry) {
      verbose = true;
      (cert && cert.owner === undefined && cert.pemLine === undefined ? cert : newCert()).owner = v;
    } else if ((v = at('Issuer:')) !== undefined && cert) cert.issuer = v;
    else if ((v = at('Serial number:')) !== undefined && cert) cert.serial = v;
    else if (line.startsWith('Valid from:') && cert) {
      const m = /^Valid from: (.*) until: (.*)$/.exec(line);
      if (m) [cert.validFrom, cert.validUntil] = [m[1], m[2]];
    } else if ((v = at('SHA1:')) !== undefined && cert) cert.sha1 = hex(v);
    else if ((v = at('SHA256:')) !== undefined && cert) cert.sha256 = hex(v);
    else if (line === '-----BEGIN CERTIFICATE-----' && entry) {
      rfc = true;
      (cert && cert.pemLine === undefined && cert.owner === undefined ? cert : newCert()).pemLine = i + 1;
    } else if ((v = at('Certificate fingerprint (SHA-256):')) !== undefined && entry) newCert().sha256 = hex(v);
    else {
      const m = SHORT.exec(line);
      if (m) {
        entry = { alias: m[1], created: m[2], entryType: m[3], certificates: [], line: i + 1 };
        cert = undefined;
        out.entries.push(entry);
      }
    }
  });
  out.style = rfc ? 'rfc' : verbose ? 'verbose' : 'short';
  return out;
}
