/**
 * Named validation profiles: the three ways certlab can judge a chain, selectable by a user
 * (`certlab verify --profile`) and by the conformance runner.
 *
 * - `openssl`: OpenSSL 3.x as `openssl s_client` / `openssl verify` apply it: the openssl
 *   client's policy (security level 2, no X509_STRICT), OpenSSL's CN fallback when a leaf has
 *   no DNS SAN, and its name constraints on that CN. The default, since it is what the verify
 *   codes mean.
 * - `webpki`: the CA/B Forum Baseline Requirements with the strictness of Chrome's verifier and
 *   rustls-webpki: RFC 5280 strict checks plus the 'cabf' certificate profile; no CN fallback
 *   (RFC 9525 drops CN-IDs), name constraints only on SANs.
 * - `rfc5280`: RFC 5280's MUSTs (strict checks plus the 'rfc5280' certificate profile); no CN
 *   fallback, name constraints only on SANs and the subject DN (RFC 5280 4.2.1.10).
 *
 * In both strict profiles any certificate in the trust store is a trust anchor, self-signed or
 * not: RFC 5280 6.1.1(d) takes the anchor as a name and a key, rustls-webpki and Go take any
 * store certificate (x509-limbo's rfc5280::root-and-intermediate-swapped; rustls 0.23 and Go
 * 1.26 connect to a server whose intermediate alone is trusted, test/clients/anchors.test.ts).
 * The anchor issues the path: a peer in the store is not trusted by itself unless self-signed
 * (rustls: UnknownIssuer; RFC 5280's path starts with a certificate the anchor issued).
 *
 * The failures are still reported with the nearest OpenSSL verify code.
 */
import type { ValidationPolicy } from '../model.ts';
import type { Profile } from '../validate/profile-checks.ts';
import { CLIENTS } from './registry.ts';

export const VALIDATION_PROFILE_NAMES = ['openssl', 'webpki', 'rfc5280'] as const;
export type ValidationProfileName = (typeof VALIDATION_PROFILE_NAMES)[number];

export interface ValidationProfile {
  name: ValidationProfileName;
  /** One line for people: what the profile judges like. */
  label: string;
  policy: ValidationPolicy;
  /** Certificate-profile rules beyond OpenSSL's (validate's `profile` input); none for openssl. */
  checks?: Profile;
}

/** RFC 5280 strict checks, modern key sizes and digests, no CN fallback, any store certificate an anchor. */
const STRICT_POLICY: ValidationPolicy = {
  aiaFetch: false,
  cnFallback: false,
  minRsaBits: 2048,
  rejectSha1: true,
  strict: true,
  partialChain: true,
  trustedPeer: false,
  maxDepth: 100,
};

const PROFILES: Record<ValidationProfileName, ValidationProfile> = {
  openssl: { name: 'openssl', label: 'OpenSSL 3.x as openssl s_client applies it', policy: CLIENTS.openssl.policy },
  webpki: {
    name: 'webpki',
    label: "CA/B Forum Baseline Requirements, as Chrome's verifier and rustls-webpki enforce them",
    policy: STRICT_POLICY,
    checks: 'cabf',
  },
  rfc5280: { name: 'rfc5280', label: 'RFC 5280 path validation and certificate profile', policy: STRICT_POLICY, checks: 'rfc5280' },
};

export function isValidationProfileName(name: string): name is ValidationProfileName {
  return (VALIDATION_PROFILE_NAMES as readonly string[]).includes(name);
}

/** The named profile, its policy adjusted by the caller's limits (maximum intermediates, AIA). */
export function validationProfile(name: ValidationProfileName, adjust: Partial<Pick<ValidationPolicy, 'maxDepth' | 'aiaFetch'>> = {}): ValidationProfile {
  const p = PROFILES[name];
  return { ...p, policy: { ...p.policy, ...adjust } };
}
