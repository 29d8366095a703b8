import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Certificate, DistinguishedName, GeneralName, NameConstraints } from '../model.ts';
import { checkName, checkNameConstraints, NAME_CHECK_MAX } from './name-constraints.ts';

function dn(...rdns: [string, string, string][]): DistinguishedName {
  const attrs = rdns.map(([oid, type, value]) => [{ oid, type, value }]);
  const text = rdns.map(([, t, v]) => `${t}=${v}`).join(', ');
  return { rfc4514: text, oneline: text, rdns: attrs, canonical: text.toLowerCase(), derHex: '' };
}
const C = (v: string): [string, string, string] => ['2.5.4.6', 'C', v];
const O = (v: string): [string, string, string] => ['2.5.4.10', 'O', v];
const CN = (v: string): [string, string, string] => ['2.5.4.3', 'CN', v];

const nc = (permitted: GeneralName[], excluded: GeneralName[] = []): NameConstraints => ({ permitted, excluded });

describe('DNS constraints', () => {
  const permitted = nc([{ type: 'dns', value: 'example.com' }]);
  it('permit the domain and its subdomains on label boundaries', () => {
    expect(checkName({ type: 'dns', value: 'example.com' }, permitted)).toBeUndefined();
    expect(checkName({ type: 'dns', value: 'a.b.EXAMPLE.com' }, permitted)).toBeUndefined();
    expect(checkName({ type: 'dns', value: 'notexample.com' }, permitted)).toEqual({
      kind: 'PermittedSubtreeViolation',
      name: 'DNS:notexample.com',
      permitted: ['DNS:example.com'],
    });
  });
  it('a leading dot means subdomains only', () => {
    const sub = nc([{ type: 'dns', value: '.example.com' }]);
    expect(checkName({ type: 'dns', value: 'www.example.com' }, sub)).toBeUndefined();
    expect(checkName({ type: 'dns', value: 'example.com' }, sub)?.kind).toBe('PermittedSubtreeViolation');
  });
  it('excluded wins over permitted', () => {
    const both = nc([{ type: 'dns', value: 'example.com' }], [{ type: 'dns', value: 'bad.example.com' }]);
    expect(checkName({ type: 'dns', value: 'x.bad.example.com' }, both)).toEqual({
      kind: 'ExcludedSubtreeViolation',
      name: 'DNS:x.bad.example.com',
      excluded: 'DNS:bad.example.com',
    });
  });
  it('other types are not constrained by DNS constraints', () => {
    expect(checkName({ type: 'ip', value: '192.0.2.1' }, permitted)).toBeUndefined();
  });
  it('a malformed name is refused only when pedantic; a malformed constraint matches nothing', () => {
    expect(checkName({ type: 'dns', value: 'foo bar.example.com' }, permitted, true)).toEqual({
      kind: 'UnsupportedNameSyntax',
      name: 'DNS:foo bar.example.com',
    });
    expect(checkName({ type: 'dns', value: 'foo bar.example.com' }, permitted)).toBeUndefined();
    expect(checkName({ type: 'dns', value: 'a.example.com' }, nc([{ type: 'dns', value: 'exa mple.com' }]))?.kind).toBe('PermittedSubtreeViolation');
  });
  it('permitted subtrees are checked before excluded ones (OpenSSL order)', () => {
    const both = nc([{ type: 'dns', value: 'example.com' }], [{ type: 'dns', value: 'example.org' }]);
    expect(checkName({ type: 'dns', value: 'www.example.org' }, both)?.kind).toBe('PermittedSubtreeViolation');
  });
});

describe('IP constraints', () => {
  const v4 = nc([{ type: 'ip', value: '192.0.2.0', mask: '24' }], [{ type: 'ip', value: '192.0.2.128', mask: '25' }]);
  it('match by address and mask, v4 and v6 apart', () => {
    expect(checkName({ type: 'ip', value: '192.0.2.1' }, v4)).toBeUndefined();
    expect(checkName({ type: 'ip', value: '192.0.2.200' }, v4)).toEqual({
      kind: 'ExcludedSubtreeViolation',
      name: 'IP:192.0.2.200',
      excluded: 'IP:192.0.2.128/25',
    });
    expect(checkName({ type: 'ip', value: '192.0.3.1' }, v4)?.kind).toBe('PermittedSubtreeViolation');
    expect(checkName({ type: 'ip', value: '::1' }, v4)?.kind).toBe('PermittedSubtreeViolation');
    const v6 = nc([{ type: 'ip', value: '::', mask: '120' }]);
    expect(checkName({ type: 'ip', value: '0::0:1' }, v6)).toBeUndefined();
  });
  it('an address without a mask is not a valid constraint', () => {
    expect(checkName({ type: 'ip', value: '10.0.0.1' }, nc([{ type: 'ip', value: '10.0.0.0' }]))).toEqual({
      kind: 'InvalidIpConstraint',
      constraint: 'IP:10.0.0.0',
    });
  });
});

describe('email and URI constraints', () => {
  it('mailbox, host and domain forms', () => {
    expect(checkName({ type: 'email', value: 'a@example.com' }, nc([{ type: 'email', value: 'example.com' }]))).toBeUndefined();
    expect(checkName({ type: 'email', value: 'a@sub.example.com' }, nc([{ type: 'email', value: 'example.com' }]))?.kind).toBe('PermittedSubtreeViolation');
    expect(checkName({ type: 'email', value: 'a@sub.example.com' }, nc([{ type: 'email', value: '.example.com' }]))).toBeUndefined();
    expect(checkName({ type: 'email', value: 'b@example.com' }, nc([{ type: 'email', value: 'a@example.com' }]))?.kind).toBe('PermittedSubtreeViolation');
  });
  it('URI constraints look at the host', () => {
    expect(checkName({ type: 'uri', value: 'https://example.com:8443/x' }, nc([{ type: 'uri', value: 'example.com' }]))).toBeUndefined();
    expect(checkName({ type: 'uri', value: 'https://www.example.com/' }, nc([{ type: 'uri', value: 'example.com' }]))?.kind).toBe('PermittedSubtreeViolation');
  });
});

describe('directory name constraints', () => {
  const permitted = nc([{ type: 'dirName', value: dn(C('US'), O('Test')) }]);
  it('the constraint must be an RDN prefix of the name', () => {
    expect(checkName({ type: 'dirName', value: dn(C('US'), O('test'), CN('x')) }, permitted)).toBeUndefined();
    expect(checkName({ type: 'dirName', value: dn(C('US'), O('Other'), CN('x')) }, permitted)).toEqual({
      kind: 'PermittedSubtreeViolation',
      name: 'DirName:C=US, O=Other, CN=x',
      permitted: ['DirName:C=US, O=Test'],
    });
    expect(checkName({ type: 'dirName', value: dn(C('US')) }, permitted)?.kind).toBe('PermittedSubtreeViolation');
  });
  it('a constraint type we cannot compare refuses names of that type', () => {
    expect(
      checkName({ type: 'otherName', oid: '1.3.6.1.5.5.7.8.7', valueHex: '00' }, nc([{ type: 'otherName', oid: '1.3.6.1.5.5.7.8.7', valueHex: '00' }])),
    ).toEqual({
      kind: 'UnsupportedConstraintType',
      name: 'othername:1.3.6.1.5.5.7.8.7',
    });
  });
});

describe('DNS constraints looked up in an index (the name-constraint budget, #16 item 4)', () => {
  // The reference: RFC 5280 4.2.1.10 suffix matching, one subtree at a time in list order.
  const within = (name: string, base: string) => {
    const n = name.toLowerCase().replace(/\.$/, '');
    const b = base.toLowerCase();
    if (b === '') return true;
    if (b.startsWith('.')) return n.endsWith(b) && n.length > b.length;
    return n === b || n.endsWith('.' + b);
  };
  const wellFormed = (b: string) => b === '' || /^\.?[a-z0-9]+(\.[a-z0-9]+)*$/i.test(b);
  const label = fc.constantFrom('a', 'B', 'ex', 'com', 'a1');
  const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));
  const name = fc.tuple(host, fc.boolean()).map(([h, dot]) => (dot ? h + '.' : h));
  const base = fc.oneof(
    host,
    host.map((h) => '.' + h),
    fc.constant(''),
    fc.constant('a b.com'),
  );

  it('gives the answer, and names the excluded subtree, that comparing with each subtree gives', () => {
    fc.assert(
      fc.property(name, fc.array(base, { maxLength: 5 }), fc.array(base, { maxLength: 5 }), (n, permitted, excluded) => {
        const dns = (value: string): GeneralName => ({ type: 'dns', value });
        const okBase = (b: string) => wellFormed(b) && within(n, b);
        const firstExcluded = excluded.find(okBase);
        const want =
          permitted.length > 0 && !permitted.some(okBase)
            ? { kind: 'PermittedSubtreeViolation', name: `DNS:${n}`, permitted: permitted.map((b) => `DNS:${b}`) }
            : firstExcluded !== undefined
              ? { kind: 'ExcludedSubtreeViolation', name: `DNS:${n}`, excluded: `DNS:${firstExcluded}` }
              : undefined;
        expect(checkName(dns(n), nc(permitted.map(dns), excluded.map(dns)))).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses, unchecked, names x subtrees past OpenSSL's NAME_CHECK_MAX", () => {
    const subtrees = (n: number): GeneralName[] => Array.from({ length: n }, (_, i) => ({ type: 'dns', value: `c${i}.example` }));
    const peer = (sans: number) =>
      ({
        subject: dn(CN('x.example')),
        subjectAltNames: Array.from({ length: sans }, (_, i) => ({ type: 'dns', value: `n${i}.example` })),
      }) as unknown as Certificate;
    // 1 subject attribute + 1023 SANs = 1024 names; 1024 subtrees: exactly 2^20, still compared.
    expect(checkNameConstraints(peer(1023), true, nc(subtrees(1024)))?.kind).toBe('PermittedSubtreeViolation');
    expect(checkNameConstraints(peer(1023), true, nc(subtrees(1024), subtrees(1)))).toEqual({
      kind: 'NameConstraintBudgetExhausted',
      scope: 'certificate',
      names: 1024,
      constraints: 1025,
      limit: NAME_CHECK_MAX,
    });
  });
});

describe('the CN of a peer without DNS SANs (issue #16: BetterTLS nameconstraints)', () => {
  // root -> ica (excluded DNS:localhost) -> leaf (CN=test.localhost, SAN IP:127.0.0.1 only)
  const leaf = { subject: dn(O('bettertls.com'), CN('test.localhost')), subjectAltNames: [{ type: 'ip', value: '127.0.0.1' }] } as unknown as Certificate;
  const excluded = nc([], [{ type: 'dns', value: 'localhost' }]);
  it("is constrained as a DNS name as OpenSSL's NAME_CONSTRAINTS_check_CN does (openssl profile)", () => {
    expect(checkNameConstraints(leaf, true, excluded)).toEqual({ kind: 'ExcludedSubtreeViolation', name: 'DNS:test.localhost', excluded: 'DNS:localhost' });
  });
  it('is left alone by the strict profiles (RFC 5280 4.2.1.10 constrains dNSName entries; RFC 9525 has no CN-ID)', () => {
    expect(checkNameConstraints(leaf, true, excluded, true)).toBeUndefined();
  });
});

describe('a wildcard SAN that would answer for an excluded name (issue #16, CVE-2025-61727)', () => {
  // root -> ICA (permitted example.com, excluded bar.example.com) -> EE (SAN *.example.com)
  const both = nc([{ type: 'dns', value: 'example.com' }], [{ type: 'dns', value: 'bar.example.com' }]);
  it('is refused by the strict profiles', () => {
    expect(checkName({ type: 'dns', value: '*.example.com' }, both, true)).toEqual({
      kind: 'ExcludedSubtreeViolation',
      name: 'DNS:*.example.com',
      excluded: 'DNS:bar.example.com',
    });
  });
  it('passes as OpenSSL compares it (the text *.example.com is not under bar.example.com); deeper exclusions are out of its reach', () => {
    expect(checkName({ type: 'dns', value: '*.example.com' }, both)).toBeUndefined();
    expect(checkName({ type: 'dns', value: '*.example.com' }, nc([], [{ type: 'dns', value: 'a.bar.example.com' }]), true)).toBeUndefined();
  });
});
