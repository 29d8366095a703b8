/**
 * What the simulator shows per client, for a few modes where clients disagree. The verdicts
 * come from the project's validator under each client profile and the clients' message table;
 * this checks the simulator's composition: AIA answered from the generated chain, the
 * handshake refusal for "client certificate required", and the row order.
 *
 *   base: root (trusted) -> ica -> leaf (shop.certlab.test)
 */
import { describe, expect, it } from 'vitest';
import { simClientVerdicts, type SimClientVerdict } from '../../src/core/sim/client-verdicts.ts';
import { generatePki } from '../../src/core/sim/generate.ts';
import { parsePki } from '../../src/core/sim/judge.ts';
import { scenarioForModes } from '../../src/core/sim/presets.ts';

const AT = Date.UTC(2026, 10, 26, 12, 0, 0);

async function verdicts(ids: string[]): Promise<SimClientVerdict[]> {
  const r = await generatePki(scenarioForModes(ids).scenario, { crypto: globalThis.crypto, at: AT });
  if (!r.ok) throw new Error(r.error.message);
  return simClientVerdicts(r.pki, await parsePki(r.pki, crypto.subtle), crypto.subtle);
}
const failing = (v: SimClientVerdict[]) => v.filter((x) => x.fails).map((x) => x.client);
const byClient = (v: SimClientVerdict[], id: string) => v.find((x) => x.client === id)!;

describe('simulated client verdicts', () => {
  it('healthy chain: all ten clients connect, in a fixed order', async () => {
    const v = await verdicts([]);
    expect(v.map((x) => [x.client, x.fails])).toEqual([
      ['openssl', false],
      ['curl', false],
      ['python', false],
      ['node', false],
      ['java', false],
      ['go', false],
      ['rustls', false],
      ['dotnet', false],
      ['chrome', false],
      ['firefox', false],
    ]);
  });

  it('leaf only: Chrome and .NET fetch the intermediate from the AIA URL; the rest fail', async () => {
    const v = await verdicts(['leaf-only']);
    expect(failing(v)).toEqual(['openssl', 'curl', 'python', 'node', 'java', 'go', 'rustls', 'firefox']);
    expect(byClient(v, 'chrome').aiaFetched).toEqual(['C=US, O=Certlab Demo, CN=Certlab Demo Issuing CA 1']);
    expect(byClient(v, 'node').message).toBe(
      'Error: unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca',
    );
    expect(byClient(v, 'python').message).toBe(
      'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)',
    );
  });

  it('SAN missing: OpenSSL-based clients, Java and .NET accept the CN; Go, rustls and the browsers refuse', async () => {
    const v = await verdicts(['san-missing']);
    expect(failing(v)).toEqual(['go', 'rustls', 'chrome', 'firefox']);
    expect(byClient(v, 'go').message).toBe('tls: failed to verify certificate: x509: certificate relies on legacy Common Name field, use SANs instead');
  });

  it('client certificate required: every client is refused in the handshake, with its own words where recorded', async () => {
    const v = await verdicts(['client-cert-required']);
    expect(v.map((x) => [x.client, x.fails, x.cause, x.message])).toEqual([
      ['openssl', true, 'client-cert-required', 'error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required'],
      [
        'curl',
        true,
        'client-cert-required',
        'curl: (56) OpenSSL SSL_read: OpenSSL/3.0.19: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0',
      ],
      ['python', true, 'client-cert-required', 'ssl.SSLError: [SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required (_ssl.c:2580)'],
      ['node', true, 'client-cert-required', 'Error: …:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:…:SSL alert number 116'],
      ['java', true, 'client-cert-required', 'javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_required'],
      ['go', true, 'client-cert-required', ''],
      ['rustls', true, 'client-cert-required', 'received fatal alert: CertificateRequired'],
      ['dotnet', true, 'client-cert-required', ''],
      ['chrome', true, 'client-cert-required', 'NET::ERR_BAD_SSL_CLIENT_AUTH_CERT'],
      ['firefox', true, 'client-cert-required', 'SSL peer cannot verify your certificate.'],
    ]);
    expect(byClient(v, 'go').modelled).toBe(false);
  });

  it('an expired leaf is refused before the client certificate is ever asked for', async () => {
    const v = await verdicts(['client-cert-required', 'expired-leaf']);
    expect(byClient(v, 'curl').message.split('\n')[0]).toBe('curl: (60) SSL certificate problem: certificate has expired');
  });
});
