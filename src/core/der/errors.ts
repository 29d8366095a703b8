/**
 * Typed failures of the DER/BER reader. Each says where (byte offset), what was
 * received and what was expected, so the caller can tell a person what is wrong.
 */
export type DerErrorKind =
  | 'Truncated' // a length or tag runs past the end of the input
  | 'NonMinimalLength' // DER requires the shortest length form
  | 'LengthTooLarge' // more than 4 length bytes
  | 'IndefiniteLength' // BER indefinite length where DER is required
  | 'BadTag' // malformed high tag number
  | 'TooDeep' // nesting beyond the depth limit
  | 'UnexpectedTag' // a different element than the structure requires
  | 'TrailingData' // bytes left after the last expected element
  | 'BadOid'
  | 'BadTime'
  | 'BadInteger'
  | 'BadBitString'
  | 'BadBoolean'
  | 'BadString';

export class DerError extends Error {
  readonly kind: DerErrorKind;
  /** Byte offset in the input where the problem is. */
  readonly offset: number;
  readonly received: string;
  readonly expected: string;

  constructor(kind: DerErrorKind, offset: number, received: string, expected: string) {
    super(`malformed DER (${kind}) at byte ${offset}: received ${received}; expected ${expected}`);
    this.name = 'DerError';
    this.kind = kind;
    this.offset = offset;
    this.received = received;
    this.expected = expected;
  }
}
