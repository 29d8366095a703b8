import { describe, expect, it } from 'vitest';
import { isoTime, publicKeyText } from './describe.ts';

describe('isoTime', () => {
  it('matches Date.prototype.toISOString across eras, leap days and milliseconds', () => {
    const samples = [0, 951_782_400_000, 1_709_164_800_123, 253_402_300_799_000, -60_589_296_000_000, -1, 1_795_722_419_000];
    for (let ms = -5e12; ms < 5e12; ms += 7_777_777_777) samples.push(ms);
    for (const ms of samples) expect(isoTime(ms)).toBe(new Date(ms).toISOString().replace('.000Z', 'Z'));
  });
});

describe('publicKeyText', () => {
  it('names the key the way people say it', () => {
    expect(publicKeyText({ algorithm: 'EC', bits: 256, curve: 'P-256' })).toBe('EC P-256 (256 bit)');
    expect(publicKeyText({ algorithm: 'RSA', bits: 2048, exponent: '65537' })).toBe('RSA 2048 bit, exponent 65537');
    expect(publicKeyText({ algorithm: 'Ed25519', bits: 256 })).toBe('Ed25519 (256 bit)');
  });
});
