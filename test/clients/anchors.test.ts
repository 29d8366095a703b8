/**
 * What a trust anchor is, and how a chain is built, per client (the situations of
 * anchor-situations.ts, served by a real `openssl s_server` on 127.0.0.1):
 *
 * 1. the validation profiles (openssl, webpki, rfc5280) give exactly the verdicts drawn below,
 *    and the openssl profile, partial chains off and on, what `openssl verify` says without and
 *    with -partial_chain;
 * 2. the knobs that decide these situations (partialChain, trustedPeer, opensslChain) agree with
 *    what the real clients of this machine do: a knob says "passes" exactly when the real
 *    program connects.
 *
 * Each real client's exact words for these situations are compared in real-clients.test.ts
 * (it runs these situations too). A client whose program is absent is a reported skip.
 */
import { webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Certificate, ValidationPolicy } from '../../src/core/model.ts';
import { parseCertificate } from '../../src/core/x509/certificate.ts';
import { validate } from '../../src/core/validate/validate.ts';
import { VALIDATION_PROFILE_NAMES, validationProfile } from '../../src/core/clients/validation-profiles.ts';
import { CLIENTS, type ClientId } from '../../src/core/clients/registry.ts';
import { ANCHOR_SITUATIONS } from './anchor-situations.ts';
import { missingReason, runClient, startServer, type AnyClient } from './real-clients.ts';
import type { Issued } from './pki.ts';
import type { Situation } from './scenarios.ts';
import { opensslVerify } from '../openssl-verify/openssl-verify.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const parse = (i: Issued): Promise<Certificate> => parseCertificate(new Uint8Array(i.cert.rawData), subtle);

/** The real program each client profile stands for (Python's profile is 3.13's). */
const RUNNER: Partial<Record<ClientId, AnyClient>> = {
  openssl: 'openssl',
  curl: 'curl',
  python: 'python313',
  node: 'node24',
  java: 'java',
  go: 'go',
  rustls: 'rustls',
  chrome: 'chromium',
};
/** Programs run besides the profiles' own: Python 3.11 and Node 20 (OpenSSL 3.0 underneath both). */
const ALSO: AnyClient[] = ['python-ssl', 'node20'];

interface Loaded {
  sit: Situation;
  peer: Certificate;
  untrusted: Certificate[];
  anchors: Certificate[];
  now: number;
}
const loaded = new Map<string, Loaded>();

beforeAll(async () => {
  for (const def of ANCHOR_SITUATIONS) {
    const now = Date.now();
    const sit = { id: def.id, code: def.code, depth: def.depth, ...(await def.build(now)) };
    const [peer, ...untrusted] = await Promise.all(sit.served.map(parse));
    loaded.set(def.id, { sit, peer, untrusted, anchors: await Promise.all(sit.trusted.map(parse)), now });
  }
}, 120_000);

async function verdict(id: string, policy: ValidationPolicy, checks?: 'cabf' | 'rfc5280') {
  const l = loaded.get(id)!;
  const r = await validate({ peer: l.peer, untrusted: l.untrusted, anchors: l.anchors, peerName: l.sit.host, at: l.now, policy, profile: checks, subtle });
  return { ok: r.ok, code: r.code, depth: r.depth, kind: r.error?.kind ?? null, path: r.path.map((e) => e.subject) };
}

describe('the validation profiles', () => {
  const ee = 'CN=localhost';
  const ica = 'CN=Certlab Anchor Test ICA';
  const root = 'CN=Certlab Anchor Test Root';

  it('take a trusted intermediate as the anchor in webpki and rfc5280, not in openssl (x509-limbo rfc5280::root-and-intermediate-swapped)', async () => {
    const got: Record<string, unknown> = {};
    for (const name of VALIDATION_PROFILE_NAMES) {
      const p = validationProfile(name);
      got[name] = await verdict('anchor-intermediate-root-sent', p.policy, p.checks);
    }
    expect(got).toEqual({
      openssl: { ok: false, code: 2, depth: 1, kind: 'AnchorNotSelfSigned', path: [ee, ica] },
      webpki: { ok: true, code: 0, depth: null, kind: null, path: [ee, ica] },
      rfc5280: { ok: true, code: 0, depth: null, kind: null, path: [ee, ica] },
    });
  });

  it('do not trust a trusted leaf by itself: its issuer is still looked for', async () => {
    const got: Record<string, unknown> = {};
    for (const name of VALIDATION_PROFILE_NAMES) {
      const p = validationProfile(name);
      got[name] = await verdict('anchor-leaf', p.policy, p.checks);
    }
    const noIssuer = { ok: false, code: 20, depth: 1, kind: 'IssuerNotFound', path: [ee, ica] };
    expect(got).toEqual({ openssl: noIssuer, webpki: noIssuer, rfc5280: noIssuer });
  });

  it('openssl stops at the first issuer sent; webpki and rfc5280 try the second one', async () => {
    const got: Record<string, unknown> = {};
    for (const name of VALIDATION_PROFILE_NAMES) {
      const p = validationProfile(name);
      got[name] = { deadEnd: await verdict('first-issuer-dead-end', p.policy, p.checks), good: (await verdict('first-issuer-good', p.policy, p.checks)).ok };
    }
    const found = { ok: true, code: 0, depth: null, kind: null, path: [ee, ica, root] };
    expect(got).toEqual({
      openssl: { deadEnd: { ok: false, code: 20, depth: 1, kind: 'IssuerNotFound', path: [ee, ica] }, good: true },
      webpki: { deadEnd: found, good: true },
      rfc5280: { deadEnd: found, good: true },
    });
  });
});

describe('`openssl verify` with and without -partial_chain', () => {
  it.for(ANCHOR_SITUATIONS.map((d) => d.id))('%s: the openssl profile, partialChain off and on, says what it says', async (id) => {
    const l = loaded.get(id)!;
    const dir = mkdtempSync(join(tmpdir(), 'certlab-anchors-'));
    try {
      const file = (name: string, certs: Issued[]) => {
        writeFileSync(join(dir, name), certs.map((c) => c.pem).join(''));
        return join(dir, name);
      };
      const [leaf, ...rest] = l.sit.served;
      const files = { cafile: file('ca.pem', l.sit.trusted), untrusted: file('untrusted.pem', rest), host: l.sit.host, attime: Math.floor(l.now / 1000) };
      const peer = file('peer.pem', [leaf]);
      const real = (partialChain: boolean) => {
        const r = opensslVerify(peer, { ...files, partialChain });
        return r.ok ? { code: 0, depth: null } : { code: r.first?.code, depth: r.first?.depth };
      };
      const ours = async (partialChain: boolean) => {
        const v = await verdict(id, { ...CLIENTS.openssl.policy, partialChain });
        return { code: v.code, depth: v.depth };
      };
      expect({ plain: await ours(false), partial: await ours(true) }).toEqual({ plain: real(false), partial: real(true) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the knobs agree with the real clients', () => {
  /** Exit status and output of every runnable program in every situation. */
  const runs = new Map<string, { passed: boolean; output: string }>();
  const key = (sit: string, client: AnyClient) => `${sit} ${client}`;
  const programs = [...new Set([...Object.values(RUNNER), ...ALSO])];
  const skipped = programs.map((c) => [c, missingReason(c)] as const).filter(([, why]) => why);
  for (const [c, why] of skipped) console.log(`anchors: ${c} skipped: ${why}`);

  beforeAll(async () => {
    for (const [id, l] of loaded) {
      const srv = await startServer(l.sit);
      try {
        for (const c of programs) {
          if (missingReason(c)) continue;
          const run = runClient(c, srv, l.sit.host);
          // s_client connects either way; its verdict is the verify return code
          const passed = c === 'openssl' ? run.output.includes('Verify return code: 0 (ok)') : run.exit === 0;
          const said =
            c === 'openssl'
              ? (/Verify return code: .*/.exec(run.output)?.[0] ?? '')
              : run.output
                  .trim()
                  .split('\n')
                  .filter((x) => x.trim())
                  .slice(c.startsWith('python') ? -1 : 0)[0];
          runs.set(key(id, c), { passed, output: said ?? '' });
        }
      } finally {
        srv.stop();
      }
    }
    console.log([...runs].map(([k, r]) => `${k}: ${r.passed ? 'connects' : 'refuses'}${r.output && r.output !== 'OK' ? ` — ${r.output}` : ''}`).join('\n'));
  }, 900_000);

  it.for(Object.entries(RUNNER) as [ClientId, AnyClient][])('%s', ([id, program], ctx) => {
    const why = missingReason(program);
    if (why) ctx.skip(`${program} is absent here: ${why}`);
    const p = CLIENTS[id].policy;
    const passes = (sit: string) => runs.get(key(sit, program))!.passed;
    expect({
      intermediateAnchor: passes('anchor-intermediate-root-sent'),
      trustedLeaf: passes('anchor-leaf'),
      firstIssuerDeadEnd: passes('first-issuer-dead-end'),
      firstIssuerGood: passes('first-issuer-good'),
    }).toEqual({
      intermediateAnchor: p.partialChain,
      trustedLeaf: p.partialChain && p.trustedPeer !== false,
      firstIssuerDeadEnd: !p.opensslChain,
      firstIssuerGood: true,
    });
  });

  it.for(ALSO)('%s (OpenSSL 3.0 defaults: no partial chains, OpenSSL chain building)', (program, ctx) => {
    const why = missingReason(program);
    if (why) ctx.skip(`${program} is absent here: ${why}`);
    const p = CLIENTS.openssl.policy;
    const passes = (sit: string) => runs.get(key(sit, program))!.passed;
    expect([passes('anchor-intermediate-root-sent'), passes('anchor-leaf'), passes('first-issuer-dead-end'), passes('first-issuer-good')]).toEqual([
      p.partialChain,
      p.partialChain,
      !p.opensslChain,
      true,
    ]);
  });
});

afterAll(() => loaded.clear());
