/**
 * GeneralName (RFC 5280 4.2.1.6) in all its kinds: dNSName, iPAddress (with the CIDR
 * mask inside name constraints), rfc822Name, URI, directoryName, registeredID,
 * otherName; anything else is kept as its tag number and hex.
 */
import type { GeneralName } from '../model.ts';
import { DerReader, type Tlv } from '../der/reader.ts';
import { decodeOid, decodeString } from '../der/primitives.ts';
import { toHex } from '../der/hex.ts';
import { readName } from './name.ts';
import { formatIpv6 } from '../net/ip.ts';

export function ipToText(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join('.');
  return b.length === 16 ? formatIpv6(b) : toHex(b);
}

function maskBits(m: Uint8Array): string {
  let n = 0;
  for (const byte of m) for (let i = 7; i >= 0; i--) if (byte & (1 << i)) n++;
  return String(n);
}

/** Reads one GeneralName element. `inConstraints` reads iPAddress as address + mask. */
export function readGeneralName(r: DerReader, t: Tlv, inConstraints = false): GeneralName {
  if (t.cls !== 2) return { type: 'unknown', tag: t.tag, valueHex: toHex(r.value(t)), malformed: true };
  const v = r.value(t);
  switch (t.tagNumber) {
    case 0: {
      if (!t.constructed) break;
      const s = r.into(t);
      const oidTlv = s.expect(0x06, 'the otherName type-id');
      const oid = decodeOid(s.value(oidTlv), oidTlv.valueStart);
      const val = s.expect(0xa0, 'the otherName [0] value');
      s.finish('otherName');
      return { type: 'otherName', oid, valueHex: toHex(s.value(val)) };
    }
    case 1:
      if (t.constructed) break;
      return { type: 'email', value: decodeString(0x16, v, t.valueStart) };
    case 2:
      if (t.constructed) break;
      return { type: 'dns', value: decodeString(0x16, v, t.valueStart) };
    case 4: {
      if (!t.constructed) break;
      const s = r.into(t);
      const nameTlv = s.expect(0x30, 'the directoryName Name');
      s.finish('directoryName');
      return { type: 'dirName', value: readName(s, nameTlv) };
    }
    case 6:
      if (t.constructed) break;
      return { type: 'uri', value: decodeString(0x16, v, t.valueStart) };
    case 7:
      if (t.constructed) break;
      if (inConstraints && (v.length === 8 || v.length === 32)) {
        const half = v.length / 2;
        return { type: 'ip', value: ipToText(v.subarray(0, half)), mask: maskBits(v.subarray(half)) };
      }
      return { type: 'ip', value: ipToText(v) };
    case 8:
      if (t.constructed) break;
      return { type: 'registeredId', value: decodeOid(v, t.valueStart) };
  }
  // x400Address [3] and ediPartyName [5] are well-formed when constructed; anything else here is not.
  const wellFormed = (t.tagNumber === 3 || t.tagNumber === 5) && t.constructed;
  return wellFormed ? { type: 'unknown', tag: t.tagNumber, valueHex: toHex(v) } : { type: 'unknown', tag: t.tagNumber, valueHex: toHex(v), malformed: true };
}

/** Reads GeneralNames (a SEQUENCE OF GeneralName) from the element `t`. */
export function readGeneralNames(r: DerReader, t: Tlv, inConstraints = false): GeneralName[] {
  const s = r.into(t);
  const out: GeneralName[] = [];
  while (!s.atEnd()) out.push(readGeneralName(s, s.next(), inConstraints));
  return out;
}

/** One line per name, as `openssl x509 -text` shows them (DNS:, IP Address:, email:, URI:). */
export function generalNameText(g: GeneralName): string {
  switch (g.type) {
    case 'dns':
      return `DNS:${g.value}`;
    case 'ip':
      return `IP Address:${g.value}${g.mask !== undefined ? '/' + g.mask : ''}`;
    case 'email':
      return `email:${g.value}`;
    case 'uri':
      return `URI:${g.value}`;
    case 'dirName':
      return `DirName:${g.value.oneline}`;
    case 'registeredId':
      return `Registered ID:${g.value}`;
    case 'otherName':
      return `othername:${g.oid}:${g.valueHex}`;
    case 'unknown':
      return `[${g.tag}]:${g.valueHex}`;
  }
}
