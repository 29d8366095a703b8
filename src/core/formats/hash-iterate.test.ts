import { describe, expect, it } from 'vitest';
import { rehash } from './hash-iterate.ts';

const subtle = globalThis.crypto.subtle;

async function viaWebCrypto(hash: string, digest: Uint8Array, rounds: number): Promise<Uint8Array> {
  let a = digest;
  for (let i = 0; i < rounds; i++) a = new Uint8Array(await subtle.digest(hash, a as Uint8Array<ArrayBuffer>));
  return a;
}

describe('rehash', () => {
  it('equals WebCrypto round for round, for SHA-1 and SHA-256', async () => {
    for (const hash of ['SHA-1', 'SHA-256']) {
      let start = new Uint8Array(await subtle.digest(hash, new TextEncoder().encode('certlab')));
      for (const rounds of [0, 1, 2, 3, 17, 1000]) {
        expect(Buffer.from(rehash(hash, start, rounds)!).toString('hex')).toBe(Buffer.from(await viaWebCrypto(hash, start, rounds)).toString('hex'));
      }
      start = new Uint8Array(55).fill(0xab); // the longest one-block message
      expect(Buffer.from(rehash(hash, start, 5)!).toString('hex')).toBe(Buffer.from(await viaWebCrypto(hash, start, 5)).toString('hex'));
    }
  });

  it('leaves other hashes and longer inputs to WebCrypto', () => {
    expect(rehash('SHA-512', new Uint8Array(64), 3)).toBeUndefined();
    expect(rehash('SHA-1', new Uint8Array(56), 3)).toBeUndefined();
  });
});
