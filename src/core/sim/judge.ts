/**
 * Runs the project's validator on a generated PKI the way a TLS client meets it: the first
 * certificate the server sends is the peer, the rest are untrusted helpers, the trust store
 * is the anchors, the host is the peer name, and the time is the scenario's moment.
 */
import type { Certificate, Subtle, ValidationPolicy } from '../model.ts';
import { clientProfile } from '../clients/profiles.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { validate, type AiaFetcher, type ValidationResult } from '../validate/validate.ts';
import type { GeneratedPki } from './generate.ts';

/**
 * `openssl verify` / `s_client` on Debian 12: OpenSSL 3.0 at security level 2, CN fallback on.
 * The one definition is the openssl client profile (src/core/clients/profiles.ts).
 */
export const OPENSSL_DEBIAN_POLICY: ValidationPolicy = clientProfile('openssl').policy;

export interface ParsedPki {
  peer: Certificate;
  untrusted: Certificate[];
  anchors: Certificate[];
  /** Every generated certificate by scenario id. */
  byId: Map<string, Certificate>;
}

export async function parsePki(pki: GeneratedPki, subtle: Subtle): Promise<ParsedPki> {
  const byId = new Map<string, Certificate>();
  for (const c of pki.certificates) byId.set(c.id, await parseCertificate(c.der, subtle));
  const [first, ...rest] = pki.scenario.serverSends;
  return {
    peer: byId.get(first!)!,
    untrusted: rest.map((id) => byId.get(id)!),
    anchors: pki.scenario.trustStore.map((id) => byId.get(id)!),
    byId,
  };
}

/** What an AIA fetch returns in the simulation: the generated issuer for its URL, nothing else. */
export function simulatedAia(pki: GeneratedPki): AiaFetcher {
  return async (url) => pki.aiaResponses[url] ?? null;
}

export async function validatePki(pki: GeneratedPki, parsed: ParsedPki, policy: ValidationPolicy, subtle: Subtle): Promise<ValidationResult> {
  return validate({
    peer: parsed.peer,
    untrusted: parsed.untrusted,
    anchors: parsed.anchors,
    peerName: pki.scenario.host,
    at: pki.at,
    purpose: 'serverAuth',
    policy,
    ...(policy.aiaFetch ? { aiaFetcher: simulatedAia(pki) } : {}),
    subtle,
  });
}
