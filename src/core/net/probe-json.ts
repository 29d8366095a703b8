/**
 * The probe's JSON, as `POST /api/probe` answers and `certlab probe --json` prints it: one
 * definition that the server builds (src/server/probe/result.ts, analyse.ts) and the probe
 * widget reads (src/widgets/probe/render.ts). Widgets must not import src/server, so the
 * shape lives here; the server's own types extend these with their narrower unions.
 */
import type { CauseId } from '../causes/cause-id.ts';
import type { Liability } from '../causes/causes.ts';
import type { Certificate } from '../model.ts';
import type { TranscriptLine } from './starttls/dialogue.ts';
import type { UpgradeProtocol } from './starttls/protocols.ts';

export interface ProbeTarget {
  host: string;
  port: number;
  servername: string | null;
}

export interface ProbeTimings {
  dnsMs: number;
  connectMs: number;
  handshakeMs: number;
  /** The plain-text dialogue before TLS, when there was one (STARTTLS). */
  upgradeMs?: number;
}

/** How the connection got to TLS (issue 13): present after a STARTTLS-style dialogue, or on a well-known or chosen port. */
export interface UpgradeJson {
  /** `starttls`: a plain-text dialogue first; `tls`: TLS from the first byte. */
  mode: 'starttls' | 'tls';
  protocol: UpgradeProtocol | null;
  /** The service on a well-known implicit-TLS port ("IMAP over TLS"). */
  service: string | null;
  /** From the well-known port table, or as the person asked. */
  chosen: 'port' | 'given';
  /** In words: "SMTP STARTTLS, chosen from port 25". */
  description: string;
  /** The dialogue as it went, server text made printable. */
  transcript: TranscriptLine[];
}

/** A certificate exactly as the server sent it, summarised. */
export interface PresentedCertificate {
  index: number;
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  /** "expires in 42 days" / "expired 3 days ago", against the probe time. */
  validity: string;
  role: Certificate['role'];
  dnsNames: string[];
  ipAddresses: string[];
  key: string;
  signatureAlgorithm: string;
  caIssuers: string[];
  sha256: string;
  /** Same SHA-256 as an earlier entry in the list. */
  duplicateOf?: number;
  pem: string;
}

/** A certificate the server sent that does not parse: still listed, so order and count stay. */
export interface UnparsedCertificate {
  index: number;
  sha256: string;
  error: string;
  pem: string;
}

/** Why the probe did not complete; `detail` is the server's named failure (ProbeError). */
export interface ProbeErrorJson<Detail extends { kind: string } = { kind: string }> {
  kind: Detail['kind'];
  message: string;
  detail: Detail;
}

/** The server asked for a client certificate (mutual TLS). */
export interface ProbeClientCertJson {
  /** The server ended the connection after the probe sent no certificate (TLS 1.2: during the handshake; TLS 1.3: right after it). */
  required: boolean;
  /** The CAs the server accepts client certificates from, as distinguished names in text; empty when it names none. */
  authorities: string[];
}

/** A server that refused TLS 1.2 and 1.3, read by a second attempt offering TLS 1.0/1.1. */
export interface ProbeLegacyTlsJson {
  /** What the server chose: "TLSv1" or "TLSv1.1". */
  protocol: string;
  cipher: string | null;
  /** The chain shown under "presented" was read from this attempt. */
  chainFromThisAttempt: boolean;
  /** Every client of the registry: whether it refuses this server, and why (from its profile). */
  clients: { client: string; label: string; refuses: boolean; reason: string }[];
}

/** The port answered with something that is not TLS. */
export interface ProbeNotTlsJson {
  /** "http", "ssh", "smtp", "ftp", "imap", "pop3" or "unknown". */
  protocol: string;
  /** As a person names it: "plain HTTP", "SSH", "SMTP". */
  name: string;
  /** The first line it sent, printable ASCII only. */
  firstLine: string;
}

/** What was presented and negotiated, and the evidence block. */
export interface ProbeJson<Detail extends { kind: string } = { kind: string }> {
  target: ProbeTarget;
  ip: string;
  presented: (PresentedCertificate | UnparsedCertificate)[];
  protocol: string | null;
  cipher: string | null;
  alpn: string | null;
  ocspStapled: boolean;
  clientCertRequested: boolean;
  serverMessages: string[];
  timings: ProbeTimings;
  upgrade?: UpgradeJson;
  handshake: { completed: boolean; error?: ProbeErrorJson<Detail> };
  evidence: string;
  probedAt: string;
  /** Present when the server asked for a client certificate. */
  clientCert?: ProbeClientCertJson;
  /** Present when the server speaks only TLS 1.0/1.1. */
  legacyTls?: ProbeLegacyTlsJson;
  /** Present when the port does not speak TLS. */
  notTls?: ProbeNotTlsJson;
}

/** What one client will say about the presented chain. */
export interface ProbeVerdictJson {
  ok: boolean;
  /** The validator's OpenSSL-numbered code under this client's policy (0 = accepted). */
  code: number;
  name: string;
  /** What the client prints; OpenSSL's text when the client accepts. */
  message: string;
  /** The client's symbolic code (Node err.code, NET::ERR_…, curl exit code, …). */
  errorCode?: string;
  label: string;
  store: string;
  cause: string | null;
  depth: number | null;
  /** Intermediates the client fetched from AIA URLs (Chrome). */
  aiaFetched?: string[];
}

export interface ProbeFindingJson {
  kind: string;
  severity: 'error' | 'warning' | 'info';
  /** Positions in the list as sent (0 = first certificate). */
  items: number[];
  message: string;
  action: string;
  url?: string;
  rightOrder?: number[];
}

/** One platform of the versioned trust stores (public/trust-stores), judged on the presented chain. */
export interface ProbeTrustStoreJson {
  id: string;
  name: string;
  /** The newest version on record, and whether it trusts the chain. */
  newest: string;
  trusted: boolean;
  /** The root the newest version's path ends at. */
  anchor: string | null;
  /** The oldest version that trusts the chain. */
  oldestTrusting: string | null;
  /** The first version after a trusting one that does not. */
  firstStopped: string | null;
  /** The newest trusts the chain, versions before `oldestTrusting` do not. */
  olderVersionsFail: boolean;
  /** One plain sentence: who fails, since when, why (core/trust/sentence.ts). */
  sentence: string;
}

/** One OCSP answer about the leaf: the stapled one, or one fetched from the responder (`--revocation`). */
export interface OcspStatusJson {
  source: 'stapled' | 'responder';
  url?: string;
  /** `unusable`: no status could be read (see `problem`). */
  status: 'good' | 'revoked' | 'unknown' | 'unusable';
  revokedAt?: string;
  reason?: string;
  producedAt?: string;
  thisUpdate?: string;
  nextUpdate?: string;
  /** "produced 3 hours ago, next update in 4 days", against the probe time. */
  age?: string;
  freshness?: 'current' | 'expired' | 'not-yet-valid';
  /** Whether the responder's signature verified, and by whom (the issuer or a delegated responder). */
  signature?: { ok: boolean; text: string };
  problem?: string;
}

/** The leaf's serial looked up in a CRL downloaded from its distribution point (`--revocation`). */
export interface CrlStatusJson {
  url: string;
  status: 'good' | 'revoked' | 'unusable';
  revokedAt?: string;
  reason?: string;
  thisUpdate?: string;
  nextUpdate?: string;
  signature?: { ok: boolean; text: string };
  problem?: string;
}

/** A Signed Certificate Timestamp, wherever it came from. */
export interface SctJson {
  source: 'certificate' | 'tls-extension' | 'ocsp';
  /** The log ID, base64 (as CT log lists write it). */
  logId: string;
  /** null: the log is not in certlab's list (certlab ships no CT log list, so no name is guessed). */
  logName: string | null;
  timestamp: string;
}

/** Revocation and transparency: the staple, Must-Staple, SCTs and, when asked, a live check. */
export interface RevocationJson {
  stapled: OcspStatusJson | null;
  /** The leaf carries the TLS feature extension with status_request (RFC 7633). */
  mustStaple: boolean;
  scts: SctJson[];
  /** Present only when a live check was asked for. */
  live?: { ocsp: OcspStatusJson[]; crl: CrlStatusJson[]; skipped?: string };
}

/** One certificate of the chain to serve. */
export interface ChainCertificateJson {
  subject: string;
  issuer: string;
  sha256: string;
  pem: string;
  /** Not sent by the server (or not pasted): fetched from this AIA URL. */
  fetched: boolean;
}

/**
 * The chain the server should serve (src/core/fix/chain-to-serve.ts): leaf first, no root,
 * with the certificates left out and why, the AIA URLs read, and the verification. The probe
 * builds it on the server (its AIA fetches go through the probe's address guard), so the
 * browser can offer fullchain.pem without another request.
 */
export interface ChainToServeJson {
  ok: boolean;
  host: string | null;
  chain: ChainCertificateJson[];
  /** Subject of the trust anchor the chain ends under, when known. */
  root: string | null;
  dropped: { subject: string; sha256: string; reason: string; text: string }[];
  aia: { url: string; for: string; outcome: 'fetched' | 'nothing-usable' | 'not-fetched'; got: string[] }[];
  verification: { ok: boolean; code: number; name: string; text: string; depth: number | null; against: string } | null;
  /** Why no chain could be built, for people; null when ok. */
  failure: { kind: string; message: string; /** MissingIntermediate: where the missing issuer may be fetched. */ aiaUrls?: string[] } | null;
}

/** The whole answer: the probe, each client's verdict, the cause, who acts, findings, the email. */
export interface ProbeAnalysisJson<Detail extends { kind: string } = { kind: string }> extends ProbeJson<Detail> {
  verdicts?: Partial<Record<string, ProbeVerdictJson>>;
  /** Per platform and version (when the trust-store data is installed). */
  trustStores?: ProbeTrustStoreJson[];
  cause: CauseId | null;
  liability: Liability | null;
  headline: string;
  findings: ProbeFindingJson[];
  email: { subject: string; body: string } | null;
  revocation?: RevocationJson;
  /** The chain to serve, built from what was sent (and AIA), verified against the Mozilla store. */
  chainToServe?: ChainToServeJson;
}
