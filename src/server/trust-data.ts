/**
 * Loads the versioned trust stores (node-only): data/trust-stores/stores.json.gz and
 * pool.json.gz, or the folder CERTLAB_TRUST_DATA names. Loaded once per process.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { webcrypto } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrustData, TrustPoolFile } from '../core/trust/model.ts';
import { TrustPool } from '../core/trust/pool.ts';

export type TrustDataResult = { ok: true; pool: TrustPool; dir: string } | { ok: false; error: { kind: 'TrustDataMissing'; tried: string[] } | { kind: 'TrustDataUnreadable'; dir: string; reason: string } };

const here = dirname(fileURLToPath(import.meta.url));

/** Where the data may be: $CERTLAB_TRUST_DATA, else data/trust-stores from the source tree or the bundled CLI. */
export function trustDataDirs(env: Record<string, string | undefined> = process.env): string[] {
  if (env.CERTLAB_TRUST_DATA) return [resolve(env.CERTLAB_TRUST_DATA)];
  return [resolve(here, '../../data/trust-stores'), resolve(here, '../data/trust-stores')];
}

const cache = new Map<string, Promise<TrustDataResult>>();

export function loadTrustData(dirs = trustDataDirs()): Promise<TrustDataResult> {
  const key = dirs.join('\n');
  let p = cache.get(key);
  if (!p) cache.set(key, (p = load(dirs)));
  return p;
}

async function load(dirs: string[]): Promise<TrustDataResult> {
  const dir = dirs.find((d) => existsSync(join(d, 'stores.json.gz')));
  if (!dir) return { ok: false, error: { kind: 'TrustDataMissing', tried: dirs } };
  try {
    const [a, b] = await Promise.all([readFile(join(dir, 'stores.json.gz')), readFile(join(dir, 'pool.json.gz'))]);
    const data = JSON.parse(gunzipSync(a).toString('utf8')) as TrustData;
    const pool = JSON.parse(gunzipSync(b).toString('utf8')) as TrustPoolFile;
    return { ok: true, dir, pool: TrustPool.fromFiles(data, pool, webcrypto.subtle as unknown as SubtleCrypto) };
  } catch (e) {
    return { ok: false, error: { kind: 'TrustDataUnreadable', dir, reason: (e as Error).message } };
  }
}

export function trustDataErrorText(e: Extract<TrustDataResult, { ok: false }>['error']): string {
  return e.kind === 'TrustDataMissing'
    ? `the versioned trust stores are not installed (looked in ${e.tried.join(', ')}). Generate them with scripts/trust-stores/build.ts (see data/trust-stores/README.md) or set CERTLAB_TRUST_DATA.`
    : `the trust store data in ${e.dir} cannot be read: ${e.reason}`;
}
