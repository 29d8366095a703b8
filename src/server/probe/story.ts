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
import { upgradeHeadline } from '../../core/net/starttls/describe.ts';
import { STRICT_CLIENTS, type Verdicts } from './verdicts.ts';

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

export function tellStory(input: {
  host: string;
  port: number;
  presented: (Certificate | null)[];
  verdicts?: Verdicts;
  report?: WireReport;
  error?: ProbeError;
  evidence: string;
}): Story {
  const { verdicts } = input;
  const failing = verdicts ? (Object.keys(verdicts.clients) as ClientId[]).filter((c) => !verdicts.clients[c]!.ok) : [];
  const strictFailing = failing.filter((c) => STRICT_CLIENTS.includes(c));
  const primaryId = failing.includes('openssl') ? 'openssl' : (strictFailing[0] ?? failing[0]);
  const primary = primaryId ? verdicts?.results[primaryId] : undefined;
  const cause: CauseId | null = primary?.cause ?? causeWithoutChain(input.report, input.error);
  const name = `${input.host}:${input.port}`;

  if (!cause) {
    const extra = input.report?.clientCertRequested ? ' The server also asks for a client certificate.' : '';
    const headline = verdicts
      ? `No certificate problem: every client accepts the chain ${name} presents.${extra}`
      : `No verdict: ${noVerdictReason(input.error)}.`;
    return { cause: null, liability: null, headline, email: null };
  }
  const info = causeById(cause);
  const works = verdicts ? (Object.keys(verdicts.clients) as ClientId[]).filter((c) => verdicts.clients[c]!.ok) : [];
  const tally = verdicts ? ` Fails in: ${failing.join(', ') || 'none'}${works.length ? `; works in: ${works.join(', ')}` : ''}.` : '';
  const headline =
    cause === 'incomplete-chain' && verdicts
      ? incompleteHeadline(input.presented, verdicts, primary) + tally
      : `${blameHeadline(info.liability)}: ${info.title.replace(/\.$/, '')}.${tally}`;
  if (info.liability === 'client') return { cause, liability: info.liability, headline, email: null };

  const quotes = failing
    .filter((c) => verdicts?.clients[c]?.message)
    .map((c) => `  ${verdicts!.clients[c]!.label}:\n    ${verdicts!.clients[c]!.message.split('\n').join('\n    ')}`);
  const body = [
    'Hello,',
    '',
    `Connections to ${name} fail certificate verification in ${strictFailing.length ? 'several TLS clients' : 'some TLS clients'} we use.${
      quotes.length ? ' What they report:' : ''
    }`,
    ...(quotes.length ? ['', ...quotes] : []),
    '',
    `Analysis: ${info.summary}`,
    '',
    `What we ask: ${info.actions.server}`,
    '',
    'Diagnostic output (certlab probe):',
    '',
    input.evidence,
    '',
    'Thank you.',
  ].join('\n');
  return { cause, liability: info.liability, headline, email: { subject: `TLS certificate problem on ${name}: ${info.title}`, body } };
}
