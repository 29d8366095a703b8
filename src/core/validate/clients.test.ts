/**
 * judgeClients runs the validator under each client's policy: the same chain passes for some
 * clients and fails for others exactly where their knobs differ.
 *
 *   root -> ica -> ee-cn (CN=example.com, no SAN)      root -> ica -> ee-rsa1024 (RSA 1024)
 *   root -> ica -> ee (only the leaf sent)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import type { Certificate } from '../model.ts';
import { parseCertificate } from '../certificate.ts';
import type { ChainFactory } from '../../../test/openssl-verify/chain-factory.ts';
import { AT, buildPki } from '../../../test/openssl-verify/pki.ts';
import { judgeClients, type ClientRenderer } from './clients.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
// Records what it was asked to render, so the test sees which result reached which client.
const render: ClientRenderer = (client, r) => `${client}:${r.code}@${r.depth}`;

let f: ChainFactory;
const c: Record<string, Certificate> = {};
beforeAll(async () => {
  f = buildPki();
  for (const n of ['root', 'ica', 'ee', 'ee-cn', 'ee-rsa1024']) c[n] = await parseCertificate(f.der(n), subtle);
});
afterAll(() => f?.dispose());

const fails = (v: Awaited<ReturnType<typeof judgeClients>>) =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x!.fails ? x!.message : 'ok']));

describe('judgeClients', () => {
  it('a CN-only certificate: OpenSSL-based clients and Java fall back to the CN; Go and browsers do not', async () => {
    const v = await judgeClients({ peer: c['ee-cn'], untrusted: [c.ica], anchors: [c.root], peerName: 'example.com', at: AT, subtle }, render);
    expect(fails(v)).toEqual({
      openssl: 'ok', curl: 'ok', python: 'ok', node: 'ok', java: 'ok', dotnet: 'ok',
      go: 'go:62@0', chrome: 'chrome:62@0', firefox: 'firefox:62@0',
    });
  });
  it('an RSA-1024 leaf: refused at OpenSSL security level 2, accepted where 1024 bits still pass', async () => {
    const v = await judgeClients({ peer: c['ee-rsa1024'], untrusted: [c.ica], anchors: [c.root], peerName: 'example.com', at: AT, subtle }, render);
    expect(fails(v)).toEqual({
      openssl: 'openssl:66@0', curl: 'curl:66@0', python: 'python:66@0', node: 'node:66@0',
      java: 'ok', go: 'ok', dotnet: 'ok', chrome: 'ok', firefox: 'ok',
    });
  });
  it('a valid chain passes everywhere and renders nothing', async () => {
    const v = await judgeClients({ peer: c.ee, untrusted: [c.ica], anchors: [c.root], peerName: 'example.com', at: AT, subtle }, render);
    expect(Object.values(v).map((x) => [x!.fails, x!.message])).toEqual(Array(9).fill([false, null]));
  });
});
