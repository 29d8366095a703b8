/**
 * Distinguished names: parse a DER Name and write it three ways: RFC 4514 (most
 * significant RDN last and every attribute in reverse, as `openssl -nameopt RFC2253` but
 * with UTF-8 left unescaped),
 * OpenSSL 3's one-line form (`C=US, O=Let's Encrypt, CN=R11`) and a canonical form for
 * comparisons (RFC 5280 7.1 / OpenSSL x509_name_canon: trimmed, spaces collapsed, lower case).
 */
import type { DistinguishedName, NameAttribute } from '../model.ts';
import { DerReader, TAG, type Tlv } from '../der/reader.ts';
import { decodeOid, decodeString, isStringTag } from '../der/primitives.ts';
import { toHex } from '../der/hex.ts';
import { NAME_ATTRIBUTES } from '../der/oids.ts';

/** Attribute values kept with their tag so the RFC 4514 writer can hex-dump odd ones. */
interface RawAttribute extends NameAttribute {
  /** The whole AttributeValue DER, hex (for `#hex` output of unknown types). */
  valueDerHex: string;
  isString: boolean;
}

/** Reads a Name (SEQUENCE OF SET OF AttributeTypeAndValue) from `t` inside `r`. */
export function readName(r: DerReader, t: Tlv): DistinguishedName {
  const rdnsRaw: RawAttribute[][] = [];
  const seq = r.into(t);
  while (!seq.atEnd()) {
    const setTlv = seq.expect(TAG.SET, 'a RelativeDistinguishedName (SET)');
    const set = seq.into(setTlv);
    const rdn: RawAttribute[] = [];
    while (!set.atEnd()) {
      const atv = set.into(set.expect(TAG.SEQUENCE, 'an AttributeTypeAndValue'));
      const oidTlv = atv.expect(TAG.OID, 'the attribute type');
      const oid = decodeOid(atv.value(oidTlv), oidTlv.valueStart);
      const v = atv.next();
      atv.finish('AttributeTypeAndValue');
      const isString = isStringTag(v.tag);
      const value = isString ? decodeString(v.tag, atv.value(v), v.valueStart) : '#' + toHex(atv.raw(v));
      rdn.push({ oid, type: NAME_ATTRIBUTES[oid] ?? oid, value, valueDerHex: toHex(atv.raw(v)), isString });
    }
    rdnsRaw.push(rdn);
  }
  const der = r.raw(t);
  return {
    rfc4514: rfc4514(rdnsRaw),
    oneline: oneline(rdnsRaw),
    rdns: rdnsRaw.map((rdn) => rdn.map(({ oid, type, value }) => ({ oid, type, value }))),
    canonical: canonical(rdnsRaw),
    derHex: toHex(der),
  };
}

/** Reads a Name from a buffer that holds exactly one Name. */
export function parseName(der: Uint8Array): DistinguishedName {
  const r = new DerReader(der);
  const t = r.expect(TAG.SEQUENCE, 'a Name');
  r.finish('the Name');
  return readName(r, t);
}

/** RFC 4514 section 2.4 escaping (plus control characters as \XX). */
// eslint-disable-next-line no-control-regex -- RFC 4514 escapes control characters
const NEEDS_ESCAPE = /[,+"\\<>;\u0000-\u001f\u007f]|^[ #]| $/;

export function escapeRfc4514(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const code = value.charCodeAt(i);
    if (',+"\\<>;'.includes(ch)) out += '\\' + ch;
    else if ((ch === '#' || ch === ' ') && i === 0) out += '\\' + ch;
    else if (ch === ' ' && i === value.length - 1) out += '\\ ';
    else if (code < 0x20 || code === 0x7f) out += '\\' + code.toString(16).toUpperCase().padStart(2, '0');
    else out += ch;
  }
  return out;
}

function rfc4514(rdns: RawAttribute[][]): string {
  return rdns
    .slice()
    .reverse()
    .map((rdn) =>
      rdn
        .slice()
        .reverse()
        .map((a) => {
          const known = NAME_ATTRIBUTES[a.oid] !== undefined;
          if (!known || !a.isString) return `${a.type}=#${a.valueDerHex}`;
          return `${a.type}=${escapeRfc4514(a.value)}`;
        })
        .join('+'),
    )
    .join(',');
}

function oneline(rdns: RawAttribute[][]): string {
  return rdns.map((rdn) => rdn.map((a) => `${a.type}=${a.value}`).join(' + ')).join(', ');
}

/** RFC 5280 7.1 / RFC 4518 style folding: trim, collapse internal whitespace, lower case. */
export function foldValue(value: string): string {
  return value
    .trim()
    .replace(/\s{2,}|[\t\n\r\f\v]/g, ' ')
    .toLowerCase();
}

function canonical(rdns: RawAttribute[][]): string {
  return rdns
    .map((rdn) =>
      rdn
        .map((a) => `${a.oid}=${a.isString ? escapeRfc4514(foldValue(a.value)) : '#' + a.valueDerHex}`)
        .sort()
        .join('+'),
    )
    .join(',');
}
