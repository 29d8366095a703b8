/**
 * Which clients refuse a server that speaks only TLS 1.0 or 1.1, read from each client's
 * profile (`legacyTls`, with its evidence), for the version and cipher suite the server chose.
 *
 *   judgeLegacyTls('TLSv1', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA') // every client refuses
 *   judgeLegacyTls('TLSv1', 'TLS_RSA_WITH_AES_128_CBC_SHA')       // openssl, curl, dotnet still connect
 */
import { signsKeyExchange } from '../tls/legacy-hello.ts';
import type { KnobEvidence } from './client-types.ts';
import { CLIENT_PROFILES } from './profiles.ts';
import type { ClientId } from './registry.ts';

export interface LegacyTlsClient {
  client: ClientId;
  label: string;
  refuses: boolean;
  /** Why, in words. */
  reason: string;
  basis: KnobEvidence['basis'];
}

const spelled = (protocol: string) => protocol.replace(/^TLSv1$/, 'TLS 1.0').replace(/^TLSv/, 'TLS ');

export function judgeLegacyTls(protocol: string, cipherSuite: string): LegacyTlsClient[] {
  const version = spelled(protocol);
  const signed = signsKeyExchange(cipherSuite);
  return CLIENT_PROFILES.map((p) => {
    const base = { client: p.id, label: p.label, basis: p.legacyTls.evidence.basis };
    if (p.legacyTls.behaviour === 'refuses') return { ...base, refuses: true, reason: `does not offer ${version} (its minimum is TLS 1.2)` };
    return signed
      ? { ...base, refuses: true, reason: `offers ${version} but refuses the server's key exchange, signed with SHA-1 (${cipherSuite})` }
      : { ...base, refuses: false, reason: `still connects: it offers ${version} and accepts ${cipherSuite} (no forward secrecy)` };
  });
}
