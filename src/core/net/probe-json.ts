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

/** The whole answer: the probe, each client's verdict, the cause, who acts, findings, the email. */
export interface ProbeAnalysisJson<Detail extends { kind: string } = { kind: string }> extends ProbeJson<Detail> {
  verdicts?: Partial<Record<string, ProbeVerdictJson>>;
  cause: CauseId | null;
  liability: Liability | null;
  headline: string;
  findings: ProbeFindingJson[];
  email: { subject: string; body: string } | null;
}
