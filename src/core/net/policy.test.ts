import { describe, expect, it } from 'vitest';
import { FORBIDDEN_TARGETS } from '../../../test/probe/forbidden-targets.ts';
import { DEFAULT_PROBE_PORTS, admitAddress, admitTarget, describeRefusal } from './policy.ts';

const PUBLIC = { allowPrivate: false, ports: DEFAULT_PROBE_PORTS };

describe('admitTarget refuses every forbidden spelling (issue 6)', () => {
  it('has at least 50 cases', () => {
    expect(FORBIDDEN_TARGETS.length).toBeGreaterThanOrEqual(50);
  });
  it.each(FORBIDDEN_TARGETS)('refuses $input as $kind $range $embedding', (c) => {
    const result = admitTarget(c.input, PUBLIC);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const r = result.refusal;
    const seen: Record<string, unknown> = { kind: r.kind };
    if (r.kind === 'ForbiddenAddress') {
      seen.range = r.range.id;
      if (r.via) seen.embedding = r.via.embedding;
    }
    expect(seen).toEqual({ kind: c.kind, ...(c.range ? { range: c.range } : {}), ...(c.embedding ? { embedding: c.embedding } : {}) });
    expect(describeRefusal(r).length).toBeGreaterThan(20);
  });
});

describe('admitTarget accepts public targets in their canonical form', () => {
  it.each([
    ['example.com', { host: 'example.com', kind: 'name', port: 443, portGiven: false }],
    ['EXAMPLE.com.', { host: 'example.com', kind: 'name', port: 443, portGiven: false }],
    ['https://www.example.com:8443/x?y', { host: 'www.example.com', kind: 'name', port: 8443, portGiven: true }],
    ['imaps://mail.example.com', { host: 'mail.example.com', kind: 'name', port: 993, portGiven: true }],
    ['bücher.example', { host: 'xn--bcher-kva.example', kind: 'name', port: 443, portGiven: false }],
    ['_acme.example.com:443', { host: '_acme.example.com', kind: 'name', port: 443, portGiven: true }],
  ])('%s', (input, expected) => {
    expect(admitTarget(input, PUBLIC)).toEqual({ ok: true, target: expected });
  });

  it('normalises a public IPv4 literal and keeps its bytes', () => {
    expect(admitTarget('0x08.0x08.0x08.0x08', PUBLIC)).toEqual({
      ok: true,
      target: { host: '8.8.8.8', kind: 'ipv4', ip: { family: 4, bytes: new Uint8Array([8, 8, 8, 8]), text: '8.8.8.8' }, port: 443, portGiven: false },
    });
  });

  it('accepts global IPv6 and an IPv4-mapped public address', () => {
    const v6 = admitTarget('[2606:4700:4700::1111]:853', PUBLIC);
    expect(v6.ok && v6.target.host).toBe('2606:4700:4700::1111');
    const mapped = admitTarget('[::ffff:8.8.8.8]', PUBLIC);
    expect(mapped.ok && mapped.target.host).toBe('::ffff:808:808');
  });

  it('lets a port override replace the port in the text, and checks it', () => {
    expect(admitTarget('example.com:8443', PUBLIC, 993)).toEqual({ ok: true, target: { host: 'example.com', kind: 'name', port: 993, portGiven: true } });
    expect(admitTarget('example.com', PUBLIC, 25)).toEqual({ ok: false, refusal: { kind: 'ForbiddenPort', port: 25, allowed: DEFAULT_PROBE_PORTS } });
  });

  it('allows loopback and any port only when the policy opts in', () => {
    const local = admitTarget('127.0.0.1:5555', { allowPrivate: true, ports: 'any' });
    expect(local.ok && local.target.host).toBe('127.0.0.1');
    expect(admitTarget('localhost:5555', { allowPrivate: true, ports: 'any' }).ok).toBe(true);
  });
});

describe('admitAddress judges what the resolver answered', () => {
  it('refuses a name that resolves to the metadata service, naming both', () => {
    const r = admitAddress('evil.example', '169.254.169.254', PUBLIC);
    expect(r).toEqual({
      kind: 'ForbiddenAddress',
      host: 'evil.example',
      address: '169.254.169.254',
      range: { id: 'cloud-metadata', cidr: '169.254.169.254/32', label: 'the cloud metadata service address (link-local)' },
    });
    expect(describeRefusal(r!)).toBe(
      '"evil.example" resolves to 169.254.169.254, which is the cloud metadata service address (link-local) [169.254.169.254/32]. The public probe only connects to public addresses; run “certlab probe” locally for internal hosts.',
    );
  });
  it('accepts a public answer and refuses text that is not an address', () => {
    expect(admitAddress('example.com', '93.184.216.34', PUBLIC)).toBeUndefined();
    expect(admitAddress('example.com', '2606:2800:220:1:248:1893:25c8:1946', PUBLIC)).toBeUndefined();
    expect(admitAddress('example.com', 'not-an-ip', PUBLIC)).toEqual({ kind: 'UnparsableAddress', host: 'example.com', address: 'not-an-ip' });
  });
  it('describes an embedded address', () => {
    const r = admitAddress('x.example', '::ffff:10.0.0.1', PUBLIC)!;
    expect(describeRefusal(r)).toBe(
      '"x.example" resolves to ::ffff:a00:1, which (an IPv4-mapped IPv6 address of 10.0.0.1) is a private network address (RFC 1918) [10.0.0.0/8]. The public probe only connects to public addresses; run “certlab probe” locally for internal hosts.',
    );
  });
});
