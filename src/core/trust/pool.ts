/**
 * The shared certificate pool behind every store version. Roots are indexed by the subject the
 * data records (decoding the DER only where it records none), and only the roots a chain could
 * reach are parsed fully (digests), once each.
 */
import type { Certificate, Subtle } from '../model.ts';
import { decodeBase64 } from '../der/base64.ts';
import { decodeCertificate, withDigests } from '../x509/certificate.ts';
import type { TrustData, TrustPoolFile } from './model.ts';

export class TrustPool {
  readonly data: TrustData;
  private readonly der: (Uint8Array | null)[];
  private readonly subtle: Subtle;
  private bySubject: Map<string, number[]> | null = null;
  private readonly parsed = new Map<number, Promise<Certificate>>();
  private bySha: Map<string, number> | null = null;

  constructor(data: TrustData, der: (Uint8Array | null)[], subtle: Subtle) {
    if (der.length !== data.roots.length) throw new Error(`trust pool holds ${der.length} certificates for ${data.roots.length} roots: the two files are from different builds`);
    this.data = data;
    this.der = der;
    this.subtle = subtle;
  }

  static fromFiles(data: TrustData, pool: TrustPoolFile, subtle: Subtle): TrustPool {
    const der = pool.der.map((b64, i) => {
      if (b64 === null) return null;
      const r = decodeBase64(b64);
      if (!r.ok) throw new Error(`trust pool certificate ${i} (${data.roots[i]?.sha256}) is not base64: ${r.reason}`);
      return r.bytes;
    });
    return new TrustPool(data, der, subtle);
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
      this.der.forEach((d, i) => {
        if (!d) return;
        // The data carries each subject's canonical form; decode only where it does not.
        let key = this.data.roots[i].subject ?? null;
        if (key === null) {
          try {
            key = decodeCertificate(d).subject.canonical;
          } catch {
            return; // a pool certificate the decoder refuses can anchor nothing
          }
        }
        const list = this.bySubject!.get(key);
        if (list) list.push(i);
        else this.bySubject!.set(key, [i]);
      });
    }
    const out = new Set<number>();
    for (const n of names) for (const i of this.bySubject.get(n) ?? []) out.add(i);
    return [...out].sort((a, b) => a - b);
  }

  certificate(i: number): Promise<Certificate> {
    let p = this.parsed.get(i);
    if (!p) {
      const d = this.der[i];
      if (!d) return Promise.reject(new Error(`root ${this.data.roots[i]?.sha256} has no certificate in the pool`));
      p = withDigests(decodeCertificate(d), this.subtle);
      this.parsed.set(i, p);
    }
    return p;
  }
}
