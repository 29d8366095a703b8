/**
 * Finds every recognisable error in a pasted text: OpenSSL verify codes (s_client and
 * `openssl verify` lines, X509_V_ERR_ names, Node's err.code names, OpenSSL's texts of any
 * version, a bare number) and client messages (patterns.ts). Pure: text in, findings out.
 */
import type { CauseId } from '../causes/cause-id.ts';
import { VERIFY_CODES, allVerifyTexts, verifyCodeByName, verifyCodeByNumber, type NumberLookup, type VerifyCode } from '../codes/verify-codes.ts';
import { CLIENT_PATTERNS, presentNeedles, type ClientId } from './patterns.ts';

export interface Finding {
  kind: 'code' | 'client';
  /** What was matched, as it stands in the text. */
  match: string;
  index: number;
  cause: CauseId | 'from-code';
  alternatives?: CauseId[];
  code?: VerifyCode;
  depth?: number;
  client?: ClientId;
  /** client/id of the client message table entry. */
  key?: string;
  weight: number;
  source: string;
  /** Set for a bare number whose meaning differs between OpenSSL versions. */
  numberNote?: string;
}

/** Longest input the decoder reads; the rest is ignored (and said so). */
export const MAX_INPUT = 200_000;

const TEXTS = allVerifyTexts().filter((t) => t.text.length >= 12 && t.text !== 'out of memory');
// also " cert=…": key=value logs (Exim "SSL verify error: depth=0 error=certificate has expired cert=/CN=…")
const TEXT_END = /^(?:$|\s*$|\s*[\r\n;,.)'"`\]>:}*]|\s+[([]|\s+[a-z_]+=)/;
const TABLE_SOURCE = 'OpenSSL verify code table (src/core/codes/verify-codes.ts)';

function codeCause(code: VerifyCode, depth: number | undefined): Pick<Finding, 'cause' | 'alternatives'> {
  // 20: the issuer of the last certificate is missing. At depth 0 the server sent no
  // intermediate (or the leaf comes straight from an unknown root); above 0 the root is unknown.
  if (code.short === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY') {
    if (depth === 0) return { cause: 'incomplete-chain', alternatives: ['incomplete-chain', 'unknown-ca'] };
    if (depth !== undefined) return { cause: 'unknown-ca', alternatives: ['unknown-ca', 'outdated-client-store'] };
    return { cause: 'unknown-ca', alternatives: ['unknown-ca', 'incomplete-chain', 'outdated-client-store'] };
  }
  // 2: the issuer of a certificate the server sent is not in the store: an unknown root, an old store, or a wrong intermediate
  if (code.short === 'UNABLE_TO_GET_ISSUER_CERT') return { cause: 'unknown-ca', alternatives: ['unknown-ca', 'outdated-client-store', 'incomplete-chain'] };
  // 26 at depth 0: the server certificate's EKU; above 0: a CA certificate unfit for the purpose
  // (OpenSSL checks the purpose of CA certificates too, e.g. an intermediate with CA:FALSE).
  if (code.short === 'INVALID_PURPOSE') {
    if (depth === 0) return { cause: 'wrong-purpose' };
    if (depth !== undefined) return { cause: 'invalid-ca' };
    return { cause: 'wrong-purpose', alternatives: ['wrong-purpose', 'invalid-ca'] };
  }
  return { cause: code.cause };
}

function numberNote(r: NumberLookup): string | undefined {
  if (r.otherMeanings.length === 0) return undefined;
  const others = r.otherMeanings.map((o) => `${o.code.name} in OpenSSL ${o.version}`).join(', ');
  return r.code
    ? `${r.code.numbers[r.version]!.code} is ${r.code.name} in OpenSSL ${r.version} (the numbering used here), but ${others}.`
    : `Not a code in OpenSSL ${r.version}; it is ${others}.`;
}

function codeFinding(code: VerifyCode, match: string, index: number, weight: number, depth?: number, client?: ClientId): Finding {
  return { kind: 'code', match, index, code, depth, client, weight, source: TABLE_SOURCE, ...codeCause(code, depth) };
}

/** s_client prints "depth=N …" before the verify error of that certificate. */
function depthBefore(text: string, index: number): number | undefined {
  const before = text.slice(0, index);
  const all = [...before.matchAll(/(?:^|[ \t])depth=(\d+)/gm)];
  const last = all.at(-1);
  return last ? Number(last[1]) : undefined;
}

/**
 * A number printed with its text names the code unambiguously even across versions: an
 * OpenSSL 1.1.1 "num=24:invalid CA certificate" is INVALID_CA, not 3.x's 24.
 */
function byNumberAndText(n: number, printed: string): VerifyCode | undefined {
  const t = printed.trim().toLowerCase();
  const exact = VERIFY_CODES.find((c) => Object.values(c.numbers).some((v) => v?.code === n && v.text?.toLowerCase() === t));
  return exact ?? verifyCodeByNumber(n).code ?? verifyCodeByNumber(n).otherMeanings[0]?.code;
}

function findCodes(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/verify error:num=(\d+):([^\n]*)/g)) {
    const code = byNumberAndText(Number(m[1]), m[2]!);
    if (code) out.push(codeFinding(code, m[0], m.index, 60, depthBefore(text, m.index), 'openssl'));
  }
  for (const m of text.matchAll(/Verify return code: (\d+) \(([^)\n]*)\)/g)) {
    const code = byNumberAndText(Number(m[1]), m[2]!);
    if (code) out.push(codeFinding(code, m[0], m.index, 56, undefined, 'openssl'));
  }
  for (const m of text.matchAll(/error (\d+) at (\d+) depth lookup: ?([^\n]*)/g)) {
    const code = byNumberAndText(Number(m[1]), m[3]!);
    if (code) out.push(codeFinding(code, m[0], m.index, 60, Number(m[2]), 'openssl'));
  }
  for (const m of text.matchAll(/\bX509_V_(?:ERR_[A-Z0-9_]+|OK)\b/g)) {
    const code = verifyCodeByName(m[0]);
    if (code) out.push(codeFinding(code, m[0], m.index, 55));
  }
  // Node's err.code values are the names without X509_V_ERR_ (e.g. code: 'CERT_HAS_EXPIRED')
  for (const m of text.matchAll(/(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])/g)) {
    if (text.slice(Math.max(0, m.index - 11), m.index).endsWith('X509_V_ERR_')) continue;
    const code = verifyCodeByName(m[0]);
    if (code && code.short !== 'OK') out.push(codeFinding(code, m[0], m.index, 54));
  }
  const lower = text.toLowerCase();
  const taken: [number, number][] = [];
  for (const t of TEXTS) {
    const needle = t.text.toLowerCase();
    let from = 0;
    for (;;) {
      const i = lower.indexOf(needle, from);
      if (i < 0) break;
      from = i + needle.length;
      if (taken.some(([a, b]) => i < b && i + needle.length > a)) continue;
      // a whole message, not the start of a longer one (Go: "certificate has expired or is not yet valid")
      if (!TEXT_END.test(lower.slice(i + needle.length, i + needle.length + 24))) continue;
      taken.push([i, i + needle.length]);
      out.push(codeFinding(t.code, text.slice(i, i + needle.length), i, 50));
    }
  }
  return out;
}

function findBareNumber(text: string): Finding[] {
  const m = /^\s*(?:(?:verify\s+)?(?:error|code|return code|num)\s*[:=#]?\s*)?(\d{1,3})\s*$/i.exec(text);
  if (!m) return [];
  const r = verifyCodeByNumber(Number(m[1]));
  const code = r.code ?? r.otherMeanings[0]?.code;
  if (!code) return [];
  const f = codeFinding(code, m[1]!, m.index + m[0].indexOf(m[1]!), 58);
  const note = numberNote(r);
  if (note) {
    f.numberNote = note;
    const causes = [code.cause, ...r.otherMeanings.map((o) => o.code.cause)];
    const distinct = [...new Set(causes)];
    if (distinct.length > 1) f.alternatives = distinct;
  }
  return [f];
}

function findClientTexts(text: string): Finding[] {
  const out: Finding[] = [];
  const present = presentNeedles(text.toLowerCase());
  for (const p of CLIENT_PATTERNS) {
    if (p.needles && !p.needles.some((n) => present.has(n))) continue;
    const m = p.re.exec(text);
    if (!m) continue;
    const code = p.code !== undefined ? verifyCodeByNumber(p.code).code : undefined;
    out.push({
      kind: 'client',
      match: m[0],
      index: m.index,
      key: p.key,
      // a bare OpenSSL reason string is printed by every OpenSSL-based client alike
      client: p.key.endsWith('#reason') ? undefined : p.client,
      // a message tied to one verify code means what that code means (one table for codes)
      cause: code && p.cause !== 'from-code' && !p.alternatives ? code.cause : p.cause,
      alternatives: p.alternatives,
      code,
      weight: p.weight,
      source: p.source,
    });
  }
  return out;
}

export function extractFindings(input: string): Finding[] {
  const text = input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input;
  const codes = findCodes(text);
  const bare = codes.length === 0 ? findBareNumber(text) : [];
  return [...codes, ...bare, ...findClientTexts(text)].sort((a, b) => a.index - b.index);
}
