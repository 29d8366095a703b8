/**
 * Named trust stores (node-only): "mozilla" is the Mozilla root list that Node bundles
 * (`tls.rootCertificates`, the same list certifi ships to Python's requests), "system" the
 * operating system bundle (/etc/ssl/certs/ca-certificates.crt on Debian/Ubuntu). Each is
 * parsed once and cached; a certificate that fails to parse is counted, not fatal.
 */
import { rootCertificates } from 'node:tls';
import { readFile } from 'node:fs/promises';
import { webcrypto } from 'node:crypto';
import type { Certificate } from '../core/model.ts';
import { parseCertificate } from '../core/x509/certificate.ts';
import { pemCertificates } from '../core/formats/pem.ts';
import { loadTrustData } from './trust-data.ts';

export type TrustStoreName = 'mozilla' | 'system';

export const TRUST_STORE_NAMES: readonly TrustStoreName[] = ['mozilla', 'system'];

export const SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

export interface TrustStore {
  name: TrustStoreName;
  label: string;
  /** Where the certificates came from. */
  source: string;
  certificates: Certificate[];
  /** PEM blocks that did not parse as certificates. */
  unparsed: number;
}

export type TrustStoreResult = { ok: true; store: TrustStore } | { ok: false; error: TrustStoreError };

export type TrustStoreError =
  { kind: 'UnknownStore'; received: string; expected: readonly TrustStoreName[] } | { kind: 'BundleUnreadable'; path: string; reason: string };

const cache = new Map<TrustStoreName, Promise<TrustStoreResult>>();

async function parsePems(pems: string[]): Promise<{ certificates: Certificate[]; unparsed: number }> {
  const subtle = webcrypto.subtle as unknown as SubtleCrypto;
  const certificates: Certificate[] = [];
  let unparsed = 0;
  for (const pem of pems) {
    for (const der of pemCertificates(pem)) {
      try {
        certificates.push(await parseCertificate(der, subtle));
      } catch {
        unparsed++;
      }
    }
  }
  return { certificates, unparsed };
}

async function load(name: TrustStoreName, systemPath: string): Promise<TrustStoreResult> {
  if (name === 'mozilla') {
    const parsed = await parsePems([...rootCertificates]);
    return {
      ok: true,
      store: { name, label: 'Mozilla / certifi', source: `Node ${process.versions.node} tls.rootCertificates (Mozilla CA list)`, ...parsed },
    };
  }
  let text: string;
  try {
    text = await readFile(systemPath, 'utf8');
  } catch (e) {
    return { ok: false, error: { kind: 'BundleUnreadable', path: systemPath, reason: (e as Error).message } };
  }
  const parsed = await parsePems([text]);
  return { ok: true, store: { name, label: 'OS store', source: systemPath, ...parsed } };
}

/** The store called `name`, parsed once per process. */
export function trustStore(name: string, systemPath = SYSTEM_BUNDLE): Promise<TrustStoreResult> {
  if (!(TRUST_STORE_NAMES as readonly string[]).includes(name)) {
    return Promise.resolve({ ok: false, error: { kind: 'UnknownStore', received: name, expected: TRUST_STORE_NAMES } });
  }
  const key = name as TrustStoreName;
  if (systemPath !== SYSTEM_BUNDLE) return load(key, systemPath);
  let p = cache.get(key);
  if (!p) {
    p = load(key, systemPath);
    cache.set(key, p);
  }
  return p;
}

export function trustStoreErrorText(e: TrustStoreError): string {
  switch (e.kind) {
    case 'UnknownStore':
      return `Unknown trust store "${e.received}". Expected one of: ${e.expected.join(', ')}.`;
    case 'BundleUnreadable':
      return `Cannot read the system CA bundle ${e.path} (${e.reason}). Install the ca-certificates package or pass --trusted FILE.`;
  }
}

/** A client's own store from the versioned trust data (public/trust-stores): the newest version of a platform. */
export interface VersionedStore {
  platform: string;
  version: string;
  /** "OpenJDK cacerts (Temurin-25.0.3+9 cacerts, 2026-04-21)". */
  label: string;
  certificates: Certificate[];
}

const versionedCache = new Map<string, Promise<VersionedStore | null>>();

/**
 * The newest version of `platform` in the versioned trust data, parsed once per process; null when
 * the data or the platform is absent (the caller then says which store stands in).
 */
export function newestVersionedStore(platform: string): Promise<VersionedStore | null> {
  let p = versionedCache.get(platform);
  if (!p) {
    p = (async () => {
      const loaded = await loadTrustData();
      if (!loaded.ok) return null;
      const store = loaded.pool.data.stores.find((s) => s.id === platform);
      const newest = store?.versions.at(-1);
      if (!store || !newest) return null;
      const roots = newest.roots.filter((i) => loaded.pool.data.roots[i].hasDer);
      const certificates = await Promise.all(roots.map((i) => loaded.pool.certificate(i)));
      const name = store.name.replace(/ \(.*\)$/, '');
      return { platform, version: newest.version, label: `${name} (${newest.label}, ${newest.date})`, certificates };
    })();
    versionedCache.set(platform, p);
  }
  return p;
}

/** The "mozilla" store as one PEM text, and where it came from (the static file the inspector fetches). */
export function mozillaRootsPem(): { text: string; source: string; count: number } {
  return {
    text: rootCertificates.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join(''),
    source: `Node ${process.versions.node} tls.rootCertificates (Mozilla CA list)`,
    count: rootCertificates.length,
  };
}
