/**
 * Store specs as a user types them: `PLATFORM[@VERSION]` — `mozilla`, `apple@ios17`,
 * `microsoft@2025-06`, `android@14`, `java@17.0.2`, `certifi@2021.10.8`. Without a version the
 * newest. A version matches, in order:
 *   1. exactly ('17.0.0_r1', 'ios17', '2025-05-11', '2021.10.08');
 *   2. numerically (leading zeros ignored: 'certifi@2021.10.8' is '2021.10.08');
 *   3. as a prefix up to '.', '_' or '-' ('android@14' is the newest 14.x, 'java@17' the newest 17.x);
 *   4. as a date for stores whose versions are dates: 'YYYY-MM[-DD]' is the newest version
 *      dated on or before the end of that month (or day): the list in force then.
 */
import type { TrustData, TrustStoreData, TrustVersionData } from './model.ts';

export interface StoreSpec {
  platform: string;
  /** null: the newest version. */
  version: string | null;
}

export type StoreSpecError =
  | { kind: 'EmptySpec'; received: string }
  | { kind: 'UnknownPlatform'; received: string; expected: string[] }
  | { kind: 'UnknownVersion'; platform: string; received: string; expected: string[] };

export type StoreLookup = { ok: true; store: TrustStoreData; version: TrustVersionData; index: number } | { ok: false; error: StoreSpecError };

export function parseStoreSpec(text: string): { ok: true; spec: StoreSpec } | { ok: false; error: StoreSpecError } {
  const t = text.trim();
  const at = t.indexOf('@');
  const platform = (at < 0 ? t : t.slice(0, at)).trim().toLowerCase();
  const version = at < 0 ? null : t.slice(at + 1).trim();
  if (!platform || version === '') return { ok: false, error: { kind: 'EmptySpec', received: text } };
  return { ok: true, spec: { platform, version } };
}

const numeric = (v: string) => v.toLowerCase().replace(/(^|[._-])0+(\d)/g, '$1$2');

function endOfPeriod(v: string): string | null {
  const m = v.match(/^(\d{4})-(\d{2})(?:-(\d{2}))?$/);
  if (!m) return null;
  return m[3] ? v : `${m[1]}-${m[2]}-31`;
}

function newestMatching(versions: TrustVersionData[], ok: (v: TrustVersionData) => boolean): number {
  for (let i = versions.length - 1; i >= 0; i--) if (ok(versions[i])) return i;
  return -1;
}

/** Finds a store version; the error lists what is known (platform ids, or that platform's versions). */
export function findStoreVersion(data: TrustData, spec: StoreSpec): StoreLookup {
  const store = data.stores.find((s) => s.id === spec.platform);
  if (!store) return { ok: false, error: { kind: 'UnknownPlatform', received: spec.platform, expected: data.stores.map((s) => s.id) } };
  const vs = store.versions;
  const found = (index: number): StoreLookup => ({ ok: true, store, version: vs[index], index });
  if (spec.version === null) return found(vs.length - 1);
  const want = spec.version.toLowerCase();
  let i = newestMatching(vs, (v) => v.version.toLowerCase() === want);
  if (i < 0) i = newestMatching(vs, (v) => numeric(v.version) === numeric(want));
  const nw = numeric(want);
  if (i < 0) i = newestMatching(vs, (v) => numeric(v.version).startsWith(nw) && /[._-]/.test(numeric(v.version)[nw.length] ?? ''));
  const end = endOfPeriod(want);
  if (i < 0 && end && vs.every((v) => v.version === v.date)) i = newestMatching(vs, (v) => v.date <= end);
  if (i < 0) return { ok: false, error: { kind: 'UnknownVersion', platform: store.id, received: spec.version, expected: vs.map((v) => v.version) } };
  return found(i);
}

export function lookupStore(data: TrustData, text: string): StoreLookup {
  const p = parseStoreSpec(text);
  return p.ok ? findStoreVersion(data, p.spec) : p;
}

/** One line a person can act on: what was received, what is known. */
export function storeSpecErrorText(e: StoreSpecError): string {
  switch (e.kind) {
    case 'EmptySpec':
      return `store "${e.received}" is empty. Expected PLATFORM or PLATFORM@VERSION, e.g. android@14.`;
    case 'UnknownPlatform':
      return `unknown store platform "${e.received}". Known: ${e.expected.join(', ')}.`;
    case 'UnknownVersion':
      return `${e.platform} has no version "${e.received}". Known: ${e.expected.join(', ')}.`;
  }
}
