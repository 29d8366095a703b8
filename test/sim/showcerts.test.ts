/**
 * renderShowcerts() must print what the real `openssl s_client -showcerts` prints against a
 * real `openssl s_server` serving the generated chain on 127.0.0.1.
 *
 *   base:        root -> ica -> leaf, sent [leaf, ica]
 *   leaf-only:   sent [leaf]                      (Verify return code: 21)
 *   wrong-order: root -> policy-ca -> ica -> leaf, sent [leaf, policy-ca, ica]
 *   RSA:         the same base with RSA-2048 keys everywhere (sigalg RSA-SHA256)
 */
import { describe, expect, it } from 'vitest';
import { generatePki, type GeneratedPki } from '../../src/core/sim/generate.ts';
import { scenarioForModes } from '../../src/core/sim/presets.ts';
import type { Scenario } from '../../src/core/sim/scenario.ts';
import { renderShowcerts } from '../../src/core/sim/showcerts.ts';
import { connectWithOpenssl } from './openssl-tls.ts';

const AT_NOW = Math.floor(Date.now() / 1000) * 1000; // s_server runs now: the dates must be real ones

async function pkiOf(s: Scenario): Promise<GeneratedPki> {
  const r = await generatePki(s, { crypto: globalThis.crypto, at: AT_NOW });
  if (!r.ok) throw new Error(r.error.message);
  return r.pki;
}

/** From "Certificate chain" to the "issuer=" line, and the verify return code line. */
function comparable(text: string): { chain: string; verify: string } {
  const start = text.indexOf('Certificate chain');
  const end = text.indexOf('\n', text.indexOf('\nissuer=') + 1);
  return { chain: text.slice(start, end), verify: /Verify return code: [^\n]*/.exec(text)?.[0] ?? 'missing' };
}

const cases: Array<[string, () => Scenario, number, string]> = [
  ['base', () => scenarioForModes([]).scenario, 0, 'ok'],
  // s_client goes on after 20 and ends with 21 (see FailureMode.sClient)
  ['leaf-only', () => scenarioForModes(['leaf-only']).scenario, 21, 'unable to verify the first certificate'],
  ['wrong-order', () => scenarioForModes(['wrong-order']).scenario, 0, 'ok'],
  [
    'names with a comma, quotes, a plus and a non-ASCII letter',
    () => {
      const s = scenarioForModes([]).scenario;
      s.certificates[1]!.subject = { country: 'CH', organization: 'Zürich, Test "AG"', organizationalUnit: 'R+D \\ #1', commonName: ' ICA; one' };
      return s;
    },
    0,
    'ok',
  ],
  [
    'rsa everywhere',
    () => {
      const s = scenarioForModes([]).scenario;
      s.certificates.forEach((c) => {
        c.key = 'RSA-2048';
      });
      s.certificates[2]!.keyUsage = ['digitalSignature', 'keyEncipherment'];
      return s;
    },
    0,
    'ok',
  ],
];

describe('renderShowcerts matches openssl s_client -showcerts', () => {
  for (const [name, make, code, text] of cases) {
    it(name, async () => {
      const pki = await pkiOf(make());
      const real = await connectWithOpenssl(pki, { requireClientCert: false, clientArgs: ['-showcerts'] });
      expect(comparable(renderShowcerts(pki, { code, text }))).toEqual(comparable(real.clientOutput));
    });
  }
});
