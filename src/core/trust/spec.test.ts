import { describe, expect, it } from 'vitest';
import type { TrustData, TrustVersionData } from './model.ts';
import { findStoreVersion, lookupStore, parseStoreSpec, storeSpecErrorText } from './spec.ts';

const v = (version: string, date: string): TrustVersionData => ({ version, date, label: version, source: 'test', roots: [], blocked: [] });
const DATA: TrustData = {
  format: 1,
  shards: 1,
  sources: [],
  roots: [],
  stores: [
    {
      id: 'android',
      name: 'Android',
      versions: [v('8.0.0_r36', '2017-12-26'), v('14.0.0_r2', '2023-10-08'), v('14.0.0_r66', '2024-08-25'), v('15.0.0_r1', '2024-09-08')],
    },
    { id: 'microsoft', name: 'Microsoft', versions: [v('2025-05-11', '2025-05-11'), v('2025-07-27', '2025-07-27')] },
    { id: 'certifi', name: 'certifi', versions: [v('2021.05.30', '2021-05-30'), v('2021.10.08', '2021-10-08')] },
    { id: 'apple', name: 'Apple', versions: [v('ios16', '2022-11-06'), v('ios16.5', '2023-07-27'), v('ios17', '2023-10-01')] },
  ],
};

const pick = (spec: string) => {
  const r = lookupStore(DATA, spec);
  return r.ok ? `${r.store.id}@${r.version.version}` : r.error;
};

describe('parseStoreSpec', () => {
  it('splits platform and version, lower-casing the platform', () => {
    expect(parseStoreSpec('Android@7.1.1')).toEqual({ ok: true, spec: { platform: 'android', version: '7.1.1' } });
    expect(parseStoreSpec('mozilla')).toEqual({ ok: true, spec: { platform: 'mozilla', version: null } });
    expect(parseStoreSpec('android@')).toEqual({ ok: false, error: { kind: 'EmptySpec', received: 'android@' } });
  });
});

describe('findStoreVersion', () => {
  it('takes the newest version without @VERSION', () => {
    expect(pick('android')).toBe('android@15.0.0_r1');
  });
  it('matches exactly, numerically, by prefix and by date', () => {
    expect(pick('android@14.0.0_r2')).toBe('android@14.0.0_r2');
    expect(pick('android@14')).toBe('android@14.0.0_r66');
    expect(pick('android@8.0')).toBe('android@8.0.0_r36');
    expect(pick('certifi@2021.10.8')).toBe('certifi@2021.10.08');
    expect(pick('apple@ios16')).toBe('apple@ios16');
    expect(pick('apple@IOS17')).toBe('apple@ios17');
    expect(pick('microsoft@2025-06')).toBe('microsoft@2025-05-11');
    expect(pick('microsoft@2025-07-27')).toBe('microsoft@2025-07-27');
  });
  it('names what it received and lists what is known', () => {
    expect(pick('android@7.0')).toEqual({
      kind: 'UnknownVersion',
      platform: 'android',
      received: '7.0',
      expected: ['8.0.0_r36', '14.0.0_r2', '14.0.0_r66', '15.0.0_r1'],
    });
    expect(pick('android@1')).toEqual({
      kind: 'UnknownVersion',
      platform: 'android',
      received: '1',
      expected: ['8.0.0_r36', '14.0.0_r2', '14.0.0_r66', '15.0.0_r1'],
    });
    expect(pick('microsoft@2020-01')).toEqual({ kind: 'UnknownVersion', platform: 'microsoft', received: '2020-01', expected: ['2025-05-11', '2025-07-27'] });
    expect(findStoreVersion(DATA, { platform: 'chrome', version: null })).toEqual({
      ok: false,
      error: { kind: 'UnknownPlatform', received: 'chrome', expected: ['android', 'microsoft', 'certifi', 'apple'] },
    });
    expect(storeSpecErrorText({ kind: 'UnknownPlatform', received: 'chrome', expected: ['android', 'apple'] })).toBe(
      'unknown store platform "chrome". Known: android, apple.',
    );
  });
});
