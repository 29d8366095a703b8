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
  /**
   * Lower-case literals of which at least one must occur in the text for `re` to match (one per
   * top-level alternative); absent when some alternative has none. A cheap gate before the regex.
   */
  needles?: string[];
}

/** Top-level alternatives of a regex source (not splitting inside groups or classes). */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** Is the character at `i` followed by a quantifier that allows zero (or varies) of it? */
const optionalNext = (s: string, i: number) => i + 1 < s.length && '?*+{'.includes(s[i + 1]!);

/** The longest literal run outside groups and classes that every match of `alt` contains. */
function literalOf(alt: string): string {
  let best = '';
  let run = '';
  let depth = 0;
  let inClass = false;
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < alt.length; i++) {
    const c = alt[i]!;
    if (inClass) {
      if (c === '\\') i++;
      else if (c === ']') inClass = false;
      continue;
    }
    if (c === '\\') {
      const n = alt[i + 1] ?? '';
      i++;
      if (depth === 0 && /[^A-Za-z0-9]/.test(n) && !optionalNext(alt, i)) run += n;
      else end();
      continue;
    }
    if (c === '[') {
      end();
      inClass = true;
      continue;
    }
    if (c === '(') {
      end();
      depth++;
      continue;
    }
    if (c === ')') {
      depth--;
      continue;
    }
    if (depth > 0) continue;
    if ('?*{'.includes(c)) {
      run = run.slice(0, -1);
      end();
      continue;
    }
    if ('+.^$|'.includes(c)) {
      end();
      continue;
    }
    // a character followed by a quantifier that allows zero of it is not required
    if (optionalNext(alt, i)) {
      end();
      continue;
    }
    run += c;
  }
  end();
  return best.toLowerCase();
}

export function needlesOf(source: string): string[] | undefined {
  const needles = alternatives(source).map(literalOf);
  return needles.every((n) => n.length >= 4) ? needles : undefined;
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
  'rustls/unknown-issuer': CHAIN_UNKNOWN,
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
      key,
      client: e.stack,
      re,
      cause: e.cause,
      code: e.code,
      alternatives: e.alternatives,
      weight,
      source: e.source,
      template: e.template ?? e.pattern!.source,
      ...(e.needles ? { needles: e.needles } : {}),
    });
  }
  return out;
}

export const CLIENT_PATTERNS: readonly ClientPattern[] = build().map((p) => ({ ...p, needles: p.needles ?? needlesOf(p.re.source) }));

/** Every needle, indexed by its first three characters, so one pass over a text finds those present. */
const trigram = (s: string, i: number) => s.charCodeAt(i) * 4294967296 + s.charCodeAt(i + 1) * 65536 + s.charCodeAt(i + 2);
const BY_TRIGRAM: Map<number, string[]> = (() => {
  const m = new Map<number, string[]>();
  for (const n of new Set(CLIENT_PATTERNS.flatMap((p) => p.needles ?? []))) {
    const k = trigram(n, 0);
    const list = m.get(k);
    if (list) list.push(n);
    else m.set(k, [n]);
  }
  return m;
})();

/** The needles that occur in `lower` (a lower-cased text): one map look-up per position. */
export function presentNeedles(lower: string): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i + 3 <= lower.length; i++) {
    const list = BY_TRIGRAM.get(trigram(lower, i));
    if (!list) continue;
    for (const n of list) if (!found.has(n) && lower.startsWith(n, i)) found.add(n);
  }
  return found;
}

/** How many distinct client texts the decoder recognises (for the bench and the closing note). */
export const CLIENT_TEXT_COUNT = CLIENT_MESSAGES.length + STACK_ENTRIES.length;
