import { describe, expect, it } from 'vitest';
import { OPENSSL_NUMBERINGS } from './openssl-numbering.ts';
import { V } from './verify-code-constants.ts';

const byVersion = (v: string) => OPENSSL_NUMBERINGS.find((n) => n.version === v)!.codes;
const short = (name: string) => (name === 'X509_V_OK' ? 'OK' : name.replace(/^X509_V_ERR_/, ''));

describe('V: verify codes by name', () => {
  it('has exactly the names of OpenSSL 3.0 and the newest 3.x, with 3.0 numbers first', () => {
    const expected: Record<string, number> = {};
    for (const [code, name] of byVersion('3.x')) expected[short(name)] = code;
    for (const [code, name] of byVersion('3.0')) expected[short(name)] = code;
    expect({ ...V }).toEqual(expected);
  });

  it('names the codes people meet most', () => {
    expect([V.OK, V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY, V.UNABLE_TO_VERIFY_LEAF_SIGNATURE, V.CERT_HAS_EXPIRED, V.HOSTNAME_MISMATCH, V.INVALID_CA]).toEqual([
      0, 20, 21, 10, 62, 79,
    ]);
  });
});
