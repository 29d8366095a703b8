/**
 * RFC 5280 4.2.1.10 name constraints over GeneralName values: DNS (suffix on label
 * boundaries; a leading dot means subdomains only), IP (address + mask), email (mailbox,
 * host, or `.domain`), URI (host), and directory names (RDN prefix). A name is checked
 * only against constraints of its own type; a type we cannot compare is refused when a
 * constraint of that type exists (OpenSSL: unsupported name constraint type).
 */
import type { Certificate, DistinguishedName, GeneralName, NameConstraints } from '../model.ts';
import { ipBytes, ipInSubnet, parseMask } from '../net/ip.ts';

export type ConstraintViolation =
  | { kind: 'PermittedSubtreeViolation'; name: string; permitted: string[] }
  | { kind: 'ExcludedSubtreeViolation'; name: string; excluded: string }
  | { kind: 'UnsupportedConstraintType'; name: string }
  | { kind: 'InvalidIpConstraint'; constraint: string }
  | { kind: 'UnsupportedNameSyntax'; name: string };

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

function dnsWithin(name: string, base: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  const b = base.toLowerCase();
  if (b === '') return true;
  if (b.startsWith('.')) return n.endsWith(b) && n.length > b.length;
  return n === b || n.endsWith('.' + b);
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

function dirNameWithin(name: DistinguishedName, base: DistinguishedName): boolean {
  if (base.rdns.length > name.rdns.length) return false;
  return base.rdns.every((rdn, i) => rdnKey(rdn) === rdnKey(name.rdns[i]));
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

type Within = (name: GeneralName, c: GeneralName) => boolean | 'bad-ip-constraint';

const within: Within = (name, c) => {
  switch (name.type) {
    case 'dns':
      // A malformed DNS constraint matches nothing (OpenSSL: permitted subtree violation).
      return c.type === 'dns' && validDnsConstraint(c.value) && dnsWithin(name.value, c.value);
    case 'email':
      return c.type === 'email' && emailWithin(name.value, c.value);
    case 'uri': {
      if (c.type !== 'uri') return false;
      const host = uriHost(name.value);
      return !!host && uriWithin(host, c.value);
    }
    case 'ip': {
      if (c.type !== 'ip') return false;
      const ic = ipConstraint(c);
      if (!ic) return 'bad-ip-constraint';
      const addr = ipBytes(name.value);
      return !!addr && ipInSubnet(addr, ic.base, ic.mask);
    }
    case 'dirName':
      return c.type === 'dirName' && dirNameWithin(name.value, c.value);
    default:
      return false;
  }
};

const COMPARABLE = new Set(['dns', 'email', 'uri', 'ip', 'dirName']);

/**
 * Checks one name against one certificate's constraints, permitted subtrees first, then
 * excluded (OpenSSL nc_match order). `pedantic` also refuses names that are not valid
 * syntax (RFC 5280 / rustls-webpki; OpenSSL compares them as they are).
 */
export function checkName(name: GeneralName, nc: NameConstraints, pedantic = false): ConstraintViolation | undefined {
  const label = generalNameLabel(name);
  const sameType = (c: GeneralName) => c.type === name.type;
  const permitted = nc.permitted.filter(sameType);
  const excluded = nc.excluded.filter(sameType);
  if (permitted.length === 0 && excluded.length === 0) return undefined;
  if (!COMPARABLE.has(name.type)) return { kind: 'UnsupportedConstraintType', name: label };
  if (name.type === 'ip' && !ipBytes(name.value)) return { kind: 'UnsupportedNameSyntax', name: label };
  if (pedantic && name.type === 'dns' && !validDnsName(name.value, true)) return { kind: 'UnsupportedNameSyntax', name: label };
  if (pedantic && name.type === 'uri' && !uriHost(name.value)) return { kind: 'UnsupportedNameSyntax', name: label };
  if (permitted.length > 0) {
    let ok = false;
    for (const c of permitted) {
      const r = within(name, c);
      if (r === 'bad-ip-constraint') return { kind: 'InvalidIpConstraint', constraint: generalNameLabel(c) };
      if (r) ok = true;
    }
    if (!ok) return { kind: 'PermittedSubtreeViolation', name: label, permitted: permitted.map(generalNameLabel) };
  }
  for (const c of excluded) {
    const r = within(name, c);
    if (r === 'bad-ip-constraint') return { kind: 'InvalidIpConstraint', constraint: generalNameLabel(c) };
    if (r) return { kind: 'ExcludedSubtreeViolation', name: label, excluded: generalNameLabel(c) };
  }
  return undefined;
}

/**
 * The names of `cert` that constraints apply to, in the order OpenSSL checks them: the
 * subject (as a directory name, when not empty), emailAddress attributes of the subject,
 * the subjectAltNames, and for the peer without DNS subjectAltNames its CN when it looks
 * like a host name.
 */
export function constrainedNames(cert: Certificate, isPeer: boolean): GeneralName[] {
  const out: GeneralName[] = [];
  if (cert.subject.rdns.length > 0) out.push({ type: 'dirName', value: cert.subject });
  for (const a of cert.subject.rdns.flat()) {
    if (a.oid === '1.2.840.113549.1.9.1') out.push({ type: 'email', value: a.value });
  }
  const sans = cert.subjectAltNames ?? [];
  out.push(...sans);
  if (isPeer && !sans.some((g) => g.type === 'dns')) {
    for (const a of cert.subject.rdns.flat()) {
      if (a.type === 'CN' && validDnsName(a.value, true) && a.value.includes('.')) out.push({ type: 'dns', value: a.value });
    }
  }
  return out;
}

export function checkNameConstraints(cert: Certificate, isPeer: boolean, nc: NameConstraints, pedantic = false): ConstraintViolation | undefined {
  for (const name of constrainedNames(cert, isPeer)) {
    const v = checkName(name, nc, pedantic);
    if (v) return v;
  }
  return undefined;
}
