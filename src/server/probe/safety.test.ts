/**
 * Issue 6 safety: forbidden targets are refused before any connection, the name is resolved
 * once and the checked address is the dialled address (DNS rebinding), and hostile servers end
 * in a typed error within the limits, leaving the process healthy.
 *
 * Chain for the real server: root -> ica1 -> ica2 (pathlen:0) -> leaf.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORBIDDEN_TARGETS } from '../../../test/probe/forbidden-targets.ts';
import { type TestPki, makeTestPki } from '../../../test/probe/pki.ts';
import { type Misbehaviour, type Running, startHostile, startNodeTls } from '../../../test/probe/servers.ts';
import { probe } from './engine.ts';
import type { Resolver } from './resolver.ts';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki?.cleanup());

function countingResolver(answers: string[][]): { resolver: Resolver; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    resolver: async (host) => {
      calls.push(host);
      return answers[Math.min(calls.length - 1, answers.length - 1)]!;
    },
  };
}

describe('forbidden targets are refused before any connection', () => {
  let listener: Running;
  beforeAll(async () => {
    listener = await startHostile('silent');
  });
  afterAll(() => listener.close());

  it.each(FORBIDDEN_TARGETS)('$input', async (c) => {
    const { resolver, calls } = countingResolver([['127.0.0.1']]);
    const keepsOwnPort = c.kind === 'ForbiddenPort' || c.kind === 'InvalidPort';
    const policy = { allowPrivate: false, ports: keepsOwnPort ? [443] : [listener.port] };
    const outcome = await probe({ host: c.input, ...(keepsOwnPort ? {} : { port: listener.port }) }, { policy, resolver });
    expect(outcome.ok ? 'connected' : [outcome.error.kind, outcome.error.kind === 'Refused' && outcome.error.refusal.kind]).toEqual(['Refused', c.kind]);
    expect(calls).toEqual([]);
    expect(listener.connections()).toBe(0);
  });

  it('a name whose answers are all forbidden is refused after one lookup, before connecting', async () => {
    const { resolver, calls } = countingResolver([['10.0.0.1', '127.0.0.1']]);
    const outcome = await probe({ host: 'intranet.example', port: listener.port }, { policy: { allowPrivate: false, ports: [listener.port] }, resolver });
    expect(outcome).toEqual({
      ok: false,
      error: {
        kind: 'Refused',
        refusal: {
          kind: 'ForbiddenAddress',
          host: 'intranet.example',
          address: '10.0.0.1',
          range: { id: 'private', cidr: '10.0.0.0/8', label: 'a private network address (RFC 1918)' },
        },
      },
    });
    expect(calls).toEqual(['intranet.example']);
    expect(listener.connections()).toBe(0);
  });
});

describe('DNS rebinding: one lookup, and the connection goes to its answer', () => {
  it('connects to the first answer even though a second lookup would answer differently', async () => {
    const real = await startNodeTls({ chain: [pki.leaf, pki.ica2], key: pki.leaf, host: '127.0.0.1' });
    const decoy = await startHostile('silent', '127.0.0.2').catch(() => undefined);
    try {
      const { resolver, calls } = countingResolver([['127.0.0.1'], ['127.0.0.2']]);
      const outcome = await probe({ host: `rebind.test:${real.port}`, servername: 'probe.test' }, { policy: { allowPrivate: true, ports: 'any' }, resolver });
      expect(calls).toEqual(['rebind.test']);
      expect(outcome.ok && [outcome.report.ip, outcome.report.target, outcome.report.presented.length]).toEqual([
        '127.0.0.1',
        { host: 'rebind.test', port: real.port, servername: 'probe.test' },
        2,
      ]);
      expect(real.connections()).toBe(1);
      if (decoy) expect(decoy.connections()).toBe(0);
    } finally {
      await real.close();
      await decoy?.close();
    }
  });
});

describe('hostile servers end in a typed error within the limits', () => {
  const limits = { connectTimeoutMs: 1000, handshakeTimeoutMs: 1500 };
  const cases: [Misbehaviour, unknown][] = [
    ['silent', { kind: 'HandshakeTimeout', afterMs: 1500, bytesReceived: 0 }],
    ['drip', { kind: 'HandshakeTimeout', afterMs: 1500, bytesReceived: expect.any(Number) }],
    [
      'garbage',
      {
        kind: 'NotTls',
        firstBytesHex: '00ff2067617262616765201337206e6f',
        hint: 'this port does not answer with TLS (expected a TLS record: first byte 0x16 handshake or 0x15 alert, then version 0x03xx)',
        protocol: 'unknown',
        name: 'not TLS',
        firstLine: '.. garbage .7 not tls at all.. garbage .7 not tls at all.. garbage .7 not tls at all.. garbage .7 not tls at all',
      },
    ],
    [
      'http',
      {
        kind: 'NotTls',
        firstBytesHex: '485454502f312e312034303020426164',
        hint: 'this port speaks plain HTTP, not TLS',
        protocol: 'http',
        name: 'plain HTTP',
        firstLine: 'HTTP/1.1 400 Bad Request',
      },
    ],
    ['huge-certificate', { kind: 'UnreadableHandshake', error: { kind: 'MessageTooLong', message: 'Certificate', length: 10485760, max: 262144 } }],
    ['close-mid-handshake', { kind: 'ClosedMidHandshake', bytesReceived: 20 }],
    ['alert', { kind: 'ServerAlert', alert: { level: 'fatal', description: 40, name: 'handshake_failure' } }],
  ];

  it.each(cases)('%s', async (kind, expected) => {
    const server = await startHostile(kind);
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}` }, { policy: { allowPrivate: true, ports: 'any' }, limits });
      expect(outcome.ok ? 'connected' : outcome.error).toEqual(expected);
    } finally {
      await server.close();
    }
  });

  it('a closed port and a too-small byte limit give their own errors', async () => {
    const server = await startHostile('silent');
    const port = server.port;
    await server.close();
    expect(await probe({ host: `127.0.0.1:${port}` }, { policy: null })).toEqual({
      ok: false,
      error: { kind: 'ConnectFailed', address: '127.0.0.1', port, code: 'ECONNREFUSED' },
    });
    const huge = await startHostile('huge-certificate');
    try {
      const tiny = await probe({ host: `127.0.0.1:${huge.port}` }, { policy: null, limits: { maxBytes: 40 } });
      expect(!tiny.ok && tiny.error).toEqual({ kind: 'TooMuchData', limit: 40 });
    } finally {
      await huge.close();
    }
  });

  it('the process stays healthy: no sockets left behind, and a normal probe still works', async () => {
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    const before = sockets();
    for (const kind of ['garbage', 'alert', 'close-mid-handshake', 'huge-certificate'] as const) {
      const server = await startHostile(kind);
      await probe({ host: `127.0.0.1:${server.port}` }, { policy: null, limits });
      await server.close();
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(sockets()).toBeLessThanOrEqual(before);
    const good = await startNodeTls({ chain: [pki.leaf], key: pki.leaf });
    try {
      const outcome = await probe({ host: `127.0.0.1:${good.port}`, servername: 'probe.test' }, { policy: null });
      expect(outcome.ok && outcome.report.presented).toEqual([pki.leaf.der]);
    } finally {
      await good.close();
    }
  });
});
