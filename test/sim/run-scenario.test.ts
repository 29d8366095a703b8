/**
 * The simulator's whole run (generate, validate, judge, picture, showcerts, fix, files) on
 * scenarios a sandbox user may write that the toggles never produce.
 */
import { describe, expect, it } from 'vitest';
import { baseScenario, scenarioForModes } from '../../src/core/sim/presets.ts';
import { runScenario } from '../../src/core/sim/run.ts';

const AT = Date.UTC(2026, 10, 26, 12, 0, 0);

async function run(s: ReturnType<typeof baseScenario>) {
  const r = await runScenario(s, AT, globalThis.crypto);
  if (!r.ok) throw new Error(r.error.message);
  return r.run;
}

describe('runScenario on hand-written scenarios', () => {
  it('a self-signed leaf the client does trust: everyone connects, nothing to fix', async () => {
    // leaf (self-signed, in the trust store)
    const s = scenarioForModes(['self-signed-leaf']).scenario;
    s.trustStore = ['leaf'];
    const r = await run(s);
    expect({ failing: r.clients.filter((c) => c.fails).map((c) => c.client), fixes: r.fixes.length, broken: r.picture.links.length }).toEqual({
      failing: [],
      fixes: 0,
      broken: 0,
    });
  });

  it('a server that sends only its root: the root is no TLS server certificate (26 first, as real openssl verify says)', async () => {
    // root (sent, trusted) -> nothing else sent. `openssl verify` here prints 26 at depth 0, then 62.
    const s = baseScenario();
    s.serverSends = ['root'];
    const r = await run(s);
    expect({ code: r.openssl.code, depth: r.openssl.depth, firstFix: r.fixes[0]?.cause }).toEqual({ code: 26, depth: 0, firstFix: 'wrong-purpose' });
    expect(r.files.map((f) => f.name)).toEqual(['root.pem', 'ica.pem', 'leaf.pem', 'fullchain.pem', 'root.key', 'trusted.pem']);
  });

  it('an empty trust store with the root sent: 19 at depth 2, the fix hands over root.pem', async () => {
    // leaf -> ica -> root (sent by the server, not trusted)
    const s = baseScenario();
    s.serverSends = ['leaf', 'ica', 'root'];
    s.trustStore = [];
    const r = await run(s);
    expect({ code: r.openssl.code, depth: r.openssl.depth, fix: r.fixes[0]?.files }).toEqual({ code: 19, depth: 2, fix: ['root.pem'] });
    expect(r.showcerts).toContain('Verify return code: 19 (self-signed certificate in certificate chain)');
  });

  it('a leaf-only chain: openssl verify says 20, s_client goes on and its last line says 21 (#17: carried, not parsed back)', async () => {
    // leaf (sent alone) -> ica (not sent) -> root (trusted)
    const r = await run(scenarioForModes(['leaf-only']).scenario);
    expect({ verify: r.openssl.code, sClient: r.showcerts.split('\n').filter((l) => l.startsWith('Verify return code')) }).toEqual({
      verify: 20,
      sClient: ['Verify return code: 21 (unable to verify the first certificate)'],
    });
  });
});
