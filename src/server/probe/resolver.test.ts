/**
 * Issue 18: lookups of names whose DNS never answers must not starve other clients' lookups.
 * A fake DNS server on 127.0.0.1 swallows every query under silent.test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDns, startFakeDns } from '../../../test/probe/dns-server.ts';
import { LookupRefused, dnsResolver } from './resolver.ts';

let dns: FakeDns;
beforeAll(async () => {
  dns = await startFakeDns();
});
afterAll(() => dns?.close());

describe('dnsResolver', () => {
  it('answers other clients while eight lookups hang (no thread pool to exhaust)', async () => {
    const shared = dnsResolver({ timeoutMs: 2000, maxInFlight: 64, maxPerClient: 8, servers: [dns.server] });
    const finished: string[] = [];
    const attacker = shared.forClient('198.51.100.7');
    const hanging = Array.from({ length: 8 }, (_, i) =>
      attacker(`n${i}.silent.test`).then(
        () => finished.push(`silent ${i} answered`),
        (e: NodeJS.ErrnoException) => finished.push(`silent ${i} ${e.code}`),
      ),
    );
    const victim = await shared.forClient('203.0.113.9')('www.example.test');
    finished.push('victim answered');
    expect(victim).toEqual(['127.0.0.1']);
    await Promise.all(hanging);
    expect(finished[0]).toBe('victim answered');
    expect(finished.slice(1).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `silent ${i} ETIMEOUT`));
  });

  it('gives one client at most its share of the lookups in flight; others still get theirs', async () => {
    const shared = dnsResolver({ timeoutMs: 1000, maxInFlight: 3, maxPerClient: 2, servers: [dns.server] });
    const attacker = shared.forClient('2001:db8:1:2::/64');
    const hanging = [attacker('a.silent.test').catch(() => null), attacker('b.silent.test').catch(() => null)];
    await expect(attacker('c.silent.test')).rejects.toEqual(new LookupRefused('client', 2));
    expect(shared.inFlight).toBe(2);
    expect(await shared.forClient('203.0.113.9')('ok.example.test')).toEqual(['127.0.0.1']);
    await Promise.all(hanging);
    expect(shared.inFlight).toBe(0);
  });

  it('refuses past the total in flight', async () => {
    const shared = dnsResolver({ timeoutMs: 1000, maxInFlight: 1, maxPerClient: 1, servers: [dns.server] });
    const hanging = shared
      .forClient('a')('x.silent.test')
      .catch((e: NodeJS.ErrnoException) => e.code);
    const refused = await shared
      .forClient('b')('ok.example.test')
      .catch((e: LookupRefused) => [e.code, e.scope, e.max]);
    expect(refused).toEqual(['ETOOMANYLOOKUPS', 'total', 1]);
    expect(await hanging).toBe('ETIMEOUT');
  });
});
