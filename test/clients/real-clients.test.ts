/**
 * Verdicts against the real programs. For each situation of scenarios.ts (chains built in code,
 * e.g. root -> ica -> ee with one thing broken), a real `openssl s_server` serves the chain on
 * 127.0.0.1 and the real clients of this machine connect to it: openssl s_client, curl,
 * python3 3.11 (ssl, urllib, requests), Python 3.13, Node 24, Node 20, Java 17 (also with AIA
 * fetching switched on), Go (compared with the wording of the installed release), rustls 0.23
 * (test/clients/rustls_client, built with the machine's cargo; its crates pinned by Cargo.lock) and
 * Chromium (through Playwright, with the test anchor in a fresh NSS database).
 *
 * What each should do comes from clientVerdicts(), called exactly as production calls it (the CLI,
 * the probe, the simulator): the project's validator run with each client's profile policy, the
 * failure rendered by the client's module, with the server's port and the AIA fetcher. Each real
 * program must fail exactly when its verdict (or the verdict's variant for that program) says so
 * and print exactly the rendered text. The validator's code and depth under the openssl profile
 * must also be what `openssl verify` gives (declared in scenarios.ts).
 *
 * Only the clock is normalised: Go's "current time <t>" and rustls's "verification time <t> (UNIX)"
 * and "(<n> seconds ago)" (both read their own clock). "(_ssl.c:1006)" and
 * "(_ssl.c:1020)" are the lines CPython 3.11.7 and 3.13.0 print here; the renderer uses them.
 * A client whose binary is absent is a skipped test, its reason the skip note.
 */
import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../../src/core/x509/certificate.ts';
import type { Certificate } from '../../src/core/model.ts';
import type { ClientId } from '../../src/core/clients/messages.ts';
import { clientVerdicts, renderVerdict, type ClientVerdict } from '../../src/core/clients/verdicts.ts';
import { aiaFetcher } from '../../src/cli/commands/verify.ts';
import { assertNever } from '../../src/core/assert-never.ts';
import type { Issued } from './pki.ts';
import { goWordingFor } from '../../src/core/clients/go.ts';
import { ALL_CLIENTS, clientVersion, missingReason, runClient, rustlsBinary, startServer, type AnyClient, type RunningServer } from './real-clients.ts';
import { SITUATIONS, type Situation } from './scenarios.ts';
import { ANCHOR_SITUATIONS } from './anchor-situations.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const parse = (i: Issued): Promise<Certificate> => parseCertificate(new Uint8Array(i.cert.rawData), subtle);
const lastLine = (s: string) => s.trim().split('\n').pop() ?? '';
const lines = (s: string) => s.split('\n').map((l) => l.trim());

/** Handshake-level situations are not certificate verification results: not rendered here. */
const RENDERED = [...SITUATIONS, ...ANCHOR_SITUATIONS].filter((s) => !['client-cert-required', 'protocol-mismatch'].includes(s.id));
/** Why each client cannot run on this machine (null when it can): an absent one is a reported skip. */
const missing = new Map(ALL_CLIENTS.map((c) => [c, missingReason(c)] as const));

/** Which of Go's wordings the installed toolchain prints ("go version go1.26.8 linux/amd64" -> the main one). */
const goMinor = !missing.get('go') ? Number(/go1\.(\d+)/.exec(clientVersion('go'))?.[1] ?? NaN) : NaN;
const goWording = goWordingFor(goMinor);
if (!missing.get('go'))
  console.log(
    `go: ${clientVersion('go')}, compared with ${goWording === null ? 'the main wording' : goWording === undefined ? 'nothing (older than Go 1.18: not modelled)' : `variant ${goWording}`}`,
  );

if (!missing.get('rustls')) console.log(`rustls: ${clientVersion('rustls')}`);
// built once before any situation (cargo on a loaded machine can take minutes; the per-test timeout could not hold it)
beforeAll(() => {
  if (!missing.get('rustls')) rustlsBinary();
}, 1_500_000);

/** What one real client did, and what the renderer says it does. */
interface Compared {
  fails: boolean;
  expectedFails: boolean;
  printed: boolean;
  detail: string;
}
type Want = { fails: boolean; message: string; errorCode?: string };

/**
 * What each real program should do: the verdict of the client whose profile it runs under
 * (the chain validated with that profile's policy, then rendered). Python 3.11 here has
 * OpenSSL's plain rules, so it is rendered from the openssl-policy result; 3.13 from the
 * python profile (strict, partial chains).
 */
function expected(client: AnyClient, v: Record<ClientId, ClientVerdict>, py311: ClientVerdict): Want {
  const none = { fails: false, message: '' };
  switch (client) {
    case 'openssl':
      return v.openssl;
    case 'curl':
      return v.curl;
    case 'python-ssl':
      return py311;
    case 'python-urllib':
      return py311.variants?.urllib ?? none;
    case 'python-requests':
      return py311.variants?.requests ?? none;
    case 'python313':
      return v.python.variants?.['python3.13'] ?? none;
    case 'node24':
      return v.node;
    case 'node20':
      return v.node.variants?.node20 ?? none;
    case 'java':
      return v.java;
    case 'java-aia':
      return v.java.variants?.['aia-enabled'] ?? none;
    case 'go': {
      if (goWording === undefined) throw new Error(`go ${goMinor}: no wording modelled for Go older than 1.18 (found: ${clientVersion('go')})`);
      return goWording === null ? v.go : (v.go.variants?.[goWording] ?? none);
    }
    case 'rustls':
      return v.rustls;
    case 'chromium':
      return v.chrome;
    default:
      return assertNever(client, 'real client');
  }
}

function compare(client: AnyClient, sit: Situation, srv: RunningServer, want: Want): Compared {
  const run = runClient(client, srv, sit.host);
  const sClient = client === 'openssl';
  const failed = sClient ? !run.output.includes('Verify return code: 0 (ok)') : run.exit !== 0;
  let printed: boolean;
  if (!want.fails) printed = true;
  else if (client === 'openssl' || client === 'java' || client === 'java-aia') printed = lines(want.message).every((l) => lines(run.output).includes(l));
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
  // the rustls client prints rustls::Error's Display, one line (its clock normalised on both sides)
  else if (client === 'rustls') {
    const clock = (x: string) =>
      x.replace(/verification time \d+ \(UNIX\)/g, 'verification time <now> (UNIX)').replace(/\(\d+ seconds (ago|in future)\)/g, '(<n> seconds $1)');
    printed = clock(run.output.trim()) === clock(want.message);
  }
  // the interstitial says NET::ERR_X; Playwright reports "net::ERR_X at <url>"
  else if (client === 'chromium') printed = run.output.startsWith(`net::${want.errorCode} at https://${sit.host}:${srv.port}/`);
  else printed = lastLine(run.output) === want.message;
  return { fails: failed, expectedFails: want.fails, printed, detail: `rendered:\n${want.message}\nreal:\n${run.output}` };
}

describe.each(RENDERED.map((d) => [d.id, d] as const))('real clients, situation %s', (_id, def) => {
  let sit: Situation;
  let srv: RunningServer;
  let failure: { code: number; depth: number };
  let verdicts: Record<ClientId, ClientVerdict>;
  let py311: ClientVerdict;

  beforeAll(async () => {
    const now = Date.now();
    sit = { id: def.id, code: def.code, depth: def.depth, ...(await def.build(now)) };
    srv = await startServer(sit);
    const [peer, ...untrusted] = await Promise.all(sit.served.map(parse));
    const anchors = await Promise.all(sit.trusted.map(parse));
    // what `certlab verify --aia` and the probe pass: the server's port and a real AIA fetcher (the situation's server on 127.0.0.1)
    const input = { peer, untrusted, anchors, peerName: sit.host, at: now, subtle, aiaFetcher };
    verdicts = await clientVerdicts(input, { port: srv.port });
    const base = verdicts.openssl.result;
    failure = { code: base.code, depth: base.depth ?? 0 };
    py311 = renderVerdict('python', base, input, srv.port);
  }, 180_000); // a loaded machine: nine validations and an s_server start
  afterAll(() => srv?.stop());

  it('the project validator reports the code and depth `openssl verify` gives', () => {
    expect(failure).toEqual({ code: def.code, depth: def.depth });
  });

  // the first Go run builds tls_client.go; Chromium starts a browser
  it.for(ALL_CLIENTS)('%s fails exactly when rendered and prints the rendered text', { timeout: 180_000 }, (client, ctx) => {
    const why = missing.get(client);
    if (why) ctx.skip(`${client} is absent here: ${why}`);
    const got = compare(client, sit, srv, expected(client, verdicts, py311));
    expect({ fails: got.fails, printed: got.printed }, got.detail).toEqual({ fails: got.expectedFails, printed: true });
  });
});
