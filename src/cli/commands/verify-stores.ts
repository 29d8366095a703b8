/**
 * The `--store PLATFORM[@VERSION]` part of `certlab verify` (#12), kept apart from verify.ts so
 * the command only calls two functions: selectStore() for the anchors and storesMatrix() for
 * the per-platform verdicts (JSON `stores`, and lines under the human output).
 */
import type { Certificate, Millis, ValidationPolicy } from '../../core/model.ts';
import { lookupStore, storeSpecErrorText } from '../../core/trust/spec.ts';
import { trustMatrix, type PlatformVerdict } from '../../core/trust/matrix.ts';
import { loadTrustData, trustDataErrorText } from '../../server/trust-data.ts';
import type { TrustPool } from '../../core/trust/pool.ts';
import { webcrypto } from 'node:crypto';

/** Names the older, unversioned stores answer (src/server/trust-stores.ts). */
const LEGACY = ['mozilla', 'system'];

export type StoreSelection =
  /** Not a versioned store: verify.ts goes on with its own trustStore(). */
  { kind: 'legacy' } | { kind: 'error'; text: string } | { kind: 'versioned'; anchors: Certificate[]; label: string; pool: TrustPool };

export async function selectStore(spec: string): Promise<StoreSelection> {
  const platform = spec.split('@')[0].trim().toLowerCase();
  if (platform === 'system') return { kind: 'legacy' };
  const d = await loadTrustData();
  if (!d.ok) {
    // Without the data, plain names keep their old meaning (and their old error for unknown ones).
    if (!spec.includes('@')) return { kind: 'legacy' };
    return { kind: 'error', text: trustDataErrorText(d.error) };
  }
  // "mozilla" stays the Mozilla list Node bundles when the data has no versioned platform of that name.
  if (LEGACY.includes(platform) && !spec.includes('@') && !d.pool.data.stores.some((s) => s.id === platform)) return { kind: 'legacy' };
  const r = lookupStore(d.pool.data, spec);
  if (!r.ok) {
    if (r.error.kind === 'UnknownPlatform')
      return {
        kind: 'error',
        text: `Unknown trust store "${r.error.received}". Expected one of: ${LEGACY.join(', ')}. Or a versioned store PLATFORM[@VERSION]: ${r.error.expected.join(', ')} (\`certlab stores\` lists the versions).`,
      };
    return { kind: 'error', text: storeSpecErrorText(r.error) };
  }
  const blocked = new Set(r.version.blocked);
  const usable = r.version.roots.filter((i) => !blocked.has(i) && d.pool.data.roots[i].hasDer);
  const anchors = await Promise.all(usable.map((i) => d.pool.certificate(i)));
  const label = `${r.store.name} ${r.version.version} (${r.version.label}, ${r.version.date}; ${anchors.length} roots${blocked.size ? `, ${blocked.size} blocked` : ''})`;
  return { kind: 'versioned', anchors, label, pool: d.pool };
}

export interface MatrixArgs {
  pool: TrustPool;
  peer: Certificate;
  untrusted: Certificate[];
  peerName?: string;
  at: Millis;
  policy: ValidationPolicy;
}

export function storesMatrix(a: MatrixArgs): Promise<PlatformVerdict[]> {
  return trustMatrix({ ...a, subtle: webcrypto.subtle as unknown as SubtleCrypto });
}

/** One line per platform: "android  17.0.0_r1 trusts (ISRG Root X1); since 8.0.0_r36". */
export function storesMatrixLines(m: PlatformVerdict[]): string[] {
  const lines = ['trust stores (newest version; oldest that trusts; first that stopped):'];
  for (const p of m) {
    const n = p.newest;
    const head = n.trusted ? `${n.version} trusts (${n.anchor!.name})` : `${n.version} does NOT trust: ${n.failure?.code} ${n.failure?.text}`;
    const since = !p.oldestTrusting
      ? '; no version on record trusts it'
      : p.oldestTrusting.version === p.versions[0].version
        ? `; every version on record (from ${p.oldestTrusting.version}, ${p.oldestTrusting.date})`
        : `; since ${p.oldestTrusting.version} (${p.oldestTrusting.date})`;
    const stop = p.firstStopped
      ? `; stopped in ${p.firstStopped.version} (${p.firstStopped.reason}${p.firstStopped.root ? `: ${p.firstStopped.root.name}` : ''})`
      : '';
    const exp = !p.anchorExpired
      ? ''
      : `; root ${p.anchorExpired.name} expired ${p.anchorExpired.notAfter}${p.checksAnchorExpiry ? '' : ', which this platform ignores'}`;
    lines.push(`  ${p.id.padEnd(11)} ${head}${since}${stop}${exp}`);
  }
  return lines;
}
