/**
 * OpenSSL verify code → { code, name, text } as the validator reports it, read from the one
 * project table (src/core/codes/verify-codes.ts) in the numbering of OpenSSL 3.0.
 */
import type { VerifyCodeRef } from '../model.ts';
import { verifyCodeByNumber } from '../codes/verify-codes.ts';

export function verifyCodeRef(code: number): VerifyCodeRef {
  const c = verifyCodeByNumber(code, '3.0').code;
  if (!c) return { code, name: 'X509_V_ERR_UNSPECIFIED', text: 'unknown certificate verification error' };
  return { code, name: c.name, text: c.numbers['3.0']?.text ?? c.text ?? 'unknown certificate verification error' };
}
