/**
 * The decoder: any pasted text (a bare code, a code name, a one-line error, a stack trace,
 * a log, an s_client transcript) → the most telling error in it, its cause, who must act,
 * what to do, the lesson and the command that confirms it. Text it cannot place gets
 * cause 'unknown' with the closest candidates, never a confident wrong answer.
 */
import type { CauseId } from '../causes/cause-id.ts';
import { CAUSES, type Liability } from '../causes/causes.ts';
import { tellFor } from './tells.ts';
import { VERIFY_CODES } from '../codes/verify-codes.ts';
import { CLIENT_MESSAGES } from '../clients/messages.ts';
import { clientName } from '../clients/client-names.ts';
import { detectClient, findTarget, type Target } from './context.ts';
import { judgeCase, caseActions, caseLiability, type Reading } from './cases.ts';
import { evidenceInText, type Evidence } from './evidence.ts';

const inText = (text: string): Evidence[] => {
  const e = evidenceInText(text);
  return e ? [e] : [];
};
import { extractFindings, MAX_INPUT, type Finding } from './extract.ts';
import type { ClientId } from './patterns.ts';

/**
 * high: the text (or the evidence) names one cause. medium: a likely reading, with the
 * others it could be. ambiguous: the text cannot tell its candidates apart.
 */
export type Confidence = 'high' | 'medium' | 'ambiguous';

/** A case is finer than a cause: who must act differs between a proxy, a private CA and a public site. */
export type CaseId = 'missing-intermediate' | 'tls-inspection' | 'private-ca' | 'outdated-client-store';

export interface Candidate {
  cause: CauseId;
  case: CaseId | null;
  liability: Liability;
  code: number | null;
  name: string | null;
  /** Why it is a candidate: what in the text points to it. */
  why: string;
  /** The one observation that tells it apart from the others, with the command that makes it. */
  tell: string;
}

export interface EvidenceNeeded {
  what: string;
  command: string;
}

export interface DecodeResult {
  cause: CauseId;
  /** The finer case, when the text or the evidence shows it. */
  case: CaseId | null;
  /** Who must act in this case (a private root missing from a client is the client's; a public site without its intermediate is the server's). */
  liability: Liability;
  /** False when the text could not be placed on a cause (cause 'unknown'). */
  placed: boolean;
  /** OpenSSL verify code (in `numbering`), when one applies. */
  code: number | null;
  name: string | null;
  /** OpenSSL's own text for the code. */
  text: string | null;
  numbering: string | null;
  client: ClientId | null;
  /**
   * The first sentence people read: the cause's title, or, when the text cannot tell two causes
   * with different owners apart (code 21 without evidence), both of them.
   */
  headline: string;
  explanation: string;
  actions: { server: string; client: string };
  /** Lesson path, e.g. /lessons/why-it-breaks/#expired */
  lesson: string;
  /** The command that confirms the diagnosis. */
  next: string;
  confidence: Confidence;
  /** At most 3 causes, the reading given first, each with the observation that tells it apart. */
  candidates: Candidate[];
  /** What to paste next (with the command), when the text alone does not decide. */
  evidence_needed: EvidenceNeeded | null;
  /** What the pasted evidence showed, when some was given. */
  evidence: { kind: Evidence['kind']; finding: string } | null;
  /** Every recognised error, in the order it appears. */
  findings: { match: string; cause: CauseId | 'from-code'; code: number | null; name: string | null; client: ClientId | null; depth: number | null }[];
  host: string | null;
  /** When a bare number means different codes in different OpenSSL versions. */
  note: string | null;
  /** Set when the input was cut to MAX_INPUT characters. */
  truncated: boolean;
}

/**
 * How telling each cause is when findings are otherwise equal: higher wins. A Record, so a cause
 * added to CAUSE_IDS is a compile error here until it has its place (it used to rank first).
 */
const CAUSE_ORDER: Record<CauseId, number> = {
  'hostname-mismatch': 18,
  expired: 17,
  'not-yet-valid': 16,
  revoked: 15,
  'self-signed': 14,
  'incomplete-chain': 13,
  'weak-key': 12,
  'weak-signature': 11,
  'bad-signature': 10,
  'invalid-ca': 9,
  'path-length-exceeded': 8,
  'wrong-purpose': 7,
  'name-constraints': 6,
  'client-cert-required': 5,
  'protocol-mismatch': 4,
  'outdated-client-store': 3,
  'unknown-ca': 2,
  unknown: 1,
};

function rank(f: Finding): number[] {
  // an error with a cause > "verify OK" (s_client ends with it even after errors it carried on from) > wrappers
  const placed = f.code?.short === 'OK' ? 1 : f.cause !== 'from-code' && f.cause !== 'unknown' ? 3 : f.code ? 2 : 0;
  const definite = f.alternatives ? 0 : 1;
  const order = f.cause === 'from-code' ? 0 : CAUSE_ORDER[f.cause];
  return [placed, definite, f.weight >= 45 ? 1 : 0, order, f.weight];
}

function better(a: Finding, b: Finding): boolean {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! > rb[i]!;
  return false;
}

export function nextCommand(cause: CauseId, target: Target | null): string {
  const host = target?.host ?? 'HOST';
  const port = target?.port ?? 443;
  const sni = host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host) ? '' : ` -servername ${host}`;
  const base = `openssl s_client -connect ${host}:${port}${sni}`;
  switch (cause) {
    case 'hostname-mismatch':
      return `${base} </dev/null 2>/dev/null | openssl x509 -noout -subject -ext subjectAltName`;
    case 'expired':
    case 'not-yet-valid':
      return `${base} -showcerts </dev/null 2>/dev/null | grep -E '^ *(depth|v:|Verify)'; date -u`;
    case 'client-cert-required':
      return `${base} -cert client.pem -key client.key </dev/null`;
    case 'protocol-mismatch':
      return `${base} -brief </dev/null`;
    case 'outdated-client-store':
      return `${base} -showcerts -CAfile /etc/ssl/certs/ca-certificates.crt </dev/null`;
    default:
      return `${base} -showcerts </dev/null`;
  }
}

function lessonPath(slug: string): string {
  const [page, anchor] = slug.split('#');
  return `/lessons/${page}/${anchor ? `#${anchor}` : ''}`;
}

const STOP = new Set([
  'certificate',
  'error',
  'failed',
  'the',
  'with',
  'from',
  'this',
  'that',
  'does',
  'have',
  'unable',
  'exception',
  'java',
  'javax',
  'caused',
]);
function words(s: string): Set<string> {
  return new Set((s.toLowerCase().match(/[a-z][a-z0-9]{3,}/g) ?? []).filter((w) => !STOP.has(w)));
}

/** How much a shared word counts, by how often people meet the code. */
const FREQUENCY_WEIGHT = { 'very common': 1, common: 0.8, rare: 0.5, obscure: 0.3 } as const;

/**
 * Closest table entries for text nothing matched: scored by the number of shared words
 * (weighted by how common the code is; client messages count fully), best cause first.
 */
interface Closest {
  cause: CauseId;
  code: number | null;
  name: string | null;
  why: string;
}

/** The word sets of every table entry, computed once. */
interface TableWords {
  w: Set<string>;
  weight: number;
  min: number;
  c: Omit<Closest, 'why'>;
  why: (shared: string[]) => string;
}
let closestTable: TableWords[] | undefined;
function table(): TableWords[] {
  if (closestTable) return closestTable;
  const t: TableWords[] = [];
  for (const c of VERIFY_CODES) {
    if (c.short === 'OK') continue;
    t.push({
      w: words(`${c.text ?? ''} ${c.short.replace(/_/g, ' ')}`),
      weight: FREQUENCY_WEIGHT[c.frequency],
      min: 1,
      c: { cause: c.cause, code: c.code, name: c.name },
      why: (shared) => `shares "${shared.join('", "')}" with "${c.text ?? c.name}"`,
    });
  }
  for (const m of CLIENT_MESSAGES) {
    if (m.cause === 'from-code') continue;
    t.push({
      w: words(m.template.replace(/\{\w+\}/g, ' ')),
      weight: 1,
      min: 2,
      c: { cause: m.cause, code: m.code ?? null, name: null },
      why: () => `resembles what ${clientName(m.client)} prints: "${m.template}"`,
    });
  }
  return (closestTable = t);
}

function closest(text: string): Closest[] {
  const have = words(text);
  if (have.size === 0) return [];
  const scored: (Closest & { score: number })[] = [];
  const add = (w: Set<string>, weight: number, min: number, c: Omit<Closest, 'why'>, why: (shared: string[]) => string) => {
    const shared = [...w].filter((x) => have.has(x));
    if (shared.length < min) return;
    scored.push({ ...c, why: why(shared), score: shared.length * weight + shared.length / (100 * w.size) });
  };
  for (const e of table()) add(e.w, e.weight, e.min, e.c, e.why);
  scored.sort((a, b) => b.score - a.score);
  const out: Closest[] = [];
  for (const s of scored) {
    if (out.some((o) => o.cause === s.cause)) continue;
    out.push({ cause: s.cause, code: s.code, name: s.name, why: s.why });
    if (out.length === 3) break;
  }
  return out;
}

export interface DecodeOptions {
  /** Evidence read with readEvidence (s_client, curl -v, probe JSON) from the failing machine. */
  evidence?: Evidence[];
}

export function decode(input: string, options: DecodeOptions = {}): DecodeResult {
  const text = typeof input === 'string' ? input : '';
  const findings = extractFindings(text);
  const target = findTarget(text);
  let top: Finding | undefined;
  for (const f of findings) if (!top || better(f, top)) top = f;

  const listed = findings.map((f) => ({
    match: f.match.length > 200 ? `${f.match.slice(0, 200)}…` : f.match,
    cause: f.cause,
    code: f.code?.code ?? null,
    name: f.code?.name ?? null,
    client: f.client ?? null,
    depth: f.depth ?? null,
  }));
  const client = top?.client ?? findings.find((f) => f.client)?.client ?? detectClient(text);
  const truncated = text.length > MAX_INPUT;
  const scanned = truncated ? text.slice(0, MAX_INPUT) : text;

  const placedByText = !!top && top.cause !== 'from-code' && !(top.cause === 'unknown' && !top.code);
  // a wrapper ("certificate verify failed" with no reason) still says which causes usually print it
  const wrapperReadings = placedByText ? undefined : findings.find((f) => f.alternatives?.length)?.alternatives;
  const reading: Reading = judgeCase({
    text: scanned,
    cause: placedByText ? (top!.cause as CauseId) : null,
    alternatives: placedByText ? (top!.alternatives ?? []).filter((a) => a !== top!.cause) : (wrapperReadings ?? []),
    code: top?.code?.short ?? null,
    depth: top?.depth ?? null,
    definite: placedByText && !top!.alternatives && top!.weight >= 45,
    evidence: [...(options.evidence ?? []), ...inText(scanned)],
    target,
  });

  if (!reading.cause) {
    const unknown = CAUSES.unknown;
    const candidates = reading.candidates.length
      ? reading.candidates
      : closest(text).map((c) => ({
          ...c,
          case: null,
          liability: CAUSES[c.cause].liability,
          tell: tellFor(c.cause, null, target),
        }));
    return {
      cause: 'unknown',
      case: null,
      liability: unknown.liability,
      placed: false,
      code: null,
      name: null,
      text: null,
      numbering: null,
      client,
      explanation: findings.length
        ? 'The text shows a TLS failure but not which check failed (the reason is missing). Run the command below to see what the server sends.'
        : 'No known TLS or certificate error was found in this text.',
      headline: 'Could not place this error',
      actions: unknown.actions,
      lesson: lessonPath(unknown.lesson),
      next: nextCommand('unknown', target),
      confidence: 'ambiguous',
      candidates,
      evidence_needed: reading.evidenceNeeded,
      evidence: reading.evidenceFinding,
      findings: listed,
      host: target?.host ?? null,
      note: null,
      truncated,
    };
  }

  const cause: CauseId = reading.cause;
  const code = top?.code && (top.cause === cause || top.code.cause === cause || reading.keepsCode) ? top.code : undefined;
  const c = CAUSES[cause];
  const codeFitsCause = code && code.cause === cause;
  const explanation =
    reading.explanation ?? (codeFitsCause || (code && cause === 'unknown') ? code!.explanation : code ? `${c.summary} (${code.explanation})` : c.summary);
  const actions = reading.actions ?? caseActions(reading.case) ?? (codeFitsCause ? code!.actions : c.actions);
  const liability = reading.liability ?? caseLiability(reading.case) ?? (codeFitsCause ? code!.liability : c.liability);
  return {
    cause,
    case: reading.case,
    liability,
    placed: true,
    code: code?.code ?? null,
    name: code?.name ?? null,
    text: code?.text ?? null,
    numbering: code?.version ?? null,
    client,
    headline: reading.headline ?? (code?.code === 0 ? 'No verification error' : c.title),
    explanation,
    actions,
    lesson: lessonPath(c.lesson),
    next: nextCommand(cause, target),
    confidence: reading.confidence,
    candidates: reading.candidates,
    evidence_needed: reading.evidenceNeeded,
    evidence: reading.evidenceFinding,
    findings: listed,
    host: target?.host ?? null,
    note: top?.numberNote ?? null,
    truncated,
  };
}
