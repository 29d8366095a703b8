/** The shape `inspect` returns: every object found, the bundle analysis, key matches, findings and conversions. */
import type { Certificate, PublicKeyInfo } from '../model.ts';
import type { ValidityStatus } from '../x509/certificate.ts';
import type { CertificateRequest } from '../x509/csr.ts';
import type { Crl } from '../x509/crl.ts';
import type { PrivateKeySummary } from '../formats/keys.ts';
import type { EncryptionInfo } from '../formats/pbe.ts';
import type { SClientTranscript } from '../formats/s-client-transcript.ts';
import type { BundleAnalysis, Finding } from './bundle.ts';
import type { Conversion } from '../formats/convert.ts';
import type { InspectError } from './errors.ts';
import type { JksIntegrity } from '../formats/jks.ts';
import type { KeystoreAnswer } from './keystore-answer.ts';

export interface ItemSource {
  /** File name when the input came from a named file. */
  file?: string;
  format: 'pem' | 'der' | 'base64' | 'hex' | 'pkcs7' | 'pkcs12' | 's_client' | 'keystore';
  /** PEM label, e.g. 'CERTIFICATE'. */
  label?: string;
  /** 1-based line of the PEM BEGIN line. */
  line?: number;
  /** Index of the container item (PKCS#7, PKCS#12, s_client transcript) this came out of. */
  parent?: number;
  /** PKCS#12 friendlyName, or the keystore alias. */
  friendlyName?: string;
  /** How it was encrypted, when it was opened with a password. */
  encryption?: string;
}

export type ItemBody =
  | { kind: 'certificate'; certificate: Certificate; validity: ValidityStatus }
  | { kind: 'csr'; csr: CertificateRequest }
  | { kind: 'crl'; crl: Crl }
  | { kind: 'private-key'; privateKey: PrivateKeySummary }
  | { kind: 'encrypted-private-key'; encryption: EncryptionInfo; error?: InspectError }
  | { kind: 'public-key'; publicKey: PublicKeyInfo }
  | { kind: 'pkcs7'; pkcs7: { certificates: number; crls: number; signers: number } }
  | {
      kind: 'pkcs12';
      pkcs12?: { mac?: { algorithm: string; iterations: number }; encryption: EncryptionInfo[]; legacy: boolean; bags: number };
      error?: InspectError;
    }
  | { kind: 's-client'; sClient: SClientTranscript }
  | { kind: 'keystore'; keystore: KeystoreSummary; error?: InspectError }
  | { kind: 'error'; error: InspectError };

/** A Java keystore (JKS, JCEKS) or the text keytool -list printed. */
export interface KeystoreSummary {
  type: 'JKS' | 'JCEKS' | 'keytool -list';
  /** The store type the listing names ("Keystore type: PKCS12"). */
  storeType?: string;
  /** 'listing': text has no digest to check (keytool checked it, unless it warned it had not). */
  integrity: JksIntegrity | 'listing';
  entries: {
    alias: string;
    entryType: 'trusted-certificate' | 'private-key' | 'secret-key';
    created?: string;
    /** SHA-256 (lower-case hex) of each certificate of the entry, the entry's own first. */
    sha256: string[];
    /** The owner (subject) of each, as `keytool -list -v` printed it (listings only). */
    owners?: string[];
    /** What became of a private key entry's key. */
    key?: string;
  }[];
  /** Entries not read (after a JCEKS secret key, which is a Java-serialised object). */
  unread?: number;
}

/** The answer to "is this certificate, or one on its path, in this keystore?" for one store in the input. */
export interface KeystoreQuestion {
  /** The keystore or PKCS#12 item. */
  store: number;
  storeName: string;
  /** The certificate asked about (the bundle's lowest). */
  certificate: number;
  answer: KeystoreAnswer;
  text: string;
}

export type InspectItem = { index: number; source: ItemSource } & ItemBody;
export type ItemKind = ItemBody['kind'];

export interface KeyMatch {
  /** The private key, public key or CSR item. */
  item: number;
  certificates: number[];
  csrs: number[];
  privateKeys: number[];
}

export interface InspectResult {
  /** False when nothing at all could be read (then `error` says why). */
  ok: boolean;
  error?: InspectError;
  items: InspectItem[];
  bundle?: BundleAnalysis;
  matches: KeyMatch[];
  findings: Finding[];
  conversions: Conversion[];
  /** For each keystore in the input, whether the other certificates' path is in it. */
  keystoreAnswers?: KeystoreQuestion[];
  /** Some object is locked and a (different) password would open it. */
  needsPassword: boolean;
}

export interface InspectOptions {
  subtle: SubtleCrypto;
  /** The time validity is judged against (ms since epoch). */
  at: number;
  password?: string;
  /** Input cap in bytes (default 10 MB). */
  maxBytes?: number;
}

export interface InspectFile {
  name?: string;
  data: string | Uint8Array;
}
