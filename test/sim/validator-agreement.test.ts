/**
 * The project's validator, run on every failure mode's generated chain with the policy of
 * Debian's OpenSSL (level 2), must give the code and depth the mode claims (the same claims
 * openssl-agreement.test.ts checks against the real openssl).
 */
import { describe, expect, it } from 'vitest';
import { generatePki } from '../../src/core/sim/generate.ts';
import { OPENSSL_DEBIAN_POLICY, parsePki, validatePki } from '../../src/core/sim/judge.ts';
import { FAILURE_MODES, scenarioForModes } from '../../src/core/sim/presets.ts';

const AT = Date.UTC(2026, 10, 26, 12, 0, 0);
const subtle = globalThis.crypto.subtle;

async function verdict(ids: string[], aia = false) {
  const r = await generatePki(scenarioForModes(ids).scenario, { crypto: globalThis.crypto, at: AT });
  if (!r.ok) throw new Error(r.error.message);
  const parsed = await parsePki(r.pki, subtle);
  return validatePki(r.pki, parsed, { ...OPENSSL_DEBIAN_POLICY, aiaFetch: aia }, subtle);
}

describe("the validator agrees with every mode's openssl claim", () => {
  it('healthy base chain: ok, path leaf -> ica -> root', async () => {
    const v = await verdict([]);
    expect({ ok: v.ok, code: v.code, path: v.path.map((p) => p.subject) }).toEqual({
      ok: true,
      code: 0,
      path: ['CN=shop.certlab.test', 'C=US, O=Certlab Demo, CN=Certlab Demo Issuing CA 1', 'C=US, O=Certlab Demo, CN=Certlab Demo Root CA'],
    });
  });
  for (const mode of FAILURE_MODES) {
    it(`${mode.id}: ${mode.openssl.code} at depth ${mode.openssl.depth}`, async () => {
      const v = await verdict([mode.id]);
      expect({ code: v.code, name: v.name, depth: v.depth ?? 0 }).toEqual(mode.openssl);
    });
  }
  it('leaf only with AIA fetching (Chrome): the simulated AIA URL supplies the intermediate and the chain verifies', async () => {
    const v = await verdict(['leaf-only'], true);
    expect({ ok: v.ok, fetched: v.aiaFetched.map((p) => p.subject) }).toEqual({ ok: true, fetched: ['C=US, O=Certlab Demo, CN=Certlab Demo Issuing CA 1'] });
  });
});
