/**
 * For each cause (and finer case): the one observation that tells it apart from the causes
 * printed with the same words, and the command that makes the observation.
 */
import type { CauseId } from '../causes/cause-id.ts';
import type { Target } from './context.ts';

export function sClient(target: Target | null, extra = ''): string {
  const host = target?.host ?? 'HOST';
  const port = target?.port ?? 443;
  const sni = host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host) ? '' : ` -servername ${host}`;
  return `openssl s_client -connect ${host}:${port}${sni}${extra} </dev/null`;
}

const CHAIN_GREP = " 2>/dev/null | grep -E '^ *[0-9]+ s:|^ +i:|Verify return code'";

export function tellFor(cause: CauseId, kase: string | null, target: Target | null): string {
  const chain = `${sClient(target, ' -showcerts')}${CHAIN_GREP}`;
  if (kase === 'tls-inspection')
    return `From this machine, the issuer at the top of the chain names a proxy or security product (Zscaler, Netskope, FortiGate, ...) and differs from what another network sees: ${chain}`;
  if (kase === 'private-ca')
    return `The chain ends at your organisation's own CA (often a root that signs server certificates directly), which this client's store lacks: ${chain}`;
  if (kase === 'missing-intermediate')
    return `The server sends only its own certificate (only "0 s:" is listed) and its issuer is an intermediate CA: ${chain}`;
  switch (cause) {
    case 'incomplete-chain':
      return `The server sends only its own certificate (only "0 s:" is listed) and its issuer is an intermediate CA: ${chain}`;
    case 'unknown-ca':
      return `The top of the chain is a CA this client does not hold: a proxy's or company CA (the issuer names it) rather than a public one: ${chain}`;
    case 'outdated-client-store':
      return `The same chain verifies against a current CA bundle, or the root at the top has expired in this client's store: ${sClient(target, ' -showcerts -CAfile /etc/ssl/certs/ca-certificates.crt')}${CHAIN_GREP}`;
    case 'self-signed':
      return `One certificate only, whose subject equals its issuer: ${sClient(target)} 2>/dev/null | openssl x509 -noout -subject -issuer`;
    case 'expired':
      return `The server's own certificate (depth 0) has a past notAfter, rather than an old root at the top of the chain: ${sClient(target)} 2>/dev/null | openssl x509 -noout -enddate; date -u`;
    case 'not-yet-valid':
      return `The client's clock is behind the certificate's notBefore: date -u; ${sClient(target)} 2>/dev/null | openssl x509 -noout -startdate`;
    case 'hostname-mismatch':
      return `The name asked for is missing from the certificate's subjectAltName: ${sClient(target)} 2>/dev/null | openssl x509 -noout -ext subjectAltName`;
    case 'protocol-mismatch':
      return `The handshake fails before any certificate is sent (no "Certificate chain" in the output): ${sClient(target, ' -brief')}`;
    case 'client-cert-required':
      return `The server asks for a client certificate ("Acceptable client certificate CA names" is listed): ${sClient(target)} 2>&1 | grep -A3 'Acceptable client certificate CA names'`;
    case 'revoked':
      return `The CA's OCSP responder says "revoked" (or cannot be reached from this machine): ${sClient(target, ' -status')} 2>/dev/null | grep -A3 'OCSP Response Status'`;
    case 'bad-signature':
      return `The leaf's Authority Key Identifier differs from the served intermediate's Subject Key Identifier: ${sClient(target, ' -showcerts')} 2>/dev/null | grep -E 'Key Identifier' -A1`;
    case 'weak-key':
    case 'weak-signature':
      return `The chain shows a short key or a SHA-1/MD5 signature ("a:PKEY: ..., sigalg: ..."): ${sClient(target, ' -showcerts')} 2>/dev/null | grep -E '^ +a:'`;
    case 'invalid-ca':
    case 'path-length-exceeded':
    case 'name-constraints':
    case 'wrong-purpose':
      return `An extension of a certificate in the chain forbids this use: ${sClient(target, ' -showcerts')} 2>/dev/null | openssl x509 -noout -ext basicConstraints,keyUsage,extendedKeyUsage,nameConstraints`;
    default:
      return `What the server sends and what this machine's OpenSSL makes of it: ${sClient(target, ' -showcerts')}`;
  }
}
