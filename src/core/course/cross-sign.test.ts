import { describe, expect, it } from 'vitest';
import { CROSS_SIGN_CLIENTS, DST_ROOT_CA_X3_NOT_AFTER, gradeCrossSign, longChainOutcome, type CrossSignClientId } from './cross-sign.ts';

const BEFORE = Date.UTC(2021, 8, 29);
const AFTER = Date.UTC(2021, 9, 1);
const LATE = Date.UTC(2024, 9, 1);
const ALL = Object.keys(CROSS_SIGN_CLIENTS) as CrossSignClientId[];

describe('longChainOutcome', () => {
  it('works for everyone the day before DST Root CA X3 expired', () => {
    expect(ALL.map((id) => longChainOutcome(CROSS_SIGN_CLIENTS[id], BEFORE))).toEqual([
      { result: 'works', anchor: 'DST Root CA X3' },
      { result: 'works', anchor: 'DST Root CA X3' },
      { result: 'works', anchor: 'ISRG Root X1' },
      { result: 'works', anchor: 'DST Root CA X3' },
    ]);
  });

  it('the day after: OpenSSL 1.0.2 and a store without ISRG Root X1 fail on the expired anchor; Android does not check it', () => {
    expect(ALL.map((id) => longChainOutcome(CROSS_SIGN_CLIENTS[id], AFTER))).toEqual([
      { result: 'fails', reason: 'anchor-expired', anchor: 'DST Root CA X3' },
      { result: 'fails', reason: 'anchor-expired', anchor: 'DST Root CA X3' },
      { result: 'works', anchor: 'ISRG Root X1' },
      { result: 'works', anchor: 'DST Root CA X3' },
    ]);
  });

  it('after the cross-sign itself expired, only clients with ISRG Root X1 work', () => {
    expect(longChainOutcome(CROSS_SIGN_CLIENTS['android-7'], LATE)).toEqual({ result: 'fails', reason: 'cross-sign-expired' });
    expect(longChainOutcome(CROSS_SIGN_CLIENTS['openssl-3-debian11'], LATE)).toEqual({ result: 'works', anchor: 'ISRG Root X1' });
  });

  it('finds no path without either root, and uses ISRG Root X1 when it is the only one', () => {
    expect(longChainOutcome({ anchors: [], trustedFirst: true, checksAnchorExpiry: true }, AFTER)).toEqual({ result: 'fails', reason: 'no-trusted-root' });
    expect(longChainOutcome({ anchors: ['ISRG Root X1'], trustedFirst: false, checksAnchorExpiry: true }, AFTER)).toEqual({
      result: 'works',
      anchor: 'ISRG Root X1',
    });
  });

  it('treats the last second of DST Root CA X3 as valid', () => {
    expect(longChainOutcome(CROSS_SIGN_CLIENTS['openssl-3-old-certifi'], DST_ROOT_CA_X3_NOT_AFTER)).toEqual({ result: 'works', anchor: 'DST Root CA X3' });
  });
});

describe('gradeCrossSign', () => {
  it('accepts the right answers and names each wrong or missing one', () => {
    expect(gradeCrossSign(ALL, ['fails', 'fails', 'works', 'works'], AFTER)).toEqual({ ok: true, problems: [] });
    expect(gradeCrossSign(ALL, ['works', 'fails', null, 'fails'], AFTER)).toEqual({
      ok: false,
      problems: [
        {
          kind: 'answer-wrong',
          message:
            'Not right for: curl built with OpenSSL 1.0.2, reading a trust store with both DST Root CA X3 and ISRG Root X1. Follow the chain it builds to the end: which root is at the top, and is that root still valid on that day?',
        },
        {
          kind: 'answer-missing',
          message: "Say whether it works or fails: curl on OpenSSL 3 with Debian 11's ca-certificates (DST Root CA X3 and ISRG Root X1).",
        },
        {
          kind: 'answer-wrong',
          message:
            "Not right for: An Android 7.0 phone (DST Root CA X3, no ISRG Root X1). Which root does its path end at, and does this client check that root's own dates?",
        },
      ],
    });
  });

  it('names an unknown client', () => {
    expect(() => gradeCrossSign(['nokia' as CrossSignClientId], ['works'], AFTER)).toThrow(
      'gradeCrossSign: unknown client "nokia". Expected one of: openssl-102-debian11, openssl-3-old-certifi, openssl-3-debian11, android-7.',
    );
  });
});
