/**
 * The validator on generated chains (drawn in test/openssl-verify/pki.ts): each check gives
 * its exact named failure with context. Codes are cross-checked with `openssl verify` in
 * test/openssl-verify/cross-check.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import type { Certificate, ValidationPolicy } from '../model.ts';
import { parseCertificate } from '../x509/certificate.ts';
import type { ChainFactory } from '../../../test/pki/factory.ts';
import { AT, buildPki } from '../../../test/openssl-verify/pki.ts';
import { validate, type ValidateInput } from './validate.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

const OPENSSL_LEVEL2: ValidationPolicy = {
  aiaFetch: false,
  cnFallback: true,
  minRsaBits: 2048,
  rejectSha1: true,
  strict: false,
  partialChain: false,
  maxDepth: 100,
};

let f: ChainFactory;
const cache = new Map<string, Certificate>();
async function cert(name: string): Promise<Certificate> {
  if (!cache.has(name)) cache.set(name, await parseCertificate(f.der(name), subtle));
  return cache.get(name)!;
}
const at = (c: Certificate, depth: number) => ({ depth, subject: c.subject.oneline, sha256: c.sha256 });
/** A passing result in full but for its search statistics, and the path it should report. */
const passed = ({ ok, code, name, depth, cause, error, path }: Awaited<ReturnType<typeof validate>>) => ({ ok, code, name, depth, cause, error, path });
const pathOf = async (...names: string[]) =>
  (await Promise.all(names.map(cert))).map((c) => ({ subject: c.subject.oneline, issuer: c.issuer.oneline, sha256: c.sha256 }));

async function run(peer: string, untrusted: string[], trusted: string[], more: Partial<ValidateInput> = {}) {
  return validate({
    peer: await cert(peer),
    untrusted: await Promise.all(untrusted.map(cert)),
    anchors: await Promise.all(trusted.map(cert)),
    at: AT,
    policy: OPENSSL_LEVEL2,
    subtle,
    ...more,
  });
}

beforeAll(() => {
  f = buildPki();
});
afterAll(() => f?.dispose());

describe('a valid path', () => {
  // root -> ica -> ee (example.com, 192.0.2.1)
  it('reports the path peer first, with OpenSSL code 0', async () => {
    const [ee, ica, root] = await Promise.all(['ee', 'ica', 'root'].map(cert));
    expect(await run('ee', ['ica'], ['root'], { peerName: 'example.com' })).toEqual({
      ok: true,
      code: 0,
      name: 'X509_V_OK',
      text: 'ok',
      depth: null,
      cause: null,
      path: [ee, ica, root].map((c) => ({ subject: c.subject.oneline, issuer: c.issuer.oneline, sha256: c.sha256 })),
      aiaFetched: [],
      pathsTried: 1,
    });
  });
  it('tries every candidate issuer: a same-name issuer with the wrong key does not hide the right one', async () => {
    // ee-forged was signed by ica-b ("CN=ICA", other key); ica has the same name.
    const r = await run('ee-forged', ['ica', 'ica-b'], ['root']);
    expect({ ok: r.ok, pathsTried: r.pathsTried, via: r.path[1]?.sha256 }).toEqual({ ok: true, pathsTried: 2, via: (await cert('ica-b')).sha256 });
  });
});

describe('untidy input', () => {
  it('duplicates and the peer itself among the untrusted certificates change nothing', async () => {
    const r = await run('ee', ['ee', 'ica', 'ica', 'root'], ['root']);
    expect({ ok: r.ok, pathsTried: r.pathsTried, path: r.path.map((p) => p.subject) }).toEqual({
      ok: true,
      pathsTried: 1,
      path: ['CN=ee', 'CN=ICA', 'CN=Root'],
    });
  });
  it('a mesh of cross-signed CAs ends: no certificate (or subject + key) twice in a path', async () => {
    // mesh-a, mesh-b, mesh-c each cross-signed by the other two (keys reused), none trusted;
    // ee-mesh under mesh-a. Every path dead-ends on a loop; the budget is never needed.
    const g = (await import('../../../test/pki/factory.ts')).ChainFactory.create();
    try {
      const caExt = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=none'];
      g.issue({ name: 'a0', subject: '/CN=Mesh A', ext: caExt });
      g.issue({ name: 'b0', subject: '/CN=Mesh B', ext: caExt });
      g.issue({ name: 'c0', subject: '/CN=Mesh C', ext: caExt });
      const names: string[] = [];
      for (const [x, y] of [
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'a'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'b'],
      ]) {
        g.issue({ name: `${x}-by-${y}`, subject: `/CN=Mesh ${x.toUpperCase()}`, issuer: `${y}0`, sameKeyAs: `${x}0`, ext: caExt });
        names.push(`${x}-by-${y}`);
      }
      g.issue({ name: 'ee-mesh', subject: '/CN=ee-mesh', issuer: 'a0', ext: ['subjectAltName=DNS:example.com', 'authorityKeyIdentifier=none'] });
      const parse = (n: string) => parseCertificate(g.der(n), subtle);
      const r = await validate({
        peer: await parse('ee-mesh'),
        untrusted: await Promise.all(names.map(parse)),
        anchors: [await cert('root')],
        at: AT,
        policy: OPENSSL_LEVEL2,
        subtle,
      });
      expect({ ok: r.ok, code: r.code, kind: r.error?.kind, pathsTried: r.pathsTried, depth: r.depth }).toEqual({
        ok: false,
        code: 20,
        kind: 'IssuerNotFound',
        pathsTried: 0,
        depth: 3,
      });
    } finally {
      g.dispose();
    }
  });
});

describe('named failures with context', () => {
  it('CertExpired: which certificate, when it expired, and the time used', async () => {
    const ee = await cert('ee-short');
    const r = await run('ee-short', ['ica'], ['root']);
    expect(r).toMatchObject({ ok: false, code: 10, name: 'X509_V_ERR_CERT_HAS_EXPIRED', text: 'certificate has expired', depth: 0, cause: 'expired' });
    expect(r.error).toEqual({ kind: 'CertExpired', ...at(ee, 0), notAfter: Date.UTC(2024, 5, 1), at: AT });
  });
  it('CertNotYetValid', async () => {
    const ee = await cert('ee-late');
    expect((await run('ee-late', ['ica'], ['root'])).error).toEqual({ kind: 'CertNotYetValid', ...at(ee, 0), notBefore: Date.UTC(2026, 0, 1), at: AT });
  });
  it('IssuerNotFound at the peer: the intermediate was not sent (cause incomplete-chain)', async () => {
    const ee = await cert('ee');
    const r = await run('ee', [], ['root']);
    expect({ code: r.code, cause: r.cause, error: r.error }).toEqual({
      code: 20,
      cause: 'incomplete-chain',
      error: { kind: 'IssuerNotFound', ...at(ee, 0), issuer: 'CN=ICA' },
    });
  });
  it('IssuerNotFound above the intermediate: the root is not trusted (cause unknown-ca)', async () => {
    const ica = await cert('ica');
    const r = await run('ee', ['ica'], []);
    expect({ code: r.code, cause: r.cause, error: r.error }).toEqual({
      code: 20,
      cause: 'unknown-ca',
      error: { kind: 'IssuerNotFound', ...at(ica, 1), issuer: 'CN=Root' },
    });
  });
  it('SelfSignedInChain and SelfSignedLeaf', async () => {
    expect((await run('ee', ['ica', 'root'], [])).error).toEqual({ kind: 'SelfSignedInChain', ...at(await cert('root'), 2) });
    expect((await run('self', [], ['root'])).error).toEqual({ kind: 'SelfSignedLeaf', ...at(await cert('self'), 0) });
  });
  it('HostnameMismatch lists the names presented; IP literals only meet IP SANs', async () => {
    const ee = await cert('ee');
    expect((await run('ee', ['ica'], ['root'], { peerName: 'www.example.com' })).error).toEqual({
      kind: 'HostnameMismatch',
      ...at(ee, 0),
      expected: 'www.example.com',
      presented: ['example.com'],
    });
    expect((await run('ee', ['ica'], ['root'], { peerName: '192.0.2.9' })).error).toEqual({
      kind: 'IpAddressMismatch',
      ...at(ee, 0),
      expected: '192.0.2.9',
      presented: ['192.0.2.1'],
    });
  });
  it('the CN is a name only when the policy falls back to it', async () => {
    const ee = await cert('ee-cn');
    expect(passed(await run('ee-cn', ['ica'], ['root'], { peerName: 'example.com' }))).toEqual({
      ok: true,
      code: 0,
      name: 'X509_V_OK',
      depth: null,
      cause: null,
      error: undefined,
      path: await pathOf('ee-cn', 'ica', 'root'),
    });
    expect((await run('ee-cn', ['ica'], ['root'], { peerName: 'example.com', policy: { ...OPENSSL_LEVEL2, cnFallback: false } })).error).toEqual({
      kind: 'HostnameMismatch',
      ...at(ee, 0),
      expected: 'example.com',
      presented: [],
    });
  });
  it('InvalidCa says which marking is wrong', async () => {
    expect((await run('ee-noku', ['ica-noku'], ['root'])).error).toEqual({
      kind: 'InvalidCa',
      ...at(await cert('ica-noku'), 1),
      reason: 'key-usage-without-keyCertSign',
    });
    expect((await run('ee-notca', ['ica-notca'], ['root'])).error).toEqual({
      kind: 'InvalidCa',
      ...at(await cert('ica-notca'), 1),
      reason: 'basic-constraints-not-ca',
    });
    expect((await run('ee-nobc', ['ica-nobc'], ['root'])).error).toEqual({
      kind: 'InvalidCa',
      ...at(await cert('ica-nobc'), 1),
      reason: 'no-basic-constraints',
    });
  });
  it('PathLengthExceeded: root -> ica0 (pathlen:0) -> ica1 -> ee', async () => {
    expect((await run('ee-deep', ['ica1', 'ica0'], ['root'])).error).toEqual({
      kind: 'PathLengthExceeded',
      ...at(await cert('ica0'), 2),
      pathLen: 0,
      intermediatesBelow: 1,
    });
  });
  it('InvalidPurpose names the EKU the peer has', async () => {
    expect((await run('ee-client', ['ica'], ['root'])).error).toEqual({
      kind: 'InvalidPurpose',
      ...at(await cert('ee-client'), 0),
      purpose: 'serverAuth',
      reason: 'extended-key-usage',
      present: ['1.3.6.1.5.5.7.3.2'],
    });
    expect(passed(await run('ee-client', ['ica'], ['root'], { purpose: 'clientAuth' }))).toEqual({
      ok: true,
      code: 0,
      name: 'X509_V_OK',
      depth: null,
      cause: null,
      error: undefined,
      path: await pathOf('ee-client', 'ica', 'root'),
    });
  });
  it('UnhandledCriticalExtension names the OID', async () => {
    expect((await run('ee-critical', ['ica'], ['root'])).error).toEqual({
      kind: 'UnhandledCriticalExtension',
      ...at(await cert('ee-critical'), 0),
      oid: '1.2.3.4',
    });
  });
  it('EeKeyTooSmall / CaKeyTooSmall / WeakSignatureDigest at security level 2', async () => {
    expect((await run('ee-rsa1024', ['ica'], ['root'])).error).toEqual({
      kind: 'EeKeyTooSmall',
      ...at(await cert('ee-rsa1024'), 0),
      algorithm: 'RSA',
      bits: 1024,
      minBits: 2048,
    });
    expect((await run('ee-under-rsa1024', ['ica-rsa1024'], ['root'])).error).toEqual({
      kind: 'CaKeyTooSmall',
      ...at(await cert('ica-rsa1024'), 1),
      algorithm: 'RSA',
      bits: 1024,
      minBits: 2048,
    });
    expect((await run('ee-sha1', ['ica'], ['root'])).error).toEqual({
      kind: 'WeakSignatureDigest',
      ...at(await cert('ee-sha1'), 0),
      algorithm: 'ecdsa-with-SHA1',
    });
  });
  it('name constraints: permitted and excluded subtrees', async () => {
    expect((await run('ee-nc-out', ['ica-nc'], ['root'])).error).toEqual({
      kind: 'PermittedSubtreeViolation',
      ...at(await cert('ee-nc-out'), 0),
      name: 'DNS:example.org',
      constraintDepth: 1,
      permitted: ['DNS:example.com'],
    });
    expect((await run('ee-nc-bad', ['ica-nc'], ['root'])).error).toEqual({
      kind: 'ExcludedSubtreeViolation',
      ...at(await cert('ee-nc-bad'), 0),
      name: 'DNS:x.bad.example.com',
      constraintDepth: 1,
      excluded: 'DNS:bad.example.com',
    });
  });
  it('BadSignature when the only same-name issuer holds another key', async () => {
    expect((await run('ee-forged', ['ica'], ['root'])).error).toEqual({
      kind: 'BadSignature',
      ...at(await cert('ee-forged'), 0),
      algorithm: 'ecdsa-with-SHA256',
      issuerSubject: 'CN=ICA',
    });
  });
  it('strict mode: CA without keyUsage (Python 3.13)', async () => {
    expect((await run('ee-ku-missing', ['ica-ku-missing'], ['root'], { policy: { ...OPENSSL_LEVEL2, strict: true } })).error).toEqual({
      kind: 'CaMissingKeyUsage',
      ...at(await cert('ica-ku-missing'), 1),
    });
  });
  it('ChainTooLong when the intermediates exceed maxDepth', async () => {
    expect((await run('ee-deep', ['ica1', 'ica0'], ['root'], { policy: { ...OPENSSL_LEVEL2, maxDepth: 1 } })).error).toEqual({
      kind: 'ChainTooLong',
      ...at(await cert('ica0'), 2),
      maxDepth: 1,
    });
  });
  it('WorkBudgetExhausted stops a search that would take too long', async () => {
    expect((await run('ee', ['ica'], ['root'], { budget: 1 })).error).toEqual({ kind: 'WorkBudgetExhausted', ...at(await cert('ica'), 1), budget: 1 });
  });
  it('SignatureBudgetExhausted stops a search that would verify too many signatures (#16 item 4)', async () => {
    // root -> ica -> ee: verified from the anchor down, ica's signature is the one allowed.
    expect((await run('ee', ['ica'], ['root'], { signatureBudget: 1 })).error).toEqual({
      kind: 'SignatureBudgetExhausted',
      ...at(await cert('ee'), 0),
      budget: 1,
    });
  });
});

describe('ranking when every path fails', () => {
  it('an expired right issuer beats a same-name wrong issuer (openssl verify, greedy, prints 7 here)', async () => {
    // ee-forged: signed by ica-b's key. Candidates named "CN=ICA": ica (valid, other key -> 7)
    // and ica-b-old (right key, expired -> 10). OpenSSL takes the time-valid candidate and
    // stops at its bad signature; certlab tries both and reports the one that explains more.
    const r = await run('ee-forged', ['ica', 'ica-b-old'], ['root']);
    expect({ pathsTried: r.pathsTried, error: r.error }).toEqual({
      pathsTried: 2,
      error: { kind: 'CertExpired', ...at(await cert('ica-b-old'), 1), notAfter: Date.UTC(2024, 5, 1), at: AT },
    });
  });
  it('a path that reached an anchor beats one that did not', async () => {
    // ee-via-short: root -> ica-short (expired) -> ee; an untrusted copy of the root is also sent.
    const r = await run('ee-via-short', ['ica-short', 'root'], ['root']);
    expect(r.error).toEqual({ kind: 'CertExpired', ...at(await cert('ica-short'), 1), notAfter: Date.UTC(2024, 5, 1), at: AT });
  });
});

describe('validity at sub-second times (issue #16)', () => {
  it('compares whole seconds: 5 ms after notAfter is still valid, 1 ms before notBefore is not', async () => {
    const notAfter = Date.UTC(2024, 5, 1);
    expect((await run('ee-short', ['ica'], ['root'], { at: notAfter + 5 })).ok).toEqual(true);
    expect((await run('ee-short', ['ica'], ['root'], { at: notAfter + 1000 })).error).toEqual({
      kind: 'CertExpired',
      ...at(await cert('ee-short'), 0),
      notAfter,
      at: notAfter + 1000,
    });
    const notBefore = Date.UTC(2026, 0, 1);
    expect((await run('ee-late', ['ica'], ['root'], { at: notBefore - 1 })).error).toEqual({
      kind: 'CertNotYetValid',
      ...at(await cert('ee-late'), 0),
      notBefore,
      at: notBefore - 1000,
    });
  });
});

describe('what a trust anchor is (partialChain, trustedPeer)', () => {
  // root -> ica -> ee
  const ANY_ANCHOR: ValidationPolicy = { ...OPENSSL_LEVEL2, partialChain: true };
  const ISSUING_ANCHOR: ValidationPolicy = { ...ANY_ANCHOR, trustedPeer: false };
  const verdict = async (r: ReturnType<typeof run>) => {
    const { ok, code, depth, error, path } = await r;
    return { ok, code, depth, kind: error?.kind ?? null, path: path.map((e) => e.subject) };
  };

  it('a trusted intermediate ends the path under partialChain, with or without trustedPeer (the root sent as an extra is ignored)', async () => {
    const ok = { ok: true, code: 0, depth: null, kind: null, path: ['CN=ee', 'CN=ICA'] };
    expect({
      plain: await verdict(run('ee', ['ica', 'root'], ['ica'], { policy: OPENSSL_LEVEL2 })),
      any: await verdict(run('ee', ['ica', 'root'], ['ica'], { policy: ANY_ANCHOR })),
      issuing: await verdict(run('ee', ['ica', 'root'], ['ica'], { policy: ISSUING_ANCHOR })),
    }).toEqual({ plain: { ok: false, code: 2, depth: 1, kind: 'AnchorNotSelfSigned', path: ['CN=ee', 'CN=ICA'] }, any: ok, issuing: ok });
  });

  it('a trusted peer is trusted by itself under partialChain, and still needs its issuer under trustedPeer: false', async () => {
    expect({
      any: await verdict(run('ee', ['ica'], ['ee'], { policy: ANY_ANCHOR })),
      issuing: await verdict(run('ee', ['ica'], ['ee'], { policy: ISSUING_ANCHOR })),
      issuingWithRoot: await verdict(run('ee', ['ica'], ['ee', 'root'], { policy: ISSUING_ANCHOR })),
    }).toEqual({
      any: { ok: true, code: 0, depth: null, kind: null, path: ['CN=ee'] },
      issuing: { ok: false, code: 20, depth: 1, kind: 'IssuerNotFound', path: ['CN=ee', 'CN=ICA'] },
      issuingWithRoot: { ok: true, code: 0, depth: null, kind: null, path: ['CN=ee', 'CN=ICA', 'CN=Root'] },
    });
  });
});
