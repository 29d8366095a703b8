/**
 * Issue 18, beyond one instance: two probe handlers sharing one Redis (Debian's redis-server,
 * started here on 127.0.0.1 with a free port) give a client the rate limit and the per-client
 * slots once, not twice; a Redis that does not answer refuses probes with 503 (fail closed).
 * Skipped, with the reason printed, when redis-server is absent.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startHostile } from '../../test/probe/servers.ts';
import { ProbeConfigError, probeConfigFromEnv } from './probe/config.ts';
import type { LimitStore } from './probe/limit-store.ts';
import { redisLimitStore } from './probe/redis-limit-store.ts';
import { createProbeHandler, slotTtlMs } from './probe-handler.ts';

const absent = (() => {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return r.error ? `redis-server is absent here (${r.error.message}); apt-get install redis-server` : undefined;
})();

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let redis: ChildProcess | undefined;
let redisUrl = '';
let silent: Running;
const stores: LimitStore[] = [];

beforeAll(async () => {
  silent = await startHostile('silent');
  if (absent) return;
  const port = await freePort();
  redisUrl = `redis://127.0.0.1:${port}`;
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  redis = child;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready: ${out}`)));
  });
}, 20_000);

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  redis?.kill();
  await silent?.close();
});

const BASE_ENV = { CERTLAB_PROBE_ALLOW_PRIVATE: '1', CERTLAB_PROBE_PORTS: '*', CERTLAB_PROBE_HANDSHAKE_TIMEOUT_MS: '1000' };
let prefixes = 0;

/** Two instances (each its own Redis connection) sharing one Redis, keys apart from other tests'. */
function instances(env: Record<string, string>, url = redisUrl, log: (line: string) => void = () => {}) {
  const config = probeConfigFromEnv({ ...BASE_ENV, ...env, CERTLAB_REDIS_URL: url });
  const prefix = `test${++prefixes}:`;
  return [1, 2].map(() => {
    const limits = redisLimitStore({
      url: config.redisUrl!,
      rateLimit: config.rateLimit,
      rateWindowMs: config.rateWindowMs,
      maxConcurrent: config.maxConcurrent,
      maxPerClient: config.maxPerClient,
      slotTtlMs: slotTtlMs(config),
      prefix,
      log,
    });
    stores.push(limits);
    return createProbeHandler({ config, limits });
  });
}

const request = (target: object) =>
  new Request('http://certlab.test/api/probe', { method: 'POST', body: JSON.stringify(target), headers: { 'content-type': 'application/json' } });
const A = { clientAddress: '198.51.100.7' };
const B = { clientAddress: '203.0.113.9' };

describe('CERTLAB_REDIS_URL', () => {
  it('is read as a redis:// or rediss:// URL; anything else is refused without echoing it (it may hold a password)', () => {
    expect(probeConfigFromEnv({}).redisUrl).toBe(undefined);
    expect(probeConfigFromEnv({ CERTLAB_REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(probeConfigFromEnv({ CERTLAB_REDIS_URL: 'rediss://u:secret@cache.internal:6380/2' }).redisUrl).toBe('rediss://u:secret@cache.internal:6380/2');
    for (const bad of ['http://u:secret@cache:6379', 'cache:6379', 'redis://']) {
      expect(() => probeConfigFromEnv({ CERTLAB_REDIS_URL: bad })).toThrow(
        new ProbeConfigError('CERTLAB_REDIS_URL is not valid: expected a URL such as redis://127.0.0.1:6379 or rediss://user:password@host:6380.'),
      );
    }
  });
});

describe('two instances sharing Redis', () => {
  it('a client gets the rate limit once across both: 3 pass, the 4th is 429; another client is still served', async (ctx) => {
    if (absent) ctx.skip(absent);
    // Loopback is refused (no CERTLAB_PROBE_ALLOW_PRIVATE): a 403 after the rate was counted, with no network.
    const [one, two] = instances({ CERTLAB_PROBE_ALLOW_PRIVATE: '0', CERTLAB_PROBE_RATE_LIMIT: '3' });
    const target = { host: '127.0.0.1', port: 443 };
    const statuses = [];
    for (const handler of [one!, two!, one!]) statuses.push((await handler(request(target), A)).status);
    const fourth = await two!(request(target), A);
    const body = await fourth.json();
    expect([...statuses, fourth.status]).toEqual([403, 403, 403, 429]);
    const wait = fourth.headers.get('retry-after');
    expect(body).toEqual({
      error: { kind: 'RateLimited', message: `Too many probes from your address; at most 3 every 60 s. Try again in ${wait} s.` },
    });
    expect((await one!(request(target), B)).status).toBe(403);
  });

  it("a client's slots are shared: with one probe running on each instance, a third is refused on either; another client still probes", async (ctx) => {
    if (absent) ctx.skip(absent);
    const [one, two] = instances({ CERTLAB_PROBE_MAX_PER_CLIENT: '2', CERTLAB_PROBE_RATE_LIMIT: '100' });
    const toSilent = { host: '127.0.0.1', port: silent.port };
    const before = silent.connections();
    const running = [one!(request(toSilent), A), two!(request(toSilent), A)];
    // Both probes hold their slots once they have connected.
    for (let i = 0; i < 500 && silent.connections() < before + 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(silent.connections()).toBe(before + 2);
    const third = await one!(request(toSilent), A);
    expect([third.status, third.headers.get('retry-after'), await third.json()]).toEqual([
      429,
      '5',
      { error: { kind: 'TooManyAtOnce', message: 'You already have 2 probes running; wait for them to finish, then try again.' } },
    ]);
    expect((await two!(request(toSilent), A)).status).toBe(429);
    const other = two!(request(toSilent), B);
    const done = await Promise.all([...running, other]);
    expect(await Promise.all(done.map(async (r) => [r.status, (await r.json()).handshake.error.kind]))).toEqual([
      [200, 'HandshakeTimeout'],
      [200, 'HandshakeTimeout'],
      [200, 'HandshakeTimeout'],
    ]);
    // The slots were given back: A probes again.
    const again = await two!(request(toSilent), A);
    expect([again.status, (await again.json()).handshake.error.kind]).toEqual([200, 'HandshakeTimeout']);
  });

  it('the total of probes at once stays per instance (CERTLAB_PROBE_MAX_CONCURRENT protects each process)', async (ctx) => {
    if (absent) ctx.skip(absent);
    const [one, two] = instances({ CERTLAB_PROBE_MAX_CONCURRENT: '1', CERTLAB_PROBE_RATE_LIMIT: '100' });
    const toSilent = { host: '127.0.0.1', port: silent.port };
    const before = silent.connections();
    const running = one!(request(toSilent), A);
    for (let i = 0; i < 500 && silent.connections() < before + 1; i++) await new Promise((r) => setTimeout(r, 10));
    const busy = await one!(request(toSilent), B);
    expect([busy.status, await busy.json()]).toEqual([503, { error: { kind: 'Busy', message: '1 probes are already running; try again in a few seconds.' } }]);
    const elsewhere = await two!(request(toSilent), B);
    expect([elsewhere.status, (await elsewhere.json()).handshake.error.kind]).toEqual([200, 'HandshakeTimeout']);
    expect((await running).status).toBe(200);
  });

  it("a crashed instance's slots expire after their TTL instead of holding the client for ever", async (ctx) => {
    if (absent) ctx.skip(absent);
    const options = { url: redisUrl, rateLimit: 100, rateWindowMs: 60_000, maxConcurrent: 8, maxPerClient: 1, slotTtlMs: 1000, prefix: 'crash:' };
    const crashed = redisLimitStore(options);
    const survivor = redisLimitStore(options);
    stores.push(survivor);
    const held = await crashed.acquire('198.51.100.7');
    expect(held.ok).toBe(true);
    await crashed.close(); // never released: the instance is gone
    expect(await survivor.acquire('198.51.100.7')).toEqual({ ok: false, scope: 'client', max: 1 });
    let after = await survivor.acquire('198.51.100.7');
    for (let i = 0; i < 50 && !after.ok; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await survivor.acquire('198.51.100.7');
    }
    expect(after.ok).toBe(true);
    if (after.ok) after.release();
  });

  it('a Redis that stops answering refuses probes with 503 after the command timeout; probes run again once it answers', async (ctx) => {
    if (absent) ctx.skip(absent);
    const lines: string[] = [];
    const [one] = instances({ CERTLAB_PROBE_ALLOW_PRIVATE: '0' }, redisUrl, (line) => lines.push(line));
    const target = { host: '127.0.0.1', port: 443 };
    expect((await one!(request(target), A)).status).toBe(403);
    redis!.kill('SIGSTOP');
    let stalled: Response;
    try {
      stalled = await one!(request(target), A);
    } finally {
      redis!.kill('SIGCONT');
    }
    expect([stalled.status, (await stalled.json()).error.kind]).toEqual([503, 'LimiterUnavailable']);
    expect(lines).toEqual(['certlab probe: Redis limit store: a slot: no answer within 1000 ms']);
    expect((await one!(request(target), A)).status).toBe(403);
  });

  it('an unreachable Redis refuses probes with 503 LimiterUnavailable and a log line (fail closed)', async (ctx) => {
    if (absent) ctx.skip(absent);
    const lines: string[] = [];
    const [one] = instances({}, `redis://127.0.0.1:${await freePort()}`, (line) => lines.push(line));
    const res = await one!(request({ host: '127.0.0.1', port: silent.port }), A);
    expect([res.status, res.headers.get('retry-after'), await res.json()]).toEqual([
      503,
      '5',
      {
        error: {
          kind: 'LimiterUnavailable',
          message: 'The probe cannot check its rate limits right now, so it does not run; try again in a few seconds.',
        },
      },
    ]);
    // One line from each instance's connection (more within 10 s are counted, not printed).
    expect(lines).toEqual([
      expect.stringMatching(/^certlab probe: Redis limit store: connection: .*ECONNREFUSED/),
      expect.stringMatching(/^certlab probe: Redis limit store: connection: .*ECONNREFUSED/),
    ]);
  });
});
