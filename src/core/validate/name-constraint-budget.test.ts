/**
 * The work budget on name constraints (issues #16 item 4, #18 item 1): x509-limbo's
 * `pathological::nc-dos-*` chains (drawn in test/pki/nc-dos.ts) are refused with the named
 * failure OpenSSL's bound gives (NAME_CHECK_MAX: error 1 at depth 0, checked here against the
 * real `openssl verify`), for every client; a chain just under the bound still validates; and
 * one validation's comparisons stop at its budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import type { Certificate } from '../model.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { ChainFactory } from '../../../test/pki/factory.ts';
import { issueNcDosChains, NC_DOS_HOST } from '../../../test/pki/nc-dos.ts';
import { opensslVerify } from '../../../test/openssl-verify/openssl-verify.ts';
import { clientProfile } from '../clients/profiles.ts';
import { clientVerdicts } from '../clients/verdicts.ts';
import { NAME_CHECK_MAX } from './name-constraints.ts';
import { validate } from './validate.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const AT = Date.UTC(2025, 0, 1);
const policy = clientProfile('openssl').policy;

let f: ChainFactory;
const certs = new Map<string, Certificate>();
beforeAll(async () => {
  f = ChainFactory.create();
  issueNcDosChains(f);
  for (const n of ['root', 'nc-dos-1', 'nc-dos-2', 'nc-dos-3', 'root-under', 'nc-under']) certs.set(n, await parseCertificate(f.der(n), subtle));
}, 120_000);
afterAll(() => f?.dispose());

const cert = (n: string) => certs.get(n)!;
const at = (c: Certificate, depth: number) => ({ depth, subject: c.subject.oneline, sha256: c.sha256 });

describe('pathological::nc-dos-* (names x subtrees past OpenSSL NAME_CHECK_MAX)', () => {
  // root: 1025 permitted + 1024 excluded subtrees.
  const cases = [
    { id: 'nc-dos-1', names: 1025 + 1024 },
    { id: 'nc-dos-2', names: 1024 },
    { id: 'nc-dos-3', names: 1025 },
  ];
  for (const { id, names } of cases) {
    it(`${id}: refused unchecked with NameConstraintBudgetExhausted, code 1 at depth 0 like openssl verify`, async () => {
      const r = await validate({ peer: cert(id), anchors: [cert('root')], peerName: NC_DOS_HOST, at: AT, policy, subtle });
      expect({ ok: r.ok, code: r.code, name: r.name, cause: r.cause, error: r.error }).toEqual({
        ok: false,
        code: 1,
        name: 'X509_V_ERR_UNSPECIFIED',
        cause: 'name-constraints',
        error: {
          kind: 'NameConstraintBudgetExhausted',
          ...at(cert(id), 0),
          scope: 'certificate',
          names,
          constraints: 2049,
          limit: NAME_CHECK_MAX,
          constraintDepth: 1,
        },
      });
      const o = opensslVerify(f.path(id), { cafile: f.path('root'), host: NC_DOS_HOST, attime: AT / 1000, purpose: 'sslserver' });
      expect(o.first).toEqual({ code: 1, depth: 0, text: 'unspecified certificate verification error' });
    });
  }

  it('every client gets its verdict on nc-dos-1 from the budget, not from two million comparisons', async () => {
    const v = await clientVerdicts({ peer: cert('nc-dos-1'), anchors: [cert('root')], peerName: NC_DOS_HOST, at: AT, subtle });
    const kinds = Object.fromEntries(Object.entries(v).map(([id, x]) => [id, x.result.error?.kind ?? null]));
    expect(kinds).toEqual(Object.fromEntries(Object.keys(v).map((id) => [id, 'NameConstraintBudgetExhausted'])));
  });
});

describe('under the bound', () => {
  it('1025 names x 1023 subtrees is checked in full and validates, as in openssl verify', async () => {
    const r = await validate({ peer: cert('nc-under'), anchors: [cert('root-under')], peerName: NC_DOS_HOST, at: AT, policy, subtle });
    expect({ ok: r.ok, code: r.code, error: r.error }).toEqual({ ok: true, code: 0, error: undefined });
    const o = opensslVerify(f.path('nc-under'), { cafile: f.path('root-under'), host: NC_DOS_HOST, attime: AT / 1000, purpose: 'sslserver' });
    expect({ ok: o.ok, errors: o.errors }).toEqual({ ok: true, errors: [] });
  });

  it('a validation that runs out of its comparison budget says so, with the counts', async () => {
    // nc-under's DNS names cost a few index lookups each (one per label form): 1024 names spend
    // more than 1000. Its subject CN is not compared (it has DNS SANs).
    const r = await validate({
      peer: cert('nc-under'),
      anchors: [cert('root-under')],
      peerName: NC_DOS_HOST,
      at: AT,
      policy,
      subtle,
      nameConstraintBudget: 1000,
    });
    expect({ code: r.code, error: r.error }).toEqual({
      code: 1,
      error: {
        kind: 'NameConstraintBudgetExhausted',
        ...at(cert('nc-under'), 0),
        scope: 'validation',
        names: 1025,
        constraints: 1023,
        limit: 1000,
        constraintDepth: 1,
      },
    });
  });
});
