import { describe, expect, it } from 'vitest';
import { hkdfExpandLabel, parseKeyLog } from './tls13-decrypt.ts';

const bytes = (hex: string) => Uint8Array.from(hex.replace(/\s+/g, '').match(/../g)!, (h) => parseInt(h, 16));
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('HKDF-Expand-Label (RFC 8446 7.1)', () => {
  // RFC 8448 section 3 (Simple 1-RTT Handshake): "derive write traffic keys for handshake data"
  // from the server handshake traffic secret.
  const secret = bytes('b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38');
  it('derives the RFC 8448 server handshake key and iv', async () => {
    const subtle = globalThis.crypto.subtle;
    expect(hex(await hkdfExpandLabel(subtle, 'SHA-256', secret, 'key', new Uint8Array(0), 16))).toBe('3fce516009c21727d0f2e4e86ee403bc');
    expect(hex(await hkdfExpandLabel(subtle, 'SHA-256', secret, 'iv', new Uint8Array(0), 12))).toBe('5d313eb2671276ee13000b30');
  });
});

describe('parseKeyLog', () => {
  it('reads labels and secrets, skipping lines that are not key log lines', () => {
    const log = parseKeyLog('# comment\nSERVER_HANDSHAKE_TRAFFIC_SECRET 0102 aabbcc\nCLIENT_RANDOM zz 00\nEXPORTER_SECRET 0102 0f\n');
    expect([...log.entries()]).toEqual([
      ['SERVER_HANDSHAKE_TRAFFIC_SECRET', new Uint8Array([0xaa, 0xbb, 0xcc])],
      ['EXPORTER_SECRET', new Uint8Array([0x0f])],
    ]);
  });
});
