/**
 * The OpenSSL verify result table: every X509_V_OK / X509_V_ERR_* code with its number in
 * OpenSSL 1.1.1, 3.0 and the newest 3.x, OpenSSL's own text, a plain-words explanation, how common
 * it is, the cause, who must act and what to do. One source for the decoder, CLI, widgets,
 * reference pages and validator.
 *
 * Numbers and texts come from openssl-numbering.ts (generated from OpenSSL's x509_vfy.h and
 * x509_txt.c by scripts/gen-verify-codes.ts); meanings come from verify-annotations.ts.
 * A bare number is read in DEFAULT_NUMBERING (the numbering of this machine's openssl, 3.0.x).
 */
import type { CauseId } from '../causes/cause-id.ts';
import { CAUSES, type Liability } from '../causes/causes.ts';
import { OPENSSL_NUMBERINGS } from './openssl-numbering.ts';
import { ANNOTATIONS, type Frequency } from './verify-annotations.ts';

export type { Frequency } from './verify-annotations.ts';

export const NUMBERING_VERSIONS = ['1.1.1', '3.0', '3.x'] as const;
export type NumberingVersion = (typeof NUMBERING_VERSIONS)[number];
/** The numbering `openssl version` on this project's machines uses (OpenSSL 3.0.x). */
export const DEFAULT_NUMBERING: NumberingVersion = '3.0';

export interface VerifyCode {
  /** 'X509_V_OK' or 'X509_V_ERR_…' */
  name: string;
  /** The name without 'X509_V_ERR_' (also Node's err.code for the 28 codes Node names). */
  short: string;
  /** Number in DEFAULT_NUMBERING, or in the newest numbering for codes added after it. */
  code: number;
  /** The numbering `code` and `text` are taken from. */
  version: NumberingVersion;
  /** OpenSSL's text in that version (X509_verify_cert_error_string); null if OpenSSL has none yet. */
  text: string | null;
  /** Number and text in every version that defines the name. */
  numbers: Partial<Record<NumberingVersion, { code: number; text: string | null }>>;
  explanation: string;
  frequency: Frequency;
  cause: CauseId;
  liability: Liability;
  actions: { server: string; client: string };
  /** Lesson slug (with optional #anchor) that explains the cause. */
  lesson: string;
}

export const NUMBERING_SOURCES: Readonly<Record<NumberingVersion, string>> = Object.fromEntries(OPENSSL_NUMBERINGS.map((n) => [n.version, n.source])) as Record<
  NumberingVersion,
  string
>;

function shortName(name: string): string {
  return name === 'X509_V_OK' ? 'OK' : name.replace(/^X509_V_ERR_/, '');
}

function buildTable(): VerifyCode[] {
  const byName = new Map<string, VerifyCode['numbers']>();
  for (const n of OPENSSL_NUMBERINGS) {
    for (const [code, name, text] of n.codes) {
      const entry = byName.get(name) ?? {};
      entry[n.version as NumberingVersion] = { code, text };
      byName.set(name, entry);
    }
  }
  const rows: VerifyCode[] = [];
  for (const [name, numbers] of byName) {
    const short = shortName(name);
    const a = ANNOTATIONS[short];
    if (!a) throw new Error(`verify-codes: no annotation for ${name}. Add one to verify-annotations.ts.`);
    const version: NumberingVersion = numbers[DEFAULT_NUMBERING] ? DEFAULT_NUMBERING : numbers['3.x'] ? '3.x' : '1.1.1';
    const here = numbers[version]!;
    const cause = CAUSES[a.cause];
    rows.push({
      name,
      short,
      code: here.code,
      version,
      text: here.text,
      numbers,
      explanation: a.explanation,
      frequency: a.frequency,
      cause: a.cause,
      liability: a.liability ?? cause.liability,
      actions: a.actions ?? cause.actions,
      lesson: cause.lesson,
    });
  }
  return rows.sort((x, y) => (x.version === y.version ? x.code - y.code : x.version === DEFAULT_NUMBERING ? -1 : 1));
}

/** Every code, ordered by number in the default numbering, then the newer codes. */
export const VERIFY_CODES: readonly VerifyCode[] = buildTable();

const BY_NAME = new Map(VERIFY_CODES.flatMap((c) => [[c.name, c] as const, [c.short, c] as const]));

/** By 'X509_V_ERR_CERT_HAS_EXPIRED', 'CERT_HAS_EXPIRED' or 'cert_has_expired'. */
export function verifyCodeByName(name: string): VerifyCode | undefined {
  return BY_NAME.get(name.trim().toUpperCase());
}

export interface NumberLookup {
  /** The code the number means in the numbering asked for (default: DEFAULT_NUMBERING). */
  code: VerifyCode | undefined;
  version: NumberingVersion;
  /** Other versions in which the same number means a different code (empty when it means the same everywhere). */
  otherMeanings: { version: NumberingVersion; code: VerifyCode }[];
}

export function verifyCodeByNumber(n: number, version: NumberingVersion = DEFAULT_NUMBERING): NumberLookup {
  const find = (v: NumberingVersion) => VERIFY_CODES.find((c) => c.numbers[v]?.code === n);
  const code = find(version);
  const otherMeanings: NumberLookup['otherMeanings'] = [];
  for (const v of NUMBERING_VERSIONS) {
    if (v === version) continue;
    const other = find(v);
    if (other && other.name !== code?.name && !otherMeanings.some((o) => o.code.name === other.name)) {
      otherMeanings.push({ version: v, code: other });
    }
  }
  return { code, version, otherMeanings };
}

/** Codes whose OpenSSL text (in any version) equals `text`, ignoring case. */
export function verifyCodesByText(text: string): VerifyCode[] {
  const t = text.trim().toLowerCase();
  return VERIFY_CODES.filter((c) => Object.values(c.numbers).some((v) => v?.text?.toLowerCase() === t));
}

/** Every distinct OpenSSL text with its code, longest first (for recognisers). */
export function allVerifyTexts(): { text: string; code: VerifyCode; version: NumberingVersion }[] {
  const out: { text: string; code: VerifyCode; version: NumberingVersion }[] = [];
  const seen = new Set<string>();
  for (const c of VERIFY_CODES) {
    for (const v of NUMBERING_VERSIONS) {
      const t = c.numbers[v]?.text;
      if (!t || seen.has(t)) continue;
      seen.add(t);
      out.push({ text: t, code: c, version: v });
    }
  }
  return out.sort((a, b) => b.text.length - a.text.length);
}
