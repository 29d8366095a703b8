/** The generator's readers of OpenSSL's header and x509_txt.c, on the shapes those files take across versions. */
import { describe, expect, it } from 'vitest';
import { parseHeader, parseTexts } from '../../scripts/gen-verify-codes.ts';

describe('gen-verify-codes readers', () => {
  it('reads #define lines of 1.1.1 (aligned) and 3.x (.h.in) headers, ignoring flags', () => {
    const h111 =
      '# define         X509_V_OK                                       0\n# define         X509_V_ERR_INVALID_CA                           24\n# define X509_V_FLAG_X509_STRICT 0x20\n';
    const h3 = '#define X509_V_ERR_NO_ISSUER_PUBLIC_KEY 24\n#define X509_V_ERR_OCSP_VERIFY_NEEDED 73 /* Need OCSP verification */\n';
    expect([...parseHeader(h111)]).toEqual([
      ['X509_V_OK', 0],
      ['X509_V_ERR_INVALID_CA', 24],
    ]);
    expect([...parseHeader(h3)]).toEqual([
      ['X509_V_ERR_NO_ISSUER_PUBLIC_KEY', 24],
      ['X509_V_ERR_OCSP_VERIFY_NEEDED', 73],
    ]);
  });

  it('reads texts returned plainly, in parentheses (1.0.2) and on the next line (1.1.1)', () => {
    const c = [
      '    case X509_V_ERR_CERT_HAS_EXPIRED:\n        return "certificate has expired";',
      '    case X509_V_ERR_PATH_LOOP:\n        return ("Path Loop");',
      '    case X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED:\n        return\n            "proxy certificates not allowed, please set the appropriate flag";',
      '    case X509_V_ERR_NO_ISSUER_PUBLIC_KEY:\n        return "issuer certificate doesn\'t have a public key";',
    ].join('\n');
    expect([...parseTexts(c)]).toEqual([
      ['X509_V_ERR_CERT_HAS_EXPIRED', 'certificate has expired'],
      ['X509_V_ERR_PATH_LOOP', 'Path Loop'],
      ['X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED', 'proxy certificates not allowed, please set the appropriate flag'],
      ['X509_V_ERR_NO_ISSUER_PUBLIC_KEY', "issuer certificate doesn't have a public key"],
    ]);
  });
});
