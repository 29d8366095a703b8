/**
 * The story's order (issue 13, item 5): an expired leaf, then a leaf that does not name the host,
 * lead the headline and the email whatever else is wrong; then a protocol clients cannot speak,
 * then the chain, then a required client certificate.
 *
 *   root -> ica1 -> ica2 -> leaf probe.test; "stale": issued by ica2, expired, names only other.test;
 *   "old": issued by ica2, expired, names probe.test
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Certificate } from '../../core/model.ts';
import { parseCertificate } from '../../core/x509/certificate.ts';
import { issueLeaf, makeTestPki, type TestPki } from '../../../test/probe/pki.ts';
import { probeFindings } from './findings.ts';
import { tellStory } from './story.ts';
import { judgePresented } from './verdicts.ts';

let pki: TestPki;
let stale: Certificate;
let old: Certificate;
let ica2: Certificate;
let ica1: Certificate;
let root: Certificate;
beforeAll(async () => {
  pki = makeTestPki();
  const parse = (der: Uint8Array) => parseCertificate(der, globalThis.crypto.subtle);
  stale = await parse(issueLeaf(pki, 'stale', { expired: true, san: 'DNS:other.test' }).der);
  old = await parse(issueLeaf(pki, 'old', { expired: true }).der);
  [ica2, ica1, root] = await Promise.all([parse(pki.ica2.der), parse(pki.ica1.der), parse(pki.root.der)]);
});
afterAll(() => pki?.cleanup());

const base = { host: 'probe.test', port: 443, evidence: '(evidence)' };
const dayOf = (c: Certificate) => new Date(c.notAfter).toISOString().slice(0, 10);
const day = () => dayOf(stale);
const findingsOf = (chain: Certificate[]) => probeFindings(chain, 'probe.test', false, Date.now(), globalThis.crypto.subtle);
const judge = (presented: Certificate[]) =>
  judgePresented({ presented, peerName: 'probe.test', at: Date.now(), subtle: globalThis.crypto.subtle, extraAnchors: [root] });

describe('tellStory: severity order', () => {
  it('expired leaf first, then the wrong name, then the missing intermediate', async () => {
    const verdicts = (await judge([stale]))!;
    const findings = await findingsOf([stale]);
    expect(findings.filter((f) => f.items.includes(0) && f.severity === 'error').map((f) => f.kind)).toEqual(['expired', 'hostname-mismatch']);
    const s = tellStory({ ...base, presented: [stale], verdicts, findings });
    expect([s.cause, s.liability, s.headline]).toEqual([
      'expired',
      'server',
      `Server's fault: its certificate 'probe.test' expired on ${day()}. Also: its certificate 'probe.test' does not name probe.test (it names other.test). Also: it sends only the leaf; clients cannot build a path to a trusted root. Fails in: openssl, curl, python, go, dotnet, node, java, rustls, chrome, firefox.`,
    ]);
    expect(s.email!.subject).toBe(`TLS certificate problem on probe.test:443: the certificate expired on ${day()}`);
    expect(s.email!.body.split('\n').filter((l) => /^(Analysis|Also):/.test(l))).toEqual([
      `Analysis: The certificate the server presents ('probe.test') expired on ${day()} (notAfter ${new Date(stale.notAfter).toISOString()}). The current time is after the certificate's notAfter date (or the client's clock is far ahead).`,
      expect.stringMatching(/^Also: The certificate the server presents for probe\.test names other\.test, not probe\.test\. /),
      expect.stringMatching(/^Also: The server sends its own certificate but not the intermediate/),
    ]);
  });

  it('an expired leaf with the right name: one part, the tally of the clients follows', async () => {
    const verdicts = (await judge([old, ica2, ica1]))!;
    const s = tellStory({ ...base, presented: [old, ica2, ica1], verdicts, findings: await findingsOf([old, ica2, ica1]) });
    expect([s.cause, s.headline]).toEqual([
      'expired',
      `Server's fault: its certificate 'probe.test' expired on ${dayOf(old)}. Fails in: openssl, curl, python, go, dotnet, node, java, rustls, chrome, firefox.`,
    ]);
  });

  it('an expired leaf leads a required client certificate, and the email asks only what the server must do', async () => {
    const verdicts = (await judge([old, ica2, ica1]))!;
    const s = tellStory({
      ...base,
      presented: [old, ica2, ica1],
      verdicts,
      findings: await findingsOf([old, ica2, ica1]),
      clientCert: { required: true, authorities: ['O=certlab tests, CN=Probe Test Root'] },
    });
    expect([s.cause, s.liability, s.headline]).toEqual([
      'expired',
      'server',
      `Server's fault: its certificate 'probe.test' expired on ${dayOf(old)}. Also: the server requires a client certificate (mutual TLS) and closed the connection without one; it accepts certificates issued by: O=certlab tests, CN=Probe Test Root. Fails in: openssl, curl, python, go, dotnet, node, java, rustls, chrome, firefox.`,
    ]);
    expect(s.email!.body.split('\n').filter((l) => l.startsWith('What we ask:'))).toEqual([
      'What we ask: Renew the certificate (or the expired intermediate), install it and reload the server; check that automatic renewal runs and that the server reloads afterwards.',
    ]);
  });

  it('without a leaf problem the chain cause keeps its own headline', async () => {
    const leaf = await parseCertificate(pki.leaf.der, globalThis.crypto.subtle);
    const verdicts = (await judge([leaf]))!;
    const s = tellStory({ ...base, presented: [leaf], verdicts, findings: [] });
    expect(s.headline).toBe(
      "Server's fault: it sends only the leaf; clients cannot build a path to a trusted root. Fails in: openssl, curl, python, go, dotnet, node, java, rustls, chrome, firefox.",
    );
  });

  it('a non-TLS port is named, with who acts left open and no certificate words', () => {
    const s = tellStory({ ...base, port: 8080, presented: [], notTls: { protocol: 'http', name: 'plain HTTP', firstLine: 'HTTP/1.1 400 Bad Request' } });
    expect([s.cause, s.liability, s.headline, s.email!.subject]).toEqual([
      'protocol-mismatch',
      'both',
      'Server or client: this port speaks plain HTTP, not TLS (it sent "HTTP/1.1 400 Bad Request").',
      'TLS problem on probe.test:8080: this port speaks plain HTTP, not TLS',
    ]);
  });
});
