/**
 * The probe's chain to serve (issue #14, item 2), against a real node:tls server on 127.0.0.1
 * that sends its leaf and ica1 but not ica2; the leaf's AIA URL is a loopback HTTP server.
 * AIA goes through the probe's own fetcher, so its address guard applies: a public-only policy
 * refuses the loopback URL and the missing intermediate is named instead.
 *
 *   root "Probe Test Root" (passed as an extra anchor, like certlab probe --ca) -> ica1 -> ica2 -> aia-leaf
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCert, type TestPki, issueLeaf, makeTestPki } from '../../../test/probe/pki.ts';
import { type Running, startNodeTls } from '../../../test/probe/servers.ts';
import { parseCertificate } from '../../core/x509/certificate.ts';
import { DEFAULT_PROBE_PORTS } from '../../core/net/policy.ts';
import { probe } from './engine.ts';
import { analyseProbe } from './analyse.ts';
import { probeAiaFetcher } from './aia-fetch.ts';

let pki: TestPki;
let leaf: TestCert;
let http: Server;
let tls: Running;
let aiaUrl: string;

beforeAll(async () => {
  pki = makeTestPki();
  http = createServer((req, res) => {
    if (req.url === '/ica2.der') res.writeHead(200).end(Buffer.from(pki.ica2.der));
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  aiaUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/ica2.der`;
  leaf = issueLeaf(pki, 'aia-leaf', { aiaUrl });
  tls = await startNodeTls({ chain: [leaf, pki.ica1], key: leaf });
});

afterAll(async () => {
  await tls?.close();
  await new Promise((ok) => http?.close(ok));
  pki?.cleanup();
});

async function analyse(aiaPolicy: Parameters<typeof probeAiaFetcher>[0]['policy']) {
  const outcome = await probe({ host: `127.0.0.1:${tls.port}`, servername: 'probe.test' }, { policy: null });
  const root = await parseCertificate(pki.root.der, crypto.subtle);
  const a = await analyseProbe(outcome, Date.now(), crypto.subtle, { extraAnchors: [root], aiaFetcher: probeAiaFetcher({ policy: aiaPolicy }) });
  return a!.chainToServe!;
}

describe("the probe's chain to serve", () => {
  it('fetches the missing intermediate and orders the chain: leaf, ica2 (fetched), ica1', async () => {
    const j = await analyse(null);
    expect({
      ...j,
      chain: j.chain.map((c) => [c.subject, c.fetched, c.pem]),
      verification: j.verification && { ...j.verification, against: j.verification.against.endsWith(' + --ca') },
    }).toEqual({
      ok: true,
      host: 'probe.test',
      chain: [
        ['O=certlab tests, CN=probe.test', false, leaf.pem],
        ['O=certlab tests, CN=Probe Test ICA 2', true, pki.ica2.pem],
        ['O=certlab tests, CN=Probe Test ICA 1', false, pki.ica1.pem],
      ],
      root: 'O=certlab tests, CN=Probe Test Root',
      dropped: [],
      aia: [{ url: aiaUrl, for: 'O=certlab tests, CN=probe.test', outcome: 'fetched', got: ['O=certlab tests, CN=Probe Test ICA 2'] }],
      verification: { ok: true, code: 0, name: 'X509_V_OK', text: 'ok', depth: null, against: true },
      failure: null,
    });
  });

  it("the probe's guard refuses a loopback AIA URL: the missing intermediate is named with its URL", async () => {
    const j = await analyse({ allowPrivate: false, ports: DEFAULT_PROBE_PORTS });
    expect([j.ok, j.failure, j.aia]).toEqual([
      false,
      {
        kind: 'MissingIntermediate',
        message: `The issuer of "O=certlab tests, CN=probe.test" ("O=certlab tests, CN=Probe Test ICA 2") is missing. Its AIA URL (${aiaUrl}) gave no usable issuer.`,
        aiaUrls: [aiaUrl],
      },
      [{ url: aiaUrl, for: 'O=certlab tests, CN=probe.test', outcome: 'nothing-usable', got: [] }],
    ]);
  });
});
