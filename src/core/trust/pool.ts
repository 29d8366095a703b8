/**
 * The shared certificate pool behind every store version. Roots are found by the subject the
 * data records (no certificate is decoded for that); only the roots a chain could reach are
 * loaded (their shard, through the injected loader) and parsed (digests), once each.
 */
import type { Certificate, Subtle } from '../model.ts';
import { decodeBase64, encodeBase64 } from '../der/base64.ts';
import { decodeCertificate, withDigests } from '../x509/certificate.ts';
import type { TrustData, TrustPoolShard } from './model.ts';

/** Loads one shard (node: read + gunzip a file; browser: fetch + DecompressionStream). */
export type ShardLoader = (shard: number) => Promise<TrustPoolShard>;

export class TrustPool {
  readonly data: TrustData;
  private readonly loadShard: ShardLoader;
  private readonly subtle: Subtle;
  private bySubject: Map<string, number[]> | null = null;
  private bySha: Map<string, number> | null = null;
  private readonly shards = new Map<number, Promise<TrustPoolShard>>();
  private readonly parsed = new Map<number, Promise<Certificate>>();

  constructor(data: TrustData, loadShard: ShardLoader, subtle: Subtle) {
    this.data = data;
    this.loadShard = loadShard;
    this.subtle = subtle;
  }

  /** A pool over certificates already in memory (tests; root i is der[i]). */
  static inMemory(data: TrustData, der: (Uint8Array | null)[], subtle: Subtle): TrustPool {
    if (der.length !== data.roots.length) throw new Error(`trust pool holds ${der.length} certificates for ${data.roots.length} roots`);
    const shard = (k: number): TrustPoolShard => ({
      format: 1,
      shard: k,
      der: Object.fromEntries(der.flatMap((d, i) => (d && i % data.shards === k ? [[String(i), encodeBase64(d).replace(/\n/g, '')]] : []))),
    });
    return new TrustPool(data, async (k) => shard(k), subtle);
  }

  /** Root index by SHA-256 fingerprint (lower-case hex), or -1. */
  indexOf(sha256: string): number {
    this.bySha ??= new Map(this.data.roots.map((r, i) => [r.sha256, i]));
    return this.bySha.get(sha256) ?? -1;
  }

  /** Roots whose subject (canonical form) is one of `names`: the only ones a path can end at. */
  withSubjects(names: Iterable<string>): number[] {
    if (!this.bySubject) {
      this.bySubject = new Map();
      this.data.roots.forEach((r, i) => {
        if (!r.hasDer || r.subject === null) return;
        const list = this.bySubject!.get(r.subject);
        if (list) list.push(i);
        else this.bySubject!.set(r.subject, [i]);
      });
    }
    const out = new Set<number>();
    for (const n of names) for (const i of this.bySubject.get(n) ?? []) out.add(i);
    return [...out].sort((a, b) => a - b);
  }

  /** The shards a set of roots lives in (what a browser must fetch for them). */
  shardsOf(roots: Iterable<number>): number[] {
    return [...new Set([...roots].map((i) => i % this.data.shards))].sort((a, b) => a - b);
  }

  private async der(i: number): Promise<Uint8Array> {
    const sha = this.data.roots[i]?.sha256;
    const k = i % this.data.shards;
    let p = this.shards.get(k);
    if (!p) this.shards.set(k, (p = this.loadShard(k)));
    const b64 = (await p).der[String(i)];
    if (b64 === undefined) throw new Error(`root ${sha} has no certificate in pool shard ${k}`);
    const r = decodeBase64(b64);
    if (!r.ok) throw new Error(`root ${sha} in pool shard ${k} is not base64: ${r.reason}`);
    return r.bytes;
  }

  certificate(i: number): Promise<Certificate> {
    let p = this.parsed.get(i);
    if (!p) {
      p = this.der(i).then((d) => withDigests(decodeCertificate(d), this.subtle));
      this.parsed.set(i, p);
    }
    return p;
  }
}
