/**
 * For every failure mode of the simulator: generate the chain with the simulator's own
 * generator, run the real `openssl verify` on it, and check the code (and depth) the mode
 * claims. `client-cert-required` is a handshake matter: it is checked with a real
 * `openssl s_server -Verify 1` and `openssl s_client` on 127.0.0.1. Every mode is also served
 * by a real s_server and the "Verify return code" of a real s_client is checked.
 * s_client runs now (real clock), so those chains are generated with the real time.
 *
 *   base: root (trusted) -> ica (CA, pathlen:0) -> leaf (shop.certlab.test); sends [leaf, ica]
 */
import { afterAll, describe, expect, it } from 'vitest';
import { generatePki, type GeneratedPki } from '../../src/core/sim/generate.ts';
import { FAILURE_MODES, findMode, scenarioForModes } from '../../src/core/sim/presets.ts';
import { verifyCodeByNumber } from '../../src/core/codes/verify-codes.ts';
import { opensslVerify } from './openssl-verify.ts';
import { connectWithOpenssl, handshakeWithoutClientCert } from './openssl-tls.ts';

const AT = Date.UTC(2026, 10, 26, 12, 0, 0);
const agreed: string[] = [];
const sClientAgreed: string[] = [];
const rsaAgreed: string[] = [];

async function pkiFor(ids: string[], at = AT, key?: 'RSA-2048'): Promise<GeneratedPki> {
  const { scenario, unknown } = scenarioForModes(ids, key ? { key } : {});
  expect(unknown).toEqual([]);
  const r = await generatePki(scenario, { crypto: globalThis.crypto, at });
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
      // The claim's name and openssl's printed text are those of the project's verify-code table.
      const entry = verifyCodeByNumber(mode.openssl.code).code;
      expect({ name: entry?.name, text: v.code === 0 ? 'ok' : entry?.text }).toEqual({ name: mode.openssl.name, text: v.text });
      agreed.push(mode.id);
    });
  }

  for (const mode of FAILURE_MODES) {
    it(`${mode.id} with RSA-2048 keys everywhere: the same ${mode.openssl.code} at depth ${mode.openssl.depth}`, async () => {
      const v = await opensslVerify(await pkiFor([mode.id], AT, 'RSA-2048'));
      expect({ code: v.code, depth: v.depth }, v.output).toEqual({ code: mode.openssl.code, depth: mode.openssl.depth });
      rsaAgreed.push(mode.id);
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

describe('openssl s_client against s_server prints the Verify return code each mode claims', () => {
  // s_client keeps verifying after an error and prints the last one (leaf only: 20 then 21).
  // The server runs at SECLEVEL=0 so it agrees to serve RSA-1024 and SHA-1 certificates.
  for (const mode of FAILURE_MODES) {
    it(`${mode.id}: Verify return code: ${mode.sClient}`, async () => {
      const pki = await pkiFor([mode.id], Math.floor(Date.now() / 1000) * 1000);
      const run = await connectWithOpenssl(pki, { requireClientCert: false, clientArgs: ['-verify_hostname', pki.scenario.host] });
      const code = Number(/Verify return code: (\d+)/.exec(run.clientOutput)?.[1] ?? -1);
      expect(code, run.clientOutput).toBe(mode.sClient);
      sClientAgreed.push(mode.id);
    });
  }
});

describe('client certificate required is a handshake failure, shown by real openssl s_server/s_client', () => {
  it('s_server -Verify 1 rejects a client that has no certificate: tlsv13 alert certificate required (116)', async () => {
    const pki = await pkiFor(['client-cert-required']);
    const r = await handshakeWithoutClientCert(pki);
    expect({ verifyReturn: r.verifyReturn, alert: r.alert, alertNumber: r.alertNumber, serverSaw: r.serverError }).toEqual({
      verifyReturn: '0 (ok)',
      alert: 'tlsv13 alert certificate required',
      alertNumber: 116,
      serverSaw: 'peer did not return a certificate',
    });
    expect(findMode('client-cert-required')!.handshake!.alert).toBe('certificate required');
    agreed.push('client-cert-required (handshake)');
  });
});

afterAll(() => {
  // The figure the issue asks for: how many failure modes openssl agrees with.
  console.log(
    `openssl agreement: ${agreed.filter((a) => !a.includes('(handshake)')).length}/${FAILURE_MODES.length} modes by verify code (RSA-2048 hierarchy: ${rsaAgreed.length}/${FAILURE_MODES.length}); s_client return code ${sClientAgreed.length}/${FAILURE_MODES.length}; handshake check: ${agreed.some((a) => a.includes('(handshake)')) ? 'agrees' : 'not run'}`,
  );
});
