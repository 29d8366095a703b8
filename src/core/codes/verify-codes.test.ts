import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../causes/cause-id.ts';
import { CAUSES, CAUSE_LIST } from '../causes/causes.ts';
import { ANNOTATIONS, LEAF_ISSUER_UNKNOWN_ACTIONS } from './verify-annotations.ts';
import { DEFAULT_NUMBERING, VERIFY_CODES, verifyCodeByName, verifyCodeByNumber, verifyCodesByText } from './verify-codes.ts';

describe('verify code table', () => {
  it('holds every code of the three numberings, each annotated exactly once', () => {
    expect(VERIFY_CODES.length).toBe(105);
    expect(new Set(VERIFY_CODES.map((c) => c.name)).size).toBe(105);
    expect(Object.keys(ANNOTATIONS).sort()).toEqual(VERIFY_CODES.map((c) => c.short).sort());
    expect(VERIFY_CODES.filter((c) => c.numbers['3.0']).length).toBe(95); // 0..94
    expect(VERIFY_CODES.filter((c) => c.numbers['1.1.1']).length).toBe(80); // 0..79
  });

  it('defaults to the 3.0 numbering and says when 24 meant something else in 1.1.1', () => {
    expect(DEFAULT_NUMBERING).toBe('3.0');
    const r = verifyCodeByNumber(24);
    expect(r.code?.name).toBe('X509_V_ERR_NO_ISSUER_PUBLIC_KEY');
    expect(r.otherMeanings.map((o) => [o.version, o.code.name])).toEqual([['1.1.1', 'X509_V_ERR_INVALID_CA']]);
    expect(verifyCodeByNumber(24, '1.1.1').code?.name).toBe('X509_V_ERR_INVALID_CA');
  });

  it('flags 76-79, which 1.1.1h+ numbered differently, and leaves stable numbers unflagged', () => {
    expect(verifyCodeByNumber(79).code?.name).toBe('X509_V_ERR_INVALID_CA');
    expect(verifyCodeByNumber(79).otherMeanings.map((o) => o.code.name)).toEqual(['X509_V_ERR_EC_KEY_EXPLICIT_PARAMS']);
    expect(verifyCodeByNumber(10)).toMatchObject({ code: { name: 'X509_V_ERR_CERT_HAS_EXPIRED' }, otherMeanings: [] });
    // issue 15: 21 is also a two-tier private CA whose root the client lacks, so the reference page blames neither side
    expect(verifyCodeByNumber(21).code).toMatchObject({
      cause: 'incomplete-chain',
      liability: 'both',
      actions: LEAF_ISSUER_UNKNOWN_ACTIONS,
      frequency: 'very common',
    });
  });

  it('knows the codes newer than 3.0 from the newest numbering', () => {
    const r = verifyCodeByNumber(95);
    expect(r.code).toBeUndefined();
    expect(r.otherMeanings.map((o) => [o.version, o.code.name])).toEqual([['3.x', 'X509_V_ERR_RPK_UNTRUSTED']]);
    expect(verifyCodeByName('RPK_UNTRUSTED')).toMatchObject({ code: 95, version: '3.x', text: 'Raw public key untrusted, no trusted keys configured' });
    expect(verifyCodeByName('X509_V_ERR_CRL_VERIFY_FAILED')).toMatchObject({ code: 101, version: '3.x', text: null });
  });

  it("finds codes by any version's text", () => {
    expect(verifyCodesByText('self signed certificate').map((c) => c.code)).toEqual([18]);
    expect(verifyCodesByText('Hostname mismatch').map((c) => c.code)).toEqual([62]);
    expect(verifyCodeByName('cert_has_expired')?.text).toBe('certificate has expired');
  });

  it('maps every code to a cause in the shared list, and every cause has a lesson', () => {
    for (const c of VERIFY_CODES) expect(CAUSE_IDS).toContain(c.cause);
    expect(CAUSE_LIST.map((c) => c.id)).toEqual([...CAUSE_IDS]);
    for (const c of CAUSE_LIST) {
      expect(c.lesson).toMatch(
        /^(chain-of-trust|keys-and-files|reading-the-handshake|reading-a-certificate|why-it-breaks|error-decoder|them-or-us|resolution|summary)(#[a-z0-9-]+)?$/,
      );
    }
    expect(CAUSES['incomplete-chain'].liability).toBe('server');
  });
});
