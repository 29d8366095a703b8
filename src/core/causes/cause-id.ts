/** The cause list shared by the whole project (validator, decoder, probe, lessons). */
export const CAUSE_IDS = [
  'incomplete-chain',
  'unknown-ca',
  'self-signed',
  'outdated-client-store',
  'expired',
  'not-yet-valid',
  'hostname-mismatch',
  'invalid-ca',
  'path-length-exceeded',
  'wrong-purpose',
  'weak-key',
  'weak-signature',
  'bad-signature',
  'name-constraints',
  'revoked',
  'client-cert-required',
  'protocol-mismatch',
  'unknown',
] as const;

export type CauseId = (typeof CAUSE_IDS)[number];
