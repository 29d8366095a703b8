/**
 * x509-limbo's `pathological::nc-dos-*` chains (C2SP/x509-limbo limbo/testcases/pathological.py,
 * after OpenSSL's many-names / many-constraints tests of openssl/openssl#4393), rebuilt with the
 * test-chain factory at 1024 names instead of 2048 (the same verdicts, half the build time):
 *
 *   root [permitted: DNS t0..t1023.test + test; excluded: DNS x0..x1023.test] -> ee [many names]
 *
 *   nc-dos-1: ee has 1024 DNS SANs, and 1024 emailAddress attributes + CN=t0.test in its subject
 *   nc-dos-2: ee has 1024 DNS SANs (critical) and an empty subject
 *   nc-dos-3: ee has no SAN, only the 1024 emailAddress attributes + CN=t0.test
 *
 * Naive checking compares every name with every subtree: ~2 million comparisons per
 * validation, again for each client. OpenSSL refuses them all unchecked (names x subtrees >
 * NAME_CHECK_MAX = 2^20: error 1 at depth 0). `nc-under` stays just under OpenSSL's bound
 * (1024 SANs + CN = 1025 names, 512 + 511 subtrees), the most work a chain OpenSSL accepts can ask.
 */
import { CA_EXT, ChainFactory, leafExt } from './factory.ts';

export const NC_DOS_NAMES = 1024;
export const NC_DOS_HOST = 't0.test';
const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

function constraints(permitted: number, excluded: number): string {
  const p = range(permitted, (i) => `permitted;DNS:t${i}.test`);
  const x = range(excluded, (i) => `excluded;DNS:x${i}.test`);
  return `nameConstraints=critical,${[...p, 'permitted;DNS:test', ...x].join(',')}`;
}

const LEAF_NO_SAN = leafExt();
const emails = range(NC_DOS_NAMES, (i) => `/emailAddress=t${i}@test`).join('');
const sans = range(NC_DOS_NAMES, (i) => `t${i}.test`);

/** Issues every chain into `f`: roots `root` (1025 + 1024 subtrees) and `root-under` (512 + 511); leaves below. */
export function issueNcDosChains(f: ChainFactory): void {
  f.issue({ name: 'root', subject: '/CN=NC DoS Root', ext: [...CA_EXT, constraints(NC_DOS_NAMES, NC_DOS_NAMES)] });
  f.issue({ name: 'nc-dos-1', subject: `${emails}/CN=${NC_DOS_HOST}`, issuer: 'root', ext: leafExt(...sans) });
  f.issue({
    name: 'nc-dos-2',
    subject: '/',
    issuer: 'root',
    ext: leafExt(...sans).map((e) => (e.startsWith('subjectAltName=') ? e.replace('subjectAltName=', 'subjectAltName=critical,') : e)),
  });
  f.issue({ name: 'nc-dos-3', subject: `${emails}/CN=${NC_DOS_HOST}`, issuer: 'root', ext: LEAF_NO_SAN });
  f.issue({ name: 'root-under', subject: '/CN=NC Root Under The Bound', ext: [...CA_EXT, constraints(NC_DOS_NAMES / 2 - 1, NC_DOS_NAMES / 2 - 1)] });
  f.issue({ name: 'nc-under', subject: `/CN=${NC_DOS_HOST}`, issuer: 'root-under', ext: leafExt(...sans) });
}
