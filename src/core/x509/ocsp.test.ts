/**
 * OCSP responses made by OpenSSL's own responder (`openssl ocsp -index`), checked against the
 * certificates they are about; each expected time and status is read back from
 * `openssl ocsp -resp_text`, not from certlab's parser.
 *
 *   root -> ica -> good | revoked (keyCompromise) | unlisted (not in OpenSSL's database)
 *               -> responder (OCSPSigning) | plain (serverAuth only)
 */
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RevocationPki, startRevocationPki } from '../../../test/probe/revocation-pki.ts';
import type { TestCert } from '../../../test/probe/pki.ts';
import type { Certificate } from '../model.ts';
import { parseCertificate } from './certificate.ts';
import { buildOcspRequest, checkOcspResponse } from './ocsp.ts';
import { bitString, nullValue, octets, oid, seq, tlv } from '../der/encode.ts';
import { fromHex } from '../der/hex.ts';

const subtle = globalThis.crypto.subtle;
let pki: RevocationPki;
let ica: Certificate;
const cert = (c: TestCert) => parseCertificate(c.der, subtle);
beforeAll(async () => {
  pki = await startRevocationPki();
  ica = await cert(pki.ica);
});
afterAll(() => pki?.close());

/** What `openssl ocsp -resp_text` says about a response. */
function opensslView(resp: Uint8Array): Record<string, number | string> {
  const file = join(pki.dir, `view-${Math.random().toString(36).slice(2)}.der`);
  writeFileSync(file, resp);
  const text = execFileSync('openssl', ['ocsp', '-respin', file, '-resp_text', '-noverify'], { encoding: 'utf8' });
  const field = (label: string) => new RegExp(`${label}: (.*)`).exec(text)?.[1]?.trim();
  const time = (label: string) => Date.parse(field(label)!);
  return {
    status: field('Cert Status')!,
    producedAt: time('Produced At'),
    thisUpdate: time('This Update'),
    nextUpdate: time('Next Update'),
    ...(field('Revocation Time') ? { revokedAt: time('Revocation Time'), reason: field('Revocation Reason')!.split(' ')[0]! } : {}),
  };
}

const BY_ICA = { ok: true, signer: 'issuer', signerSubject: 'O=certlab tests, CN=Revocation Test ICA' };

describe('checkOcspResponse against OpenSSL responses', () => {
  it('good, signed by the issuer', async () => {
    const resp = pki.ocspResponse(pki.good);
    const ref = opensslView(resp);
    expect(ref.status).toBe('good');
    expect(await checkOcspResponse(resp, await cert(pki.good), ica, ref.producedAt as number, subtle)).toEqual({
      ok: true,
      status: { kind: 'good' },
      producedAt: ref.producedAt,
      thisUpdate: ref.thisUpdate,
      nextUpdate: ref.nextUpdate,
      freshness: 'current',
      signature: BY_ICA,
      scts: [],
    });
  });

  it('revoked, with its time and reason', async () => {
    const resp = pki.ocspResponse(pki.revoked);
    const ref = opensslView(resp);
    expect([ref.status, ref.reason]).toEqual(['revoked', 'keyCompromise']);
    const check = await checkOcspResponse(resp, await cert(pki.revoked), ica, ref.producedAt as number, subtle);
    expect(check).toEqual({
      ok: true,
      status: { kind: 'revoked', revokedAt: ref.revokedAt, reason: 'keyCompromise' },
      producedAt: ref.producedAt,
      thisUpdate: ref.thisUpdate,
      nextUpdate: ref.nextUpdate,
      freshness: 'current',
      signature: BY_ICA,
      scts: [],
    });
  });

  it('unknown: the responder has no record of the certificate', async () => {
    const resp = pki.ocspResponse(pki.unlisted);
    const ref = opensslView(resp);
    expect(ref.status).toBe('unknown');
    const check = await checkOcspResponse(resp, await cert(pki.unlisted), ica, ref.producedAt as number, subtle);
    expect(check.ok && [check.status, check.signature]).toEqual([{ kind: 'unknown' }, BY_ICA]);
  });

  it('a delegated responder with OCSPSigning, issued by the issuer', async () => {
    const resp = pki.ocspResponse(pki.good, pki.responder);
    const check = await checkOcspResponse(resp, await cert(pki.good), ica, opensslView(resp).producedAt as number, subtle);
    expect(check.ok && check.signature).toEqual({ ok: true, signer: 'delegated', signerSubject: 'CN=Revocation Test OCSP Responder' });
  });

  it('a delegated responder whose certificate has expired at the probe time is not authorised', async () => {
    const resp = pki.ocspResponse(pki.good, pki.responder);
    const responder = await cert(pki.responder);
    const check = await checkOcspResponse(resp, await cert(pki.good), ica, responder.notAfter + 1000, subtle);
    expect(check.ok && check.signature).toEqual({
      ok: false,
      problem: 'responder-not-authorised',
      detail: 'the responder certificate CN=Revocation Test OCSP Responder is not valid at the probe time',
    });
  });

  it('a responder certificate without OCSPSigning is not authorised', async () => {
    const resp = pki.ocspResponse(pki.good, pki.plain);
    const check = await checkOcspResponse(resp, await cert(pki.good), ica, opensslView(resp).producedAt as number, subtle);
    expect(check.ok && check.signature).toEqual({
      ok: false,
      problem: 'responder-not-authorised',
      detail: 'the responder CN=Not A Responder lacks the OCSPSigning extended key usage',
    });
  });

  it('a changed byte in the signed data fails the signature', async () => {
    const resp = pki.ocspResponse(pki.good);
    const tampered = resp.slice();
    // The first GeneralizedTime (0x18, 15 bytes) is producedAt: change its seconds' last digit.
    const at = tampered.findIndex((b, i) => b === 0x18 && tampered[i + 1] === 15);
    tampered[at + 2 + 13] = tampered[at + 2 + 13] === 0x30 ? 0x31 : 0x30;
    const check = await checkOcspResponse(tampered, await cert(pki.good), ica, Date.now(), subtle);
    expect(check.ok && check.signature).toEqual({
      ok: false,
      problem: 'bad-signature',
      detail: "the response's signature does not verify with O=certlab tests, CN=Revocation Test ICA's key (bad-signature)",
    });
  });

  it('without the issuer the status is read but the signature cannot be checked', async () => {
    const resp = pki.ocspResponse(pki.good);
    const check = await checkOcspResponse(resp, await cert(pki.good), undefined, Date.now(), subtle);
    expect(check.ok && [check.status, check.signature]).toEqual([
      { kind: 'good' },
      { ok: false, problem: 'no-issuer', detail: "the issuer's certificate was not sent, so the responder's signature cannot be checked" },
    ]);
  });

  it('after nextUpdate the response is expired; before thisUpdate (beyond 5 min skew) not yet valid', async () => {
    const resp = pki.ocspResponse(pki.good);
    const ref = opensslView(resp);
    const good = await cert(pki.good);
    const late = await checkOcspResponse(resp, good, ica, (ref.nextUpdate as number) + 1000, subtle);
    const early = await checkOcspResponse(resp, good, ica, (ref.thisUpdate as number) - 6 * 60_000, subtle);
    expect([late.ok && late.freshness, early.ok && early.freshness]).toEqual(['expired', 'not-yet-valid']);
  });

  it('a response about another certificate is named as such', async () => {
    const resp = pki.ocspResponse(pki.good);
    const good = await cert(pki.good);
    expect(await checkOcspResponse(resp, await cert(pki.revoked), ica, Date.now(), subtle)).toEqual({
      ok: false,
      error: { kind: 'NoResponseForCertificate', serials: [good.serialHex] },
    });
  });

  it('responseStatus other than successful, and bytes that are no OCSP response', async () => {
    const good = await cert(pki.good);
    expect(await checkOcspResponse(new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x03]), good, ica, 0, subtle)).toEqual({
      ok: false,
      error: { kind: 'ResponseStatus', status: 'tryLater' },
    });
    const garbage = await checkOcspResponse(new Uint8Array([0x04, 0x01, 0x00]), good, ica, 0, subtle);
    expect(garbage.ok ? 'parsed' : garbage.error.kind).toBe('Unparsable');
  });
});

describe('buildOcspRequest', () => {
  it('is the request openssl builds for the same certificate, and the responder answers it', async () => {
    const good = await cert(pki.good);
    const ours = await buildOcspRequest(good, ica, subtle);
    const file = join(pki.dir, 'ours.req');
    writeFileSync(file, ours);
    execFileSync('openssl', ['ocsp', '-issuer', pki.ica.certPath, '-cert', pki.good.certPath, '-reqout', join(pki.dir, 'theirs.req'), '-no_nonce']);
    const text = (f: string) => execFileSync('openssl', ['ocsp', '-reqin', f, '-req_text'], { encoding: 'utf8' });
    expect(text(file)).toBe(text(join(pki.dir, 'theirs.req')));
    const resp = join(pki.dir, 'ours.resp');
    execFileSync('openssl', ['ocsp', '-index', 'index.txt', '-CA', 'ica.pem', '-rsigner', 'ica.pem', '-rkey', 'ica.key', '-reqin', file, '-respout', resp], {
      cwd: pki.dir,
    });
    expect(opensslView(new Uint8Array(readFileSync(resp))).status).toBe('good');
  });
});

describe('SCTs in an OCSP response (RFC 6962 3.3, singleExtensions)', () => {
  it('are read from the SingleResponse for the certificate', async () => {
    // A response built here and signed with the ICA key (OpenSSL's responder cannot add SCTs):
    //   OCSPResponse { successful, BasicOCSPResponse { ResponseData { byName ica, producedAt,
    //   [ SingleResponse { certID(good), good, thisUpdate, [1] { SCT list extension } } ] }, ecdsa-with-SHA256, signature } }
    const good = await cert(pki.good);
    const sha1 = (b: Uint8Array) => new Uint8Array(createHash('sha1').update(b).digest());
    const spki = createPublicKey(pki.ica.pem).export({ type: 'spki', format: 'der' });
    const certId = seq(
      seq(oid('1.3.14.3.2.26'), nullValue()),
      octets(sha1(fromHex(ica.subject.derHex)!)),
      octets(sha1(spki.subarray(spki.length - 65))),
      tlv(0x02, fromHex(good.serialHex)!),
    );
    const time = (ms: number) => tlv(0x18, new TextEncoder().encode(new Date(ms).toISOString().replace(/[-:T]|\.\d+/g, '')));
    const T = Date.UTC(2026, 5, 1, 12, 0, 0);
    const u16 = (n: number) => [n >> 8, n & 0xff];
    const sct = [0, ...new Array(32).fill(0x22), ...[0, 0, 0x01, 0x9a, 0, 0, 0, 0], ...u16(0), 4, 3, ...u16(2), 0xbe, 0xef];
    const list = Uint8Array.from([...u16(sct.length + 2), ...u16(sct.length), ...sct]);
    const ext = seq(seq(oid('1.3.6.1.4.1.11129.2.4.5'), octets(octets(list))));
    const single = seq(certId, new Uint8Array([0x80, 0x00]), time(T), tlv(0xa1, ext));
    const tbs = seq(tlv(0xa1, fromHex(ica.subject.derHex)!), time(T), seq(single));
    const signature = new Uint8Array(sign('sha256', tbs, pki.ica.keyPem));
    const basic = seq(tbs, seq(oid('1.2.840.10045.4.3.2')), bitString(signature));
    const response = seq(tlv(0x0a, new Uint8Array([0])), tlv(0xa0, seq(oid('1.3.6.1.5.5.7.48.1.1'), octets(basic))));
    expect([opensslView(response).status, opensslView(response).thisUpdate]).toEqual(['good', T]); // OpenSSL reads it too
    expect(await checkOcspResponse(response, good, ica, T, subtle)).toEqual({
      ok: true,
      status: { kind: 'good' },
      producedAt: T,
      thisUpdate: T,
      freshness: 'current',
      signature: BY_ICA,
      scts: [{ version: 1, logId: '22'.repeat(32), timestamp: 0x019a00000000, hashAlgorithm: 'sha256', signatureAlgorithm: 'ecdsa', signatureHex: 'beef' }],
    });
  });
});

describe('hostile bytes', () => {
  it('a response with changed bytes never throws: it is read, or named unreadable', async () => {
    const resp = pki.ocspResponse(pki.good);
    const good = await cert(pki.good);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(resp.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), async (changes) => {
        const bytes = resp.slice();
        for (const [at, value] of changes) bytes[at] = value;
        const check = await checkOcspResponse(bytes, good, ica, Date.now(), subtle);
        expect(check.ok || ['Unparsable', 'ResponseStatus', 'NoResponseForCertificate'].includes(check.error.kind)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
