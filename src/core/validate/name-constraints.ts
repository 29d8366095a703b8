/**
 * RFC 5280 4.2.1.10 name constraints over GeneralName values: DNS (suffix on label
 * boundaries; a leading dot means subdomains only), IP (address + mask), email (mailbox,
 * host, or `.domain`), URI (host), and directory names (RDN prefix). A name is checked
 * only against constraints of its own type; a type we cannot compare is refused when a
 * constraint of that type exists (OpenSSL: unsupported name constraint type).
 */
import type { Certificate, GeneralName, NameConstraints } from '../model.ts';
import { ipBytes, ipInSubnet, parseMask } from '../net/ip.ts';

export type ConstraintViolation =
  | { kind: 'PermittedSubtreeViolation'; name: string; permitted: string[] }
  | { kind: 'ExcludedSubtreeViolation'; name: string; excluded: string }
  | { kind: 'UnsupportedConstraintType'; name: string }
  | { kind: 'InvalidIpConstraint'; constraint: string }
  | { kind: 'UnsupportedNameSyntax'; name: string }
  | { kind: 'NameConstraintBudgetExhausted'; scope: 'certificate' | 'validation'; names: number; constraints: number; limit: number };

export function generalNameLabel(g: GeneralName): string {
  switch (g.type) {
    case 'dns':
      return `DNS:${g.value}`;
    case 'ip':
      return `IP:${g.value}${g.mask !== undefined ? '/' + g.mask : ''}`;
    case 'email':
      return `email:${g.value}`;
    case 'uri':
      return `URI:${g.value}`;
    case 'dirName':
      return `DirName:${g.value.oneline}`;
    case 'registeredId':
      return `RID:${g.value}`;
    case 'otherName':
      return `othername:${g.oid}`;
    case 'unknown':
      return `[${g.tag}]`;
  }
}

const DNS_LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/** A DNS name as a certificate may present it: LDH labels, optionally `*.` in front. */
export function validDnsName(name: string, allowWildcard: boolean): boolean {
  let n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (allowWildcard && n.startsWith('*.')) n = n.slice(2);
  if (n.length === 0 || n.length > 253) return false;
  return n.split('.').every((l) => DNS_LABEL.test(l));
}

/** A DNS constraint: empty (everything), `example.com` or `.example.com`. */
function validDnsConstraint(base: string): boolean {
  if (base === '') return true;
  return validDnsName(base.startsWith('.') ? base.slice(1) : base, false);
}

/** `n` and `b` already lower case, `n` without its final dot. */
function dnsWithin(n: string, b: string): boolean {
  if (b === '') return true;
  if (b.startsWith('.')) return n.endsWith(b) && n.length > b.length;
  return n === b || (n.endsWith(b) && n.charCodeAt(n.length - b.length - 1) === 46);
}

/**
 * The bases a DNS name `n` (lower case, no final dot) lies within, as dnsWithin decides: ''
 * (everything), `n` itself, every parent on a label boundary (`example.com`) and every
 * `.parent` form (`.example.com`, subdomains only). Looking these up in an index costs a few
 * operations per label, however many subtrees a CA lists.
 */
function dnsBasesOf(n: string): string[] {
  const out = ['', n];
  for (let k = n.indexOf('.'); k >= 0; k = n.indexOf('.', k + 1)) {
    if (k >= 1) out.push(n.slice(k));
    out.push(n.slice(k + 1));
  }
  return out;
}

/** First position (in list order) of a base `n` lies within, or -1. */
function firstDnsHit(bases: string[], index: Map<string, number>): number {
  let first = -1;
  for (const b of bases) {
    const i = index.get(b);
    if (i !== undefined && (first < 0 || i < first)) first = i;
  }
  return first;
}

function emailWithin(name: string, base: string): boolean {
  const at = name.lastIndexOf('@');
  if (at < 1) return false;
  const local = name.slice(0, at);
  const host = name.slice(at + 1).toLowerCase();
  if (base.includes('@')) {
    const bat = base.lastIndexOf('@');
    return local === base.slice(0, bat) && host === base.slice(bat + 1).toLowerCase();
  }
  const b = base.toLowerCase();
  if (b.startsWith('.')) return host.endsWith(b);
  return host === b;
}

function uriHost(uri: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri);
  return m && m[1] !== '' ? m[1] : undefined;
}

function uriWithin(host: string, base: string): boolean {
  const h = host.toLowerCase();
  const b = base.toLowerCase();
  if (b.startsWith('.')) return h.endsWith(b);
  return h === b;
}

function rdnKey(rdn: { oid: string; value: string }[]): string {
  return rdn
    .map((a) => `${a.oid}=${a.value.trim().replace(/\s+/g, ' ').toLowerCase()}`)
    .sort()
    .join('+');
}

function ipConstraint(c: Extract<GeneralName, { type: 'ip' }>): { base: Uint8Array; mask: Uint8Array } | undefined {
  let value = c.value;
  let mask = c.mask;
  if (mask === undefined && value.includes('/')) [value, mask] = value.split('/', 2);
  const base = ipBytes(value);
  if (!base || mask === undefined) return undefined;
  const m = parseMask(mask, base.length);
  return m ? { base, mask: m } : undefined;
}

/**
 * A constraint in the form comparisons need, computed once per NameConstraints (lower-cased
 * DNS base and its validity, parsed IP subnet, RDN keys), so one comparison is a few string
 * operations and a hostile CA's thousands of subtrees are not re-parsed for every name.
 */
interface PreparedConstraint {
  c: GeneralName;
  dns?: string;
  ip?: { base: Uint8Array; mask: Uint8Array };
  rdnKeys?: string[];
}

interface PreparedConstraints {
  permitted: Map<GeneralName['type'], PreparedConstraint[]>;
  excluded: Map<GeneralName['type'], PreparedConstraint[]>;
  /** Well-formed DNS bases, lower case, to their first position in the DNS list. */
  dnsPermitted: Map<string, number>;
  dnsExcluded: Map<string, number>;
}

function prepareOne(c: GeneralName): PreparedConstraint {
  switch (c.type) {
    case 'dns':
      // A malformed DNS constraint matches nothing (OpenSSL: permitted subtree violation).
      return validDnsConstraint(c.value) ? { c, dns: c.value.toLowerCase() } : { c };
    case 'ip':
      return { c, ip: ipConstraint(c) };
    case 'dirName':
      return { c, rdnKeys: c.value.rdns.map(rdnKey) };
    default:
      return { c };
  }
}

function dnsIndex(list: PreparedConstraint[] | undefined): Map<string, number> {
  const out = new Map<string, number>();
  (list ?? []).forEach((p, i) => {
    if (p.dns !== undefined && !out.has(p.dns)) out.set(p.dns, i);
  });
  return out;
}

function byType(list: GeneralName[]): Map<GeneralName['type'], PreparedConstraint[]> {
  const out = new Map<GeneralName['type'], PreparedConstraint[]>();
  for (const c of list) {
    const l = out.get(c.type);
    if (l) l.push(prepareOne(c));
    else out.set(c.type, [prepareOne(c)]);
  }
  return out;
}

const PREPARED = new WeakMap<NameConstraints, PreparedConstraints>();

function prepared(nc: NameConstraints): PreparedConstraints {
  let p = PREPARED.get(nc);
  if (!p) {
    const permitted = byType(nc.permitted);
    const excluded = byType(nc.excluded);
    p = { permitted, excluded, dnsPermitted: dnsIndex(permitted.get('dns')), dnsExcluded: dnsIndex(excluded.get('dns')) };
    PREPARED.set(nc, p);
  }
  return p;
}

/** A name in the form comparisons need, computed once per name. */
type PreparedName =
  | { type: 'dns'; n: string }
  | { type: 'email'; value: string }
  | { type: 'uri'; host: string | undefined }
  | { type: 'ip'; addr: Uint8Array }
  | { type: 'dirName'; rdnKeys: string[] };

function within(name: PreparedName, p: PreparedConstraint): boolean | 'bad-ip-constraint' {
  switch (name.type) {
    case 'dns':
      return p.dns !== undefined && dnsWithin(name.n, p.dns);
    case 'email':
      return p.c.type === 'email' && emailWithin(name.value, p.c.value);
    case 'uri':
      return p.c.type === 'uri' && !!name.host && uriWithin(name.host, p.c.value);
    case 'ip':
      if (!p.ip) return 'bad-ip-constraint';
      return ipInSubnet(name.addr, p.ip.base, p.ip.mask);
    case 'dirName': {
      const base = p.rdnKeys!;
      if (base.length > name.rdnKeys.length) return false;
      return base.every((k, i) => k === name.rdnKeys[i]);
    }
  }
}

/**
 * OpenSSL's bound on the work of one name-constraint check (NAME_CHECK_MAX in
 * crypto/x509/v3_ncons.c): when a certificate's names (subject attributes + subjectAltNames)
 * times a CA's subtrees (permitted + excluded) exceed 2^20, OpenSSL refuses the certificate
 * with X509_V_ERR_UNSPECIFIED (1) instead of comparing them.
 */
export const NAME_CHECK_MAX = 1 << 20;

/**
 * Name-to-constraint comparisons one validation may spend over all its paths (as
 * rustls-webpki's and Go's budgets do): OpenSSL's bound holds per certificate and CA, so a
 * path with several constrained CAs, or many candidate paths, could otherwise multiply it.
 */
export const NAME_CONSTRAINT_BUDGET = 1 << 20;

/** Comparisons spent so far by one validation, and how many it may spend. */
export interface NameConstraintBudget {
  used: number;
  limit: number;
}

const COMPARABLE = new Set(['dns', 'email', 'uri', 'ip', 'dirName']);

/**
 * Checks one name against one certificate's constraints, permitted subtrees first, then
 * excluded (OpenSSL nc_match order). `pedantic` also refuses names that are not valid
 * syntax (RFC 5280 / rustls-webpki; OpenSSL compares them as they are). With a `budget`,
 * every comparison is counted and the check stops when the budget runs out.
 */
/**
 * `*.example.com` lies outside an excluded `bar.example.com`, yet would answer for
 * bar.example.com: the strict profiles refuse a wildcard whose one-label expansion can name an
 * excluded subtree (CVE-2025-61727; x509-limbo's cve-2025-61727; OpenSSL compares the text only).
 */
function wildcardReachesExcluded(name: string, excluded: PreparedConstraint[]): PreparedConstraint | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (!n.startsWith('*.')) return undefined;
  const base = n.slice(2);
  return excluded.find((p) => {
    const e = p.dns?.replace(/^\./, '');
    if (!e?.endsWith(`.${base}`)) return false;
    const extra = e.slice(0, -base.length - 1);
    return extra.length > 0 && !extra.includes('.');
  });
}

export function checkName(name: GeneralName, nc: NameConstraints, pedantic = false, budget?: NameConstraintBudget): ConstraintViolation | undefined {
  const prep = prepared(nc);
  const permitted = prep.permitted.get(name.type) ?? [];
  const excluded = prep.excluded.get(name.type) ?? [];
  if (permitted.length === 0 && excluded.length === 0) return undefined;
  const label = generalNameLabel(name);
  if (!COMPARABLE.has(name.type)) return { kind: 'UnsupportedConstraintType', name: label };
  if (name.type === 'ip' && !ipBytes(name.value)) return { kind: 'UnsupportedNameSyntax', name: label };
  if (pedantic && name.type === 'dns' && !validDnsName(name.value, true)) return { kind: 'UnsupportedNameSyntax', name: label };
  if (pedantic && name.type === 'uri' && !uriHost(name.value)) return { kind: 'UnsupportedNameSyntax', name: label };
  // DNS names are looked up in an index (the same answer as comparing with every subtree in
  // turn, at the cost of a lookup per label); other types are compared with each subtree.
  const bases = name.type === 'dns' ? dnsBasesOf(name.value.toLowerCase().replace(/\.$/, '')) : undefined;
  if (budget) {
    budget.used += bases ? bases.length : permitted.length + excluded.length;
    if (budget.used > budget.limit) {
      return {
        kind: 'NameConstraintBudgetExhausted',
        scope: 'validation',
        names: 1,
        constraints: nc.permitted.length + nc.excluded.length,
        limit: budget.limit,
      };
    }
  }
  if (bases) {
    if (permitted.length > 0 && firstDnsHit(bases, prep.dnsPermitted) < 0) {
      return { kind: 'PermittedSubtreeViolation', name: label, permitted: permitted.map((p) => generalNameLabel(p.c)) };
    }
    const x = firstDnsHit(bases, prep.dnsExcluded);
    if (x >= 0) return { kind: 'ExcludedSubtreeViolation', name: label, excluded: generalNameLabel(excluded[x].c) };
    const w = pedantic && name.type === 'dns' ? wildcardReachesExcluded(name.value, excluded) : undefined;
    return w ? { kind: 'ExcludedSubtreeViolation', name: label, excluded: generalNameLabel(w.c) } : undefined;
  }
  const pn = prepareName(name);
  if (permitted.length > 0) {
    let ok = false;
    for (const p of permitted) {
      const r = within(pn, p);
      if (r === 'bad-ip-constraint') return { kind: 'InvalidIpConstraint', constraint: generalNameLabel(p.c) };
      if (r) ok = true;
    }
    if (!ok) return { kind: 'PermittedSubtreeViolation', name: label, permitted: permitted.map((p) => generalNameLabel(p.c)) };
  }
  for (const p of excluded) {
    const r = within(pn, p);
    if (r === 'bad-ip-constraint') return { kind: 'InvalidIpConstraint', constraint: generalNameLabel(p.c) };
    if (r) return { kind: 'ExcludedSubtreeViolation', name: label, excluded: generalNameLabel(p.c) };
  }
  return undefined;
}

function prepareName(name: GeneralName): PreparedName {
  switch (name.type) {
    case 'dns':
      return { type: 'dns', n: name.value.toLowerCase().replace(/\.$/, '') };
    case 'email':
      return { type: 'email', value: name.value };
    case 'uri':
      return { type: 'uri', host: uriHost(name.value) };
    case 'ip':
      return { type: 'ip', addr: ipBytes(name.value)! };
    case 'dirName':
      return { type: 'dirName', rdnKeys: name.value.rdns.map(rdnKey) };
    default:
      throw new Error(`no comparison for ${name.type} names`);
  }
}

/**
 * The names of `cert` that constraints apply to, in the order OpenSSL checks them: the
 * subject (as a directory name, when not empty), emailAddress attributes of the subject,
 * the subjectAltNames, and, when `cnAsDns` (OpenSSL's NAME_CONSTRAINTS_check_CN, for the peer),
 * without DNS subjectAltNames its CN when it looks like a host name. RFC 5280 4.2.1.10
 * constrains dNSName entries only and RFC 9525 drops CN-IDs: the strict profiles leave the CN alone.
 */
export function constrainedNames(cert: Certificate, cnAsDns: boolean): GeneralName[] {
  const out: GeneralName[] = [];
  if (cert.subject.rdns.length > 0) out.push({ type: 'dirName', value: cert.subject });
  for (const a of cert.subject.rdns.flat()) {
    if (a.oid === '1.2.840.113549.1.9.1') out.push({ type: 'email', value: a.value });
  }
  const sans = cert.subjectAltNames ?? [];
  out.push(...sans);
  if (cnAsDns && !sans.some((g) => g.type === 'dns')) {
    for (const a of cert.subject.rdns.flat()) {
      if (a.type === 'CN' && validDnsName(a.value, true) && a.value.includes('.')) out.push({ type: 'dns', value: a.value });
    }
  }
  return out;
}

/**
 * Checks every constrained name of `cert` against one CA's constraints. First OpenSSL's bound
 * (NAME_CHECK_MAX): too many names times subtrees is refused before any comparison, whatever
 * the types. Then each name, with the validation's comparison `budget` when given.
 */
export function checkNameConstraints(
  cert: Certificate,
  isPeer: boolean,
  nc: NameConstraints,
  pedantic = false,
  budget?: NameConstraintBudget,
): ConstraintViolation | undefined {
  const names = cert.subject.rdns.flat().length + (cert.subjectAltNames?.length ?? 0);
  const constraints = nc.permitted.length + nc.excluded.length;
  if (names > 0 && constraints > Math.floor(NAME_CHECK_MAX / names)) {
    return { kind: 'NameConstraintBudgetExhausted', scope: 'certificate', names, constraints, limit: NAME_CHECK_MAX };
  }
  for (const name of constrainedNames(cert, isPeer && !pedantic)) {
    const v = checkName(name, nc, pedantic, budget);
    if (v?.kind === 'NameConstraintBudgetExhausted') return { ...v, names };
    if (v) return v;
  }
  return undefined;
}
