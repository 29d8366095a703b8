/**
 * The renderer against the real programs. For each situation of scenarios.ts (chains built in
 * code, e.g. root -> ica -> ee with one thing broken), a real `openssl s_server` serves the chain
 * on 127.0.0.1 and the real clients of this machine connect to it: openssl s_client, curl,
 * python3 (ssl, urllib, requests), Node 24, Node 20, Java 17, Go 1.19 and Chromium (through Playwright,
 * with the test anchor in a fresh NSS database). Each must fail exactly when
 * clientMessage() says it fails, and print exactly the text it renders.
 * The failure rendered is the one the project's validator (src/core/validate/) reports for the
 * chain under the openssl profile, and that must be the code `openssl verify` gives (declared
 * in scenarios.ts). Only Go's "current time <t>" is normalised (its own clock). The "(_ssl.c:1006)"
 * suffix is this machine's CPython 3.11.7 line, which
 * the renderer uses too. A client whose binary is absent is skipped with the reason printed.
 */
import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../../src/core/certificate.ts';
import type { Certificate } from '../../src/core/model.ts';
import { clientMessage, type ClientFailure, type RenderContext } from '../../src/core/clients/render.ts';
import { clientProfile } from '../../src/core/clients/profiles.ts';
import { validate } from '../../src/core/validate/validate.ts';
import type { Issued } from './pki.ts';
import { ALL_CLIENTS, missingReason, runClient, startServer, type AnyClient, type RunningServer } from './real-clients.ts';
import { SITUATIONS, type Situation } from './scenarios.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const parse = (i: Issued): Promise<Certificate> => parseCertificate(new Uint8Array(i.cert.rawData), subtle);
const lastLine = (s: string) => s.trim().split('\n').pop() ?? '';
const lines = (s: string) => s.split('\n').map((l) => l.trim());

/** Handshake-level situations are not certificate verification results: not rendered here. */
const RENDERED = SITUATIONS.filter((s) => !['client-cert-required', 'protocol-mismatch'].includes(s.id));
const available = ALL_CLIENTS.filter((c) => {
  const why = missingReason(c);
  if (why) console.log(`skipping ${c}: ${why}`);
  return !why;
});

/** What one real client did, and what the renderer says it does. */
interface Compared { fails: boolean; expectedFails: boolean; printed: boolean; detail: string }

function compare(client: AnyClient, sit: Situation, srv: RunningServer, ctx: RenderContext, f: ClientFailure): Compared {
  const run = runClient(client, srv, sit.host);
  const sClient = client === 'openssl';
  const failed = sClient ? !run.output.includes('Verify return code: 0 (ok)') : run.exit !== 0;
  const pick = (): { fails: boolean; message: string; errorCode?: string } => {
    switch (client) {
      case 'openssl': return clientMessage('openssl', f, ctx);
      case 'curl': return clientMessage('curl', f, ctx);
      case 'python-ssl': return clientMessage('python', f, ctx);
      case 'python-urllib': return clientMessage('python', f, ctx).variants?.urllib ?? { fails: false, message: '' };
      case 'python-requests': return clientMessage('python', f, ctx).variants?.requests ?? { fails: false, message: '' };
      case 'node24': return clientMessage('node', f, ctx);
      case 'node20': return clientMessage('node', f, ctx).variants?.node20 ?? { fails: false, message: '' };
      case 'java': return clientMessage('java', f, ctx);
      case 'go': return clientMessage('go', f, ctx).variants?.['go1.19'] ?? { fails: false, message: '' };
      case 'chromium': return clientMessage('chrome', f, ctx);
    }
  };
  const want = pick();
  let printed: boolean;
  if (!want.fails) printed = true;
  else if (client === 'openssl' || client === 'java') printed = lines(want.message).every((l) => lines(run.output).includes(l));
  else if (client === 'curl') printed = run.output.trim() === want.message.trim();
  // the Node runner prints String(err), then "code: <err.code>"
  else if (client === 'node24') printed = run.output.startsWith(`${want.message}\ncode: ${want.errorCode}\n`);
  else if (client === 'node20') printed = run.output.startsWith(`${want.message}\ncode: `);
  // tls_client.go prints the tls.Dial error, then net/http's
  // (Go prints its own clock's "current time": the one volatile bit, normalised on both sides)
  else if (client === 'go') {
    const clock = (x: string) => x.replace(/current time \S+ is/g, 'current time <now> is');
    printed = clock(run.output).startsWith(clock(`${want.message}\nGet "https://${sit.host}:${srv.port}/": ${want.message}\n`));
  }
  // the interstitial says NET::ERR_X; Playwright reports "net::ERR_X at <url>"
  else if (client === 'chromium') printed = run.output.startsWith(`net::${want.errorCode} at https://${sit.host}:${srv.port}/`);
  else printed = lastLine(run.output) === want.message;
  return { fails: failed, expectedFails: want.fails, printed, detail: `rendered:\n${want.message}\nreal:\n${run.output}` };
}

describe.each(RENDERED.map((d) => [d.id, d] as const))('real clients, situation %s', (_id, def) => {
  let sit: Situation;
  let srv: RunningServer;
  let ctx: RenderContext;
  let failure: ClientFailure;

  beforeAll(async () => {
    const now = Date.now();
    sit = { id: def.id, code: def.code, depth: def.depth, ...(await def.build(now)) };
    srv = await startServer(sit);
    const [peer, ...untrusted] = await Promise.all(sit.served.map(parse));
    const anchors = await Promise.all(sit.trusted.map(parse));
    const result = await validate({ peer, untrusted, anchors, peerName: sit.host, at: now, policy: clientProfile('openssl').policy, subtle });
    failure = { code: result.code, depth: result.depth ?? 0 };
    // the certificate the failure is about, found on the path the validator reports
    const known = [peer, ...untrusted, ...anchors];
    const onPath = result.path.map((e) => known.find((c) => c.sha256 === e.sha256));
    ctx = { host: sit.host, port: srv.port, cert: onPath[failure.depth] ?? peer, chainSubjects: result.path.map((e) => e.subject), at: now };
  });
  afterAll(() => srv?.stop());

  it('the project validator reports the code and depth `openssl verify` gives', () => {
    expect(failure).toEqual({ code: def.code, depth: def.depth });
  });

  it.each(available)('%s fails exactly when rendered and prints the rendered text', (client) => {
    const got = compare(client, sit, srv, ctx, failure);
    expect({ fails: got.fails, printed: got.printed }, got.detail).toEqual({ fails: got.expectedFails, printed: true });
  });
});
