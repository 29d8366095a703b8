/**
 * Client-text recognisers, derived from the shared client message table
 * (src/core/clients/messages.ts): each template becomes a regular expression, and the
 * symbolic codes browsers and .NET print (NET::ERR_…, SEC_ERROR_…, X509ChainStatusFlags)
 * are matched as words. OpenSSL's own verify texts and code names are recognised from the
 * verify code table (extract.ts), so templates that are only "{text}" add nothing here.
 *
 * What the decoder adds is judgement, not texts: which messages cannot tell causes apart
 * (READINGS) and how specific each kind of message is (weights).
 */
import type { CauseId } from '../causes/cause-id.ts';
import { CLIENT_MESSAGES, type ClientId as TableClientId, type ClientMessage } from '../clients/messages.ts';
import { STACK_ENTRIES, type StackId } from './stacks/index.ts';

/** The program that printed a text: one of the client table's clients, or another stack or tool. */
export type ClientId = TableClientId | StackId;

export interface ClientPattern {
  /** client/id of the message table entry. */
  key: string;
  client: ClientId;
  re: RegExp;
  /** 'from-code': a wrapper around an OpenSSL verify text; the code found inside decides. */
  cause: CauseId | 'from-code';
  code?: number;
  /** Causes the text alone cannot tell apart; `cause` is then only the usual reading. */
  alternatives?: CauseId[];
  /** Higher = more specific. OpenSSL verify codes rank 50-60. */
  weight: number;
  source: string;
  template: string;
}

const CHAIN_UNKNOWN: CauseId[] = ['unknown-ca', 'incomplete-chain', 'outdated-client-store', 'self-signed'];
const DATES: CauseId[] = ['expired', 'not-yet-valid'];
const HANDSHAKE: CauseId[] = ['protocol-mismatch', 'client-cert-required'];

/** Messages whose text is shared by several causes (what the real clients showed here, and their sources). */
export const READINGS: Readonly<Record<string, CauseId[]>> = {
  'java/pkix-build': CHAIN_UNKNOWN,
  'java/validity-check': DATES,
  'java/alert': HANDSHAKE,
  'java/alert-handshake-failure': HANDSHAKE,
  'java/alert-bad-certificate': ['client-cert-required', 'unknown'],
  'go/unknown-authority': CHAIN_UNKNOWN,
  'go/unknown-authority-hint': CHAIN_UNKNOWN,
  'dotnet/status-partial-chain': ['incomplete-chain', 'unknown-ca'],
  'dotnet/status-not-time-valid': DATES,
  'dotnet/status-untrusted-root': ['unknown-ca', 'self-signed'],
  'chrome/cert-authority-invalid': ['unknown-ca', 'self-signed', 'incomplete-chain'],
  'chrome/cert-date-invalid': DATES,
  'chrome/cert-invalid': ['invalid-ca', 'path-length-exceeded', 'wrong-purpose', 'name-constraints'],
  'firefox/sec-error-unknown-issuer': CHAIN_UNKNOWN,
  'firefox/ssl-error-handshake-failure-alert': HANDSHAKE,
  'openssl/alert-handshake-failure': HANDSHAKE,
  'openssl/alert-bad-certificate': ['client-cert-required', 'unknown'],
  'openssl/alert-unknown-ca': ['client-cert-required', 'unknown-ca'],
  'openssl/alert-certificate-unknown': ['client-cert-required', 'unknown'],
  'curl/35-openssl': HANDSHAKE,
  'curl/35-strerror': HANDSHAKE,
};

/** Symbolic codes that are safe to match as whole words wherever they appear. */
function tokenFor(m: ClientMessage): string | undefined {
  const e = m.errorCode;
  if (!e) return undefined;
  if (m.client === 'chrome' || m.client === 'firefox') return e;
  if (m.client === 'dotnet' && e.startsWith('X509ChainStatusFlags.')) return e.slice('X509ChainStatusFlags.'.length);
  if (m.client === 'dotnet' && /^RemoteCertificate\w+$/.test(e)) return e;
  return undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const PLACEHOLDER: Record<string, string> = {
  code: '\\d+',
  line: '\\d+',
  depth: '\\d+',
  port: '\\d+',
  host: `[^\\s'"]+?`,
};

/** Template → regex source; exception-class prefixes are dropped so "Caused by: …" lines match too. */
export function templateToRegex(template: string): { source: string; literal: number } | undefined {
  const full = template.replace(/\.$/, '');
  const stripped = full.replace(/^(?:[\w.$]+(?:Exception|Error)(?: \[[A-Z_]+\])?: )/, '');
  // drop the exception class only when what is left is still distinctive
  const rx = compile(stripped);
  if (stripped !== full && rx.literal < 20) {
    const whole = compile(full);
    return whole.literal >= 10 ? whole : undefined;
  }
  return rx.literal >= 10 ? rx : undefined;
}

/** A message ends at the end of a line or at punctuation, not in the middle of a longer message. */
const MESSAGE_END = `(?=\\s*$|\\s*[\\n;,.)'"\\]>]|\\s+\\()`;

function compile(body: string): { source: string; literal: number } {
  const parts = body.split(/(\{[a-zA-Z]+\})/).filter((p) => p !== '');
  let source = '';
  let literal = 0;
  for (const part of parts) {
    const ph = /^\{([a-zA-Z]+)\}$/.exec(part);
    if (ph) source += PLACEHOLDER[ph[1]!] ?? '[^\\n]*?';
    else {
      literal += part.replace(/\s+/g, '').length;
      source += escape(part).replace(/\s+/g, '\\s+');
    }
  }
  const endsLiteral = parts.length > 0 && !/^\{[a-zA-Z]+\}$/.test(parts.at(-1)!);
  return { source: endsLiteral ? source + MESSAGE_END : source, literal };
}

function weightOf(m: ClientMessage, key: string): number {
  if (m.cause === 'from-code') return 5;
  if (READINGS[key]) return 30;
  return m.code !== undefined ? 46 : 42;
}

function build(): ClientPattern[] {
  const out: ClientPattern[] = [];
  for (const m of CLIENT_MESSAGES) {
    const key = `${m.client}/${m.id}`;
    const base = {
      key,
      client: m.client,
      cause: m.cause,
      code: m.code,
      alternatives: READINGS[key],
      weight: weightOf(m, key),
      source: m.source,
      template: m.template,
    };
    const rx = templateToRegex(m.template);
    // a template's own text is more specific than a bare symbolic code: +1
    if (rx) out.push({ ...base, re: new RegExp(rx.source, 'm'), weight: base.weight + 1 });
    const token = tokenFor(m);
    // older Firefox printed the codes in lower case: "(Error code: sec_error_unknown_issuer)"
    if (token) out.push({ ...base, re: new RegExp(`(?<![A-Za-z0-9_])${escape(token)}(?![A-Za-z0-9_])`, m.client === 'firefox' ? 'i' : '') });
    // OpenSSL reason strings ("…:SSL routines:…:tlsv1 alert protocol version") also appear bare,
    // e.g. in Python's "[SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version"
    const reason = /SSL routines:[^:]*:([a-z0-9 ]{8,})$/.exec(m.template)?.[1];
    if (reason) out.push({ ...base, key: `${key}#reason`, re: new RegExp(escape(reason).replace(/ /g, '[ _]'), 'i') });
  }
  for (const e of STACK_ENTRIES) {
    const key = `${e.stack}/${e.id}`;
    const re = e.pattern ?? (e.template ? new RegExp(templateToRegex(e.template)?.source ?? escape(e.template), 'm') : undefined);
    if (!re) continue;
    // a wording that belongs to one cause is as specific as an OpenSSL verify text (>= 45)
    const weight = e.cause === 'from-code' ? 5 : e.alternatives ? 30 : e.code !== undefined ? 47 : 46;
    out.push({
      key, client: e.stack, re, cause: e.cause, code: e.code, alternatives: e.alternatives, weight,
      source: e.source, template: e.template ?? e.pattern!.source,
    });
  }
  return out;
}

export const CLIENT_PATTERNS: readonly ClientPattern[] = build();

/** How many distinct client texts the decoder recognises (for the bench and the closing note). */
export const CLIENT_TEXT_COUNT = CLIENT_MESSAGES.length + STACK_ENTRIES.length;
