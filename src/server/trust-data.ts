/**
 * Loads the versioned trust stores (node-only): public/trust-stores/stores.json.gz, and the
 * pool-NN.json.gz shards when a certificate in them is needed; or from the folder
 * CERTLAB_TRUST_DATA names. Loaded once per process.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { webcrypto } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shardFileName, type TrustData, type TrustPoolShard } from '../core/trust/model.ts';
import { TrustPool } from '../core/trust/pool.ts';

export type TrustDataResult =
  | { ok: true; pool: TrustPool; dir: string }
  | { ok: false; error: { kind: 'TrustDataMissing'; tried: string[] } | { kind: 'TrustDataUnreadable'; dir: string; reason: string } };

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Where the data may be: $CERTLAB_TRUST_DATA, else public/trust-stores from the source tree, the
 * bundled CLI (dist-cli/), or the working directory (the built site's server runs from the
 * repository: its chunks sit deeper under dist/server/).
 */
export function trustDataDirs(env: Record<string, string | undefined> = process.env): string[] {
  if (env.CERTLAB_TRUST_DATA) return [resolve(env.CERTLAB_TRUST_DATA)];
  return [
    ...new Set([
      resolve(here, '../../public/trust-stores'),
      resolve(here, '../public/trust-stores'),
      resolve(process.cwd(), 'public/trust-stores'),
      resolve(process.cwd(), 'dist/client/trust-stores'),
    ]),
  ];
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
    const data = JSON.parse(gunzipSync(await readFile(join(dir, 'stores.json.gz'))).toString('utf8')) as TrustData;
    if (data.format !== 1) throw new Error(`format ${data.format}, expected 1: regenerate with scripts/trust-stores/build.ts`);
    const shard = async (k: number) => JSON.parse(gunzipSync(await readFile(join(dir, shardFileName(k)))).toString('utf8')) as TrustPoolShard;
    return { ok: true, dir, pool: new TrustPool(data, shard, webcrypto.subtle as unknown as SubtleCrypto) };
  } catch (e) {
    return { ok: false, error: { kind: 'TrustDataUnreadable', dir, reason: (e as Error).message } };
  }
}

export function trustDataErrorText(e: Extract<TrustDataResult, { ok: false }>['error']): string {
  return e.kind === 'TrustDataMissing'
    ? `the versioned trust stores are not installed (looked in ${e.tried.join(', ')}). Generate them with scripts/trust-stores/build.ts (see public/trust-stores/README.md) or set CERTLAB_TRUST_DATA.`
    : `the trust store data in ${e.dir} cannot be read: ${e.reason}`;
}
