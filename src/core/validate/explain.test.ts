import { describe, expect, it } from 'vitest';
import { FAILURE_CODES, type FailureKind, type ValidationFailure } from './failures.ts';
import { explainFailure } from './explain.ts';

const at = { depth: 0, subject: 'CN=www.example.com', sha256: 'ab'.repeat(32) };

describe('explainFailure', () => {
  it('says what was found, what was expected and what to do', () => {
    expect(explainFailure({ kind: 'CertExpired', ...at, notAfter: Date.UTC(2024, 5, 1), at: Date.UTC(2025, 0, 1) })).toBe(
      '"CN=www.example.com" (depth 0) expired on 2024-06-01 00:00:00 UTC; the validation time was 2025-01-01 00:00:00 UTC. Renew it and install the new certificate (and chain).',
    );
    expect(explainFailure({ kind: 'HostnameMismatch', ...at, expected: 'shop.example.com', presented: ['www.example.com', 'example.com'] })).toBe(
      'The certificate is for www.example.com, example.com, not "shop.example.com". Use a certificate that names shop.example.com in its subjectAltName, or connect with the name it was issued for.',
    );
    expect(explainFailure({ kind: 'IssuerNotFound', ...at, issuer: "C=US, O=Let's Encrypt, CN=R11" })).toBe(
      'No certificate issued by "C=US, O=Let\'s Encrypt, CN=R11" was sent or trusted, so "CN=www.example.com" (depth 0) cannot be linked to a root. The server should send its intermediate certificate(s) after the leaf (serve the full chain).',
    );
  });
  it('has a sentence for every kind', () => {
    // One minimal failure of each kind; the switch is exhaustive at compile time, this checks run time.
    const filler = {
      issuer: 'x',
      budget: 1,
      maxDepth: 1,
      oid: '1.2.3',
      reason: 'no-basic-constraints',
      pathLen: 0,
      version: 1,
      outer: '',
      inner: '',
      purpose: 'serverAuth',
      present: [],
      presented: [],
      intermediatesBelow: 1,
      algorithm: 'RSA',
      bits: 1,
      minBits: 2048,
      expected: 'x',
      keyUsage: [],
      issuerSubject: 'x',
      notBefore: 0,
      notAfter: 0,
      at: 0,
      name: 'x',
      constraintDepth: 1,
      permitted: [],
      excluded: 'x',
      constraint: 'x',
      serialHex: '00',
      rule: 'x',
      revokedAt: 0,
      thisUpdate: 0,
      nextUpdate: 0,
      crlIssuer: 'x',
    };
    for (const kind of Object.keys(FAILURE_CODES) as FailureKind[]) {
      const text = explainFailure({ kind, ...at, ...filler } as unknown as ValidationFailure);
      expect(typeof text === 'string' && text.length > 20, kind).toBe(true);
    }
  });
});
