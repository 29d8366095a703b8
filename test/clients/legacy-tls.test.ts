/**
 * Each client profile's `legacyTls` knob against the real clients of this machine (issue 13):
 * a TLS 1.0 server with an ECDHE suite (the key exchange signed with SHA-1) and a TLS 1.1 server
 * with RSA key exchange (no signature), both `openssl s_server` on 127.0.0.1:
 *
 *   root -> ica -> ee(localhost, RSA 2048); sends ee+ica; the client trusts root
 *
 * A profile that 'refuses' must fail on both; 'rsa-key-exchange-only' must connect on the RSA
 * one only. Clients that are missing here are skipped with their reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeLegacyTls } from '../../src/core/clients/legacy-tls.ts';
import { issue } from './pki.ts';
import { type AnyClient, type RunningServer, missingReason, runClient, startServer } from './real-clients.ts';

/** Which runner stands for which profile (Chrome, Firefox and .NET are not run here: their knob says so). */
const RUNNER: Partial<Record<string, AnyClient>> = { openssl: 'openssl', curl: 'curl', python: 'python-ssl', node: 'node24', java: 'java', go: 'go' };

let signed: RunningServer;
let rsa: RunningServer;
beforeAll(async () => {
  const now = Date.now();
  const root = await issue({ cn: 'Certlab Test Root', ca: true }, now);
  const ica = await issue({ cn: 'Certlab Test ICA', ca: true, issuer: root }, now);
  const ee = await issue({ cn: 'localhost', issuer: ica }, now);
  const base = { served: [ee, ica], trusted: [root], host: 'localhost', code: 0, depth: 0 };
  signed = await startServer({ ...base, id: 'legacy-tls10-ecdhe', serverArgs: ['-tls1', '-cipher', 'ECDHE-RSA-AES128-SHA:@SECLEVEL=0'] });
  rsa = await startServer({ ...base, id: 'legacy-tls11-rsa', serverArgs: ['-tls1_1', '-cipher', 'AES128-SHA:@SECLEVEL=0'] });
}, 120_000);
afterAll(() => {
  signed?.stop();
  rsa?.stop();
});

/** s_client connects either way when the handshake works; it prints "Cipher is (NONE)" when it did not. */
const connected = (client: AnyClient, r: { exit: number | null; output: string }) =>
  client === 'openssl' ? /Cipher is (?!\(NONE\))/.test(r.output) : r.exit === 0;

describe('legacyTls knobs agree with the real clients', () => {
  const expected = (suite: string) => Object.fromEntries(judgeLegacyTls('TLSv1', suite).map((c) => [c.client, !c.refuses]));
  for (const [profile, client] of Object.entries(RUNNER) as [string, AnyClient][]) {
    const missing = missingReason(client);
    if (missing) console.log(`skipping ${client}: ${missing}`);
    it.skipIf(missing !== null)(
      `${profile} (${client})`,
      () => {
        const outcome = {
          signedKeyExchange: connected(client, runClient(client, signed, 'localhost')),
          rsaKeyExchange: connected(client, runClient(client, rsa, 'localhost')),
        };
        expect(outcome).toEqual({
          signedKeyExchange: expected('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA')[profile],
          rsaKeyExchange: expected('TLS_RSA_WITH_AES_128_CBC_SHA')[profile],
        });
      },
      180_000,
    );
  }
});
