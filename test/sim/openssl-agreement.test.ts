/**
 * For every failure mode of the simulator: generate the chain with the simulator's own
 * generator, run the real `openssl verify` on it, and check the code (and depth) the mode
 * claims. `client-cert-required` is a handshake matter: it is checked with a real
 * `openssl s_server -Verify 1` and `openssl s_client` on 127.0.0.1.
 *
 *   base: root (trusted) -> ica (CA, pathlen:0) -> leaf (shop.certlab.test); sends [leaf, ica]
 */
import { afterAll, describe, expect, it } from 'vitest';
import { generatePki, type GeneratedPki } from '../../src/core/sim/generate.ts';
import { FAILURE_MODES, findMode, scenarioForModes } from '../../src/core/sim/presets.ts';
import { opensslVerify } from './openssl-verify.ts';
import { handshakeWithoutClientCert } from './openssl-handshake.ts';

const AT = Date.UTC(2026, 10, 26, 12, 0, 0);
const agreed: string[] = [];

async function pkiFor(ids: string[]): Promise<GeneratedPki> {
  const { scenario, unknown } = scenarioForModes(ids);
  expect(unknown).toEqual([]);
  const r = await generatePki(scenario, { crypto: globalThis.crypto, at: AT });
  if (!r.ok) throw new Error(r.error.message);
  return r.pki;
}

describe('openssl verify agrees with every failure mode the simulator claims', () => {
  it('the healthy base chain verifies: 0 (ok)', async () => {
    const v = await opensslVerify(await pkiFor([]));
    expect({ code: v.code, depth: v.depth }).toEqual({ code: 0, depth: 0 });
  });

  for (const mode of FAILURE_MODES) {
    it(`${mode.id}: openssl verify says ${mode.openssl.code} at depth ${mode.openssl.depth}`, async () => {
      const v = await opensslVerify(await pkiFor([mode.id]));
      expect({ code: v.code, depth: v.depth }, v.output).toEqual({ code: mode.openssl.code, depth: mode.openssl.depth });
      agreed.push(mode.id);
    });
  }

  it('combined modes still verify to a specific failure (expired leaf + leaf only: the missing issuer is found first)', async () => {
    // leaf (expired) -> [ica not sent] -> root: openssl cannot build the chain, so it never reaches the dates.
    const v = await opensslVerify(await pkiFor(['leaf-only', 'expired-leaf']));
    expect({ code: v.code, depth: v.depth }).toEqual({ code: 20, depth: 0 });
  });

  it('root included does not rescue a private CA: 19 self-signed certificate in certificate chain', async () => {
    // leaf -> ica -> root(sent by the server, not in the client's store)
    const v = await opensslVerify(await pkiFor(['private-ca', 'root-included']));
    expect({ code: v.code, depth: v.depth }).toEqual({ code: 19, depth: 2 });
  });
});

describe('client certificate required is a handshake failure, shown by real openssl s_server/s_client', () => {
  it('s_server -Verify 1 rejects a client that has no certificate: tlsv13 alert certificate required (116)', async () => {
    const pki = await pkiFor(['client-cert-required']);
    const r = await handshakeWithoutClientCert(pki);
    expect({ verifyReturn: r.verifyReturn, alert: r.alert, alertNumber: r.alertNumber, serverSaw: r.serverError })
      .toEqual({ verifyReturn: '0 (ok)', alert: 'tlsv13 alert certificate required', alertNumber: 116, serverSaw: 'peer did not return a certificate' });
    expect(findMode('client-cert-required')!.handshake!.alert).toBe('certificate required');
    agreed.push('client-cert-required (handshake)');
  });
});

afterAll(() => {
  // The figure the issue asks for: how many failure modes openssl agrees with.
  console.log(`openssl agreement: ${agreed.filter((a) => !a.includes('(handshake)')).length}/${FAILURE_MODES.length} modes by verify code; handshake check: ${agreed.some((a) => a.includes('(handshake)')) ? 'agrees' : 'not run'}`);
});
