/**
 * "Is it them or us?": the cause, who must act, a one-line headline and a ready email to the
 * server's administrators, written from the verdicts for the actual finding. Texts of the
 * causes (title, summary, actions) come from the one cause table, src/core/causes/causes.ts.
 */
import type { CauseId } from '../../core/causes/cause-id.ts';
import { type Liability, causeById } from '../../core/causes/causes.ts';
import { blameHeadline } from '../../core/causes/who-acts.ts';
import type { ClientId } from '../../core/clients/messages.ts';
import type { Certificate } from '../../core/model.ts';
import type { ValidationResult } from '../../core/validate/validate.ts';
import type { WireReport } from './engine.ts';
import { type ProbeError, isUpgradeError } from './errors.ts';
import type { ProbeFinding } from './findings.ts';
import { upgradeHeadline } from '../../core/net/starttls/describe.ts';
import { STRICT_CLIENTS, type Verdicts } from './verdicts.ts';
import type { ProbeClientCertJson, ProbeLegacyTlsJson, ProbeNotTlsJson } from '../../core/net/probe-json.ts';

export interface Story {
  cause: CauseId | null;
  liability: Liability | null;
  headline: string;
  /** Null when there is nothing to ask of the server's administrators. */
  email: { subject: string; body: string } | null;
}

const PROTOCOL_ALERTS = ['protocol_version', 'handshake_failure', 'insufficient_security'];

function cn(c: Certificate | null | undefined): string {
  return c?.subject.rdns.flat().find((a) => a.type === 'CN')?.value ?? c?.subject.oneline ?? '?';
}

function causeWithoutChain(report: WireReport | undefined, error: ProbeError | undefined): CauseId | null {
  if (report?.clientCertRequested && error) return 'client-cert-required';
  if (error?.kind === 'NotTls') return 'protocol-mismatch';
  if (error?.kind === 'ServerAlert' && PROTOCOL_ALERTS.includes(error.alert.name)) return 'protocol-mismatch';
  return null;
}

/** The certificate whose issuer is missing, and that issuer's name, from the validator's failure. */
function missingLink(presented: (Certificate | null)[], primary: ValidationResult | undefined): { cert: Certificate | null; issuer: string | null } {
  const e = primary?.error;
  const depth = primary?.depth ?? 0;
  const sha = primary?.path[depth]?.sha256;
  const cert = presented.find((c) => c && c.sha256 === sha) ?? presented[presented.length - 1] ?? null;
  const issuer = e && e.kind === 'IssuerNotFound' ? e.issuer : (cert?.issuer.oneline ?? null);
  return { cert, issuer };
}

function incompleteHeadline(presented: (Certificate | null)[], verdicts: Verdicts, primary: ValidationResult | undefined): string {
  const { cert, issuer } = missingLink(presented, primary);
  const issuerCn = issuer?.match(/CN=([^,]+)/)?.[1] ?? issuer ?? '?';
  const url = cert?.aia?.caIssuers[0];
  const chrome = verdicts.clients.chrome;
  const sends = presented.length === 1 ? 'it sends only the leaf' : `it does not send the intermediate '${issuerCn}' that issued '${cn(cert)}'`;
  if (chrome?.ok && chrome.aiaFetched?.length) {
    return `Server's fault: ${sends}; browsers repair this by fetching '${chrome.aiaFetched[0]!.replace(/^.*CN=/, '')}'${url ? ` from ${url}` : ''}, strict clients cannot.`;
  }
  return `Server's fault: ${sends}; clients cannot build a path to a trusted root${url ? ` (the missing certificate is at ${url})` : ''}.`;
}

function noVerdictReason(error: ProbeError | undefined): string {
  if (!error) return 'no certificate was presented';
  // Issue 13: say what the plain-text dialogue before TLS came to ("the SMTP server on port 25 does not offer STARTTLS").
  if (isUpgradeError(error)) return upgradeHeadline(error, error.port);
  return 'the handshake failed before any certificate was sent';
}

export interface StoryInput {
  host: string;
  port: number;
  presented: (Certificate | null)[];
  verdicts?: Verdicts;
  report?: WireReport;
  error?: ProbeError;
  evidence: string;
  /** The chain's findings (findings.ts): an expired or wrong-host leaf leads the story. */
  findings?: ProbeFinding[];
  clientCert?: ProbeClientCertJson;
  legacyTls?: ProbeLegacyTlsJson;
  notTls?: ProbeNotTlsJson;
}

/** One thing wrong, as the story tells it: the first part in severity order leads the headline and the email. */
interface Part {
  cause: CauseId;
  liability: Liability;
  /** The headline's words, without the "Server's fault: " label and the final period. */
  words: string;
  /** The email's analysis sentence and what it asks of the server's administrators. */
  analysis: string;
  ask: string;
  subject: string;
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const names = (c: Certificate) => (c.subjectAltNames ?? []).filter((n) => n.type === 'dns' || n.type === 'ip').map((n) => String(n.value));

/** Issue 13 item 5: an expired leaf, or a leaf that does not name the host, leads whatever else is wrong. */
function leafParts(leaf: Certificate | null | undefined, findings: ProbeFinding[], peer: string): Part[] {
  if (!leaf) return [];
  const out: Part[] = [];
  const onLeaf = (kind: string) => findings.some((f) => f.kind === kind && f.items.includes(0));
  if (onLeaf('expired')) {
    const info = causeById('expired');
    out.push({
      cause: 'expired',
      liability: 'server',
      words: `its certificate '${cn(leaf)}' expired on ${dateOf(leaf.notAfter)}`,
      analysis: `The certificate the server presents ('${cn(leaf)}') expired on ${dateOf(leaf.notAfter)} (notAfter ${new Date(leaf.notAfter).toISOString()}). ${info.summary}`,
      ask: info.actions.server,
      subject: `the certificate expired on ${dateOf(leaf.notAfter)}`,
    });
  }
  if (onLeaf('hostname-mismatch')) {
    const info = causeById('hostname-mismatch');
    const listed = names(leaf).join(', ') || 'no DNS or IP name';
    out.push({
      cause: 'hostname-mismatch',
      liability: 'server',
      words: `its certificate '${cn(leaf)}' does not name ${peer} (it names ${listed})`,
      analysis: `The certificate the server presents for ${peer} names ${listed}, not ${peer}. ${info.summary}`,
      ask: info.actions.server,
      subject: `the certificate does not name ${peer}`,
    });
  }
  return out;
}

function legacyPart(l: ProbeLegacyTlsJson): Part {
  const version = l.protocol === 'TLSv1' ? 'TLS 1.0' : l.protocol.replace('TLSv', 'TLS ');
  const refusing = l.clients.filter((c) => c.refuses).map((c) => c.client);
  const connecting = l.clients.filter((c) => !c.refuses).map((c) => c.client);
  const who = connecting.length ? `${refusing.join(', ')} refuse (${connecting.join(', ')} still connect)` : 'every client here refuses';
  return {
    cause: 'protocol-mismatch',
    liability: 'server',
    words: `it speaks only ${version} (it refused TLS 1.2 and 1.3), which ${who}`,
    analysis: `The server refuses TLS 1.2 and TLS 1.3; offered TLS 1.0 and 1.1, it chose ${version}${l.cipher ? ` with ${l.cipher}` : ''}. RFC 8996 deprecates TLS 1.0 and 1.1, and current clients refuse them: ${refusing.join(', ') || 'none'}.`,
    ask: 'Enable TLS 1.2 and TLS 1.3 with current cipher suites (ECDHE with AES-GCM or ChaCha20), and retire TLS 1.0 and 1.1.',
    subject: `only ${version} is offered`,
  };
}

function notTlsPart(n: ProbeNotTlsJson, name: string): Part {
  const says =
    n.protocol === 'http'
      ? 'this port speaks plain HTTP, not TLS'
      : n.protocol === 'unknown'
        ? 'this port does not speak TLS'
        : `this port speaks ${n.name}, not TLS`;
  const plainText = ['smtp', 'ftp', 'imap', 'pop3'].includes(n.protocol);
  return {
    cause: 'protocol-mismatch',
    liability: 'both',
    words: `${says}${n.firstLine ? ` (it sent "${n.firstLine}")` : ''}`,
    analysis: `${name} does not answer a TLS handshake: ${says}${plainText ? '; it greets in plain text and would upgrade with STARTTLS, if at all' : ''}. It sent: "${n.firstLine}". This is not a TLS version or certificate problem.`,
    ask: plainText
      ? 'If clients are meant to connect with TLS from the first byte on this port, configure implicit TLS on it; otherwise tell us the port that does, or confirm that STARTTLS is the way in.'
      : 'If this port is meant to serve TLS, configure TLS on it; otherwise tell us which port serves TLS.',
    subject: says,
  };
}

function clientCertPart(c: ProbeClientCertJson): Part {
  const accepts = c.authorities.length ? `; it accepts certificates issued by: ${c.authorities.join('; ')}` : '; it names no CA it accepts';
  const info = causeById('client-cert-required');
  return {
    cause: 'client-cert-required',
    liability: 'client',
    words: `the server requires a client certificate (mutual TLS) and closed the connection without one${accepts}`,
    analysis: `${info.summary} CAs the server names: ${c.authorities.join('; ') || 'none'}.`,
    ask: info.actions.server,
    subject: 'a client certificate is required',
  };
}

export function tellStory(input: StoryInput): Story {
  const { verdicts } = input;
  const failing = verdicts ? (Object.keys(verdicts.clients) as ClientId[]).filter((c) => !verdicts.clients[c]!.ok) : [];
  const strictFailing = failing.filter((c) => STRICT_CLIENTS.includes(c));
  const primaryId = failing.includes('openssl') ? 'openssl' : (strictFailing[0] ?? failing[0]);
  const primary = primaryId ? verdicts?.results[primaryId] : undefined;
  const name = `${input.host}:${input.port}`;
  const peer = input.report?.target.servername ?? input.host;

  // Severity order: the leaf's own expiry or name, then a protocol the clients cannot speak, then the chain, then the client certificate.
  const parts: Part[] = [...leafParts(input.presented[0], input.findings ?? [], peer)];
  if (input.notTls) parts.push(notTlsPart(input.notTls, name));
  if (input.legacyTls) parts.push(legacyPart(input.legacyTls));
  const chainCause: CauseId | null =
    primary?.cause ?? (input.notTls || input.legacyTls || input.clientCert?.required ? null : causeWithoutChain(input.report, input.error));
  if (chainCause && !parts.some((p) => p.cause === chainCause)) {
    const info = causeById(chainCause);
    const words =
      chainCause === 'incomplete-chain' && verdicts
        ? incompleteHeadline(input.presented, verdicts, primary)
            .replace(/^Server's fault: /, '')
            .replace(/\.$/, '')
        : info.title.replace(/\.$/, '');
    parts.push({ cause: chainCause, liability: info.liability, words, analysis: info.summary, ask: info.actions.server, subject: info.title });
  }
  if (input.clientCert?.required) parts.push(clientCertPart(input.clientCert));

  if (parts.length === 0) {
    const extra = input.report?.clientCertRequested ? ' The server also asks for a client certificate.' : '';
    const headline = verdicts
      ? `No certificate problem: every client accepts the chain ${name} presents.${extra}`
      : `No verdict: ${noVerdictReason(input.error)}.`;
    return { cause: null, liability: null, headline, email: null };
  }
  const [lead, ...also] = parts as [Part, ...Part[]];
  const works = verdicts ? (Object.keys(verdicts.clients) as ClientId[]).filter((c) => verdicts.clients[c]!.ok) : [];
  const chainAccepted = lead.cause === 'client-cert-required' && verdicts && failing.length === 0;
  const tally = chainAccepted
    ? ' Its own certificate chain is accepted by every client.'
    : verdicts
      ? ` Fails in: ${failing.join(', ') || 'none'}${works.length ? `; works in: ${works.join(', ')}` : ''}.`
      : '';
  const headline = `${blameHeadline(lead.liability)}: ${lead.words}.${also.map((p) => ` Also: ${p.words}.`).join('')}${tally}`;
  if (lead.liability === 'client') return { cause: lead.cause, liability: lead.liability, headline, email: null };

  const quotes = failing
    .filter((c) => verdicts?.clients[c]?.message)
    .map((c) => `  ${verdicts!.clients[c]!.label}:\n    ${verdicts!.clients[c]!.message.split('\n').join('\n    ')}`);
  const opening = input.notTls
    ? `Connections to ${name} cannot start TLS: ${input.notTls.protocol === 'http' ? 'the port speaks plain HTTP' : `the port speaks ${input.notTls.name}`}.`
    : input.legacyTls
      ? `Connections to ${name} fail in current TLS clients: the server offers only old TLS versions.`
      : `Connections to ${name} fail certificate verification in ${strictFailing.length ? 'several TLS clients' : 'some TLS clients'} we use.${quotes.length ? ' What they report:' : ''}`;
  const serverParts = parts.filter((p) => p.liability !== 'client');
  const body = [
    'Hello,',
    '',
    opening,
    ...(quotes.length && !input.notTls ? ['', ...quotes] : []),
    '',
    `Analysis: ${lead.analysis}`,
    ...also.map((p) => `Also: ${p.analysis}`),
    '',
    `What we ask: ${serverParts.map((p) => p.ask).join(' ')}`,
    '',
    'Diagnostic output (certlab probe):',
    '',
    input.evidence,
    '',
    'Thank you.',
  ].join('\n');
  const what = lead.cause === 'protocol-mismatch' ? 'TLS problem' : 'TLS certificate problem';
  return { cause: lead.cause, liability: lead.liability, headline, email: { subject: `${what} on ${name}: ${lead.subject}`, body } };
}
