/**
 * DER of a NameConstraints extension value with DNS subtrees (RFC 5280 4.2.1.10):
 *   NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
 *                                  excludedSubtrees  [1] GeneralSubtrees OPTIONAL }
 *   GeneralSubtree  ::= SEQUENCE { base GeneralName, minimum [0] DEFAULT 0, maximum [1] OPTIONAL }
 * @peculiar/x509 has no class for it, so it is built with asn1js.
 */
import * as asn1js from 'asn1js';

const CONTEXT = 3;

function subtree(dns: string): asn1js.Sequence {
  const bytes = new TextEncoder().encode(dns);
  // dNSName [2] IMPLICIT IA5String
  return new asn1js.Sequence({ value: [new asn1js.Primitive({ idBlock: { tagClass: CONTEXT, tagNumber: 2 }, valueHex: bytes })] });
}

export function nameConstraintsDer(permitted: string[], excluded: string[]): Uint8Array<ArrayBuffer> {
  const parts: asn1js.Constructed[] = [];
  if (permitted.length > 0) {
    parts.push(new asn1js.Constructed({ idBlock: { tagClass: CONTEXT, tagNumber: 0 }, value: permitted.map(subtree) }));
  }
  if (excluded.length > 0) {
    parts.push(new asn1js.Constructed({ idBlock: { tagClass: CONTEXT, tagNumber: 1 }, value: excluded.map(subtree) }));
  }
  return new Uint8Array(new asn1js.Sequence({ value: parts }).toBER(false));
}
