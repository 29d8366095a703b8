import { describe, expect, it } from 'vitest';
import { FAILURE_CODES, type FailureKind } from './failures.ts';
import { verifyCodeRef } from './codes.ts';

describe('every failure kind has a real OpenSSL 3.0 code', () => {
  it.each(Object.entries(FAILURE_CODES) as [FailureKind, number][])('%s → %i', (_kind, code) => {
    const ref = verifyCodeRef(code);
    expect(ref.name).toMatch(/^X509_V_ERR_/);
    expect(ref.text).not.toBe('unknown certificate verification error');
  });
  it('reads names and texts from the project table', () => {
    expect(verifyCodeRef(79)).toEqual({ code: 79, name: 'X509_V_ERR_INVALID_CA', text: 'invalid CA certificate' });
    expect(verifyCodeRef(0)).toEqual({ code: 0, name: 'X509_V_OK', text: 'ok' });
    expect(verifyCodeRef(10)).toEqual({ code: 10, name: 'X509_V_ERR_CERT_HAS_EXPIRED', text: 'certificate has expired' });
  });
});
