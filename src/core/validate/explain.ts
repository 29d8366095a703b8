/**
 * One sentence per failure a person can act on: what was found, what was expected, what to do.
 * Plain text (callers put it in textContent); dates in UTC ISO form.
 */
import type { ValidationFailure } from './failures.ts';

const day = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');
const which = (f: ValidationFailure) => `"${f.subject}" (depth ${f.depth})`;

export function explainFailure(f: ValidationFailure): string {
  switch (f.kind) {
    case 'IssuerNotFound':
      return f.depth === 0
        ? `No certificate issued by "${f.issuer}" was sent or trusted, so ${which(f)} cannot be linked to a root. The server should send its intermediate certificate(s) after the leaf (serve the full chain).`
        : `${which(f)} was issued by "${f.issuer}", which is not in the trust store. Trust that root, or have the server send a chain that ends at a root clients trust.`;
    case 'UnlinkableCertificate':
      return `${which(f)} has an extension OpenSSL cannot decode (${f.oid}: ${f.reason}), so OpenSSL never links it to an issuer and reports "unable to get local issuer certificate". Reissue the certificate with well-formed extensions.`;
    case 'AnchorNotSelfSigned':
      return `The path ends at ${which(f)}, which is trusted but not a self-signed root; without partial-chain mode OpenSSL needs the root above it. Trust the root, or enable partial chains where the client allows it.`;
    case 'SelfSignedLeaf':
      return `${which(f)} is self-signed and not trusted. Use a certificate from a CA the clients trust, or add this certificate to the client's trust store.`;
    case 'SelfSignedInChain':
      return `The chain ends at the self-signed root ${which(f)}, which the client does not trust. Add that root to the trust store, or use a CA the clients already trust.`;
    case 'ChainTooLong':
      return `The path needs more than ${f.maxDepth} intermediate(s) above ${which(f)}. Shorten the chain or raise the client's verify depth.`;
    case 'WorkBudgetExhausted':
      return `Path building stopped after ${f.budget} steps at ${which(f)}: too many candidate issuers. Send fewer, relevant intermediates.`;
    case 'SignatureBudgetExhausted':
      return `Path building stopped at ${which(f)} after ${f.budget} signature checks: too many candidate paths. Send only the intermediates of one chain.`;
    case 'UnhandledCriticalExtension':
      return `${which(f)} has a critical extension the client does not understand (${f.oid}). Reissue it without that extension marked critical.`;
    case 'InvalidExtension':
      return `${which(f)} has a malformed extension (${f.oid}: ${f.reason}). Reissue it.`;
    case 'InvalidCa': {
      const why = {
        'basic-constraints-not-ca': 'its basicConstraints says CA:FALSE',
        'no-basic-constraints': 'it has no basicConstraints extension',
        'key-usage-without-keyCertSign': 'its keyUsage does not include keyCertSign',
        'v1-not-self-signed': 'it is a version 1 certificate that is not a self-signed root',
      }[f.reason];
      return `${which(f)} issues another certificate in the path but is not a valid CA: ${why}. The CA must be reissued with basicConstraints CA:TRUE (critical) and keyUsage keyCertSign.`;
    }
    case 'PathlenInvalidForNonCa':
      return `${which(f)} sets pathLenConstraint ${f.pathLen} without being a CA (strict mode, e.g. Python 3.13). Reissue it without pathlen.`;
    case 'PathlenWithoutKeyCertSign':
      return `${which(f)} sets pathLenConstraint ${f.pathLen} but its keyUsage lacks keyCertSign (strict mode).`;
    case 'CaBasicConstraintsNotCritical':
      return `${which(f)} is a CA whose basicConstraints is not marked critical; strict clients (Python 3.13+) refuse it. Reissue it with a critical basicConstraints.`;
    case 'CaMissingKeyUsage':
      return `${which(f)} is a CA without a keyUsage extension; strict clients (Python 3.13+) refuse it. Reissue it with keyUsage keyCertSign, cRLSign.`;
    case 'KeyCertSignOnNonCa':
      return `${which(f)} is not a CA but its keyUsage includes keyCertSign (strict mode). Reissue it without keyCertSign.`;
    case 'IssuerNameEmpty':
      return `${which(f)} has an empty issuer name (strict mode).`;
    case 'SubjectNameEmpty':
      return `${which(f)} has an empty subject name where one is required (strict mode).`;
    case 'EmptySubjectSanNotCritical':
      return `${which(f)} has an empty subject, so its subjectAltName must be critical (strict mode).`;
    case 'EmptySubjectAltName':
      return `${which(f)} has a subjectAltName extension with no names (strict mode).`;
    case 'SignatureAlgorithmInconsistency':
      return `${which(f)} names one signature algorithm inside the signed part and another outside it (strict mode). Reissue it.`;
    case 'AuthorityKeyIdCritical':
      return `${which(f)} marks its authorityKeyIdentifier critical, which RFC 5280 forbids.`;
    case 'SubjectKeyIdCritical':
      return `${which(f)} marks its subjectKeyIdentifier critical, which RFC 5280 forbids.`;
    case 'MissingAuthorityKeyId':
      return `${which(f)} has no authorityKeyIdentifier; strict clients (Python 3.13+) refuse it. Reissue it with an AKI (OpenSSL 3 adds one by default).`;
    case 'MissingSubjectKeyId':
      return `${which(f)} is a CA without a subjectKeyIdentifier; strict clients (Python 3.13+) refuse it.`;
    case 'ExtensionsRequireV3':
      return `${which(f)} is version ${f.version} but carries extensions, which need version 3 (strict mode).`;
    case 'InvalidPurpose':
      return f.reason === 'extended-key-usage'
        ? `${which(f)} is not allowed for ${f.purpose}: its extendedKeyUsage is ${list(f.present)}. Reissue it with ${f.purpose === 'serverAuth' ? 'serverAuth (1.3.6.1.5.5.7.3.1)' : 'clientAuth (1.3.6.1.5.5.7.3.2)'}.`
        : `${which(f)} is not allowed for ${f.purpose}: its keyUsage is ${list(f.present)}.`;
    case 'PathLengthExceeded':
      return `${which(f)} allows ${f.pathLen} intermediate(s) below it (pathlen:${f.pathLen}) but the path has ${f.intermediatesBelow}. Use a CA whose path length allows this chain.`;
    case 'EeKeyTooSmall':
      return `The server's ${f.algorithm} key is ${f.bits} bits; this client needs at least the strength of RSA-${f.minBits}. Issue a new certificate with RSA-2048+ or ECDSA P-256.`;
    case 'CaKeyTooSmall':
      return `The CA ${which(f)} has a ${f.bits}-bit ${f.algorithm} key; this client needs at least the strength of RSA-${f.minBits}. Chain to a CA with a stronger key.`;
    case 'WeakSignatureDigest':
      return `${which(f)} is signed with ${f.algorithm}; MD5 and SHA-1 signatures are refused at OpenSSL security level 1 and up. Reissue it with SHA-256.`;
    case 'HostnameMismatch':
      return `The certificate is for ${list(f.presented)}, not "${f.expected}". Use a certificate that names ${f.expected} in its subjectAltName, or connect with the name it was issued for.`;
    case 'IpAddressMismatch':
      return `The certificate's IP addresses are ${list(f.presented)}, not ${f.expected}. IP addresses must appear as iPAddress subjectAltNames.`;
    case 'IssuerKeyNoCertSign':
      return `The issuer ${which(f)} has keyUsage ${list(f.keyUsage)} without keyCertSign, so it may not sign certificates.`;
    case 'BadSignature':
      return `The signature on ${which(f)} does not verify with the key of "${f.issuerSubject}": the wrong issuer certificate (same name, other key) or a damaged certificate.`;
    case 'UnsupportedSignatureAlgorithm':
      return `${which(f)} is signed with ${f.algorithm}, which certlab cannot check (WebCrypto has no such algorithm).`;
    case 'IssuerKeyUndecodable':
      return `The issuer's ${f.algorithm} public key above ${which(f)} cannot be read.`;
    case 'CertNotYetValid':
      return `${which(f)} is valid only from ${day(f.notBefore)}; the validation time was ${day(f.at)}. Check the client's clock, or wait until the certificate starts.`;
    case 'CertExpired':
      return `${which(f)} expired on ${day(f.notAfter)}; the validation time was ${day(f.at)}. Renew it and install the new certificate (and chain).`;
    case 'PermittedSubtreeViolation':
      return `${f.name} in ${which(f)} is outside what the CA at depth ${f.constraintDepth} may issue for (${list(f.permitted)}).`;
    case 'ExcludedSubtreeViolation':
      return `${f.name} in ${which(f)} is inside ${f.excluded}, which the CA at depth ${f.constraintDepth} may not issue for.`;
    case 'UnsupportedConstraintType':
      return `The CA at depth ${f.constraintDepth} constrains names of a type the client cannot compare (${f.name} in ${which(f)}).`;
    case 'InvalidIpConstraint':
      return `The CA at depth ${f.constraintDepth} has a malformed iPAddress name constraint (${f.constraint}).`;
    case 'UnsupportedNameSyntax':
      return `${f.name} in ${which(f)} is not a valid name of its type.`;
    case 'NameConstraintBudgetExhausted':
      return f.scope === 'certificate'
        ? `${which(f)} has ${f.names} names and the CA at depth ${f.constraintDepth} has ${f.constraints} name constraints: checking ${f.names * f.constraints} pairs is more than the ${f.limit} OpenSSL allows, so the certificate is refused unchecked. Issue certificates with fewer names under CAs with fewer constraints.`
        : `Checking the names of ${which(f)} against the constraints of the CA at depth ${f.constraintDepth} (${f.constraints}) went past the ${f.limit} name comparisons one validation may spend. Issue certificates with fewer names under CAs with fewer constraints.`;
    case 'InvalidSerialNumber':
      return `${which(f)} has a serial number that is ${f.reason} (${f.serialHex}); RFC 5280 requires a positive serial of at most 20 octets.`;
    case 'ForbiddenKeyAlgorithm':
      return `${which(f)} has a ${f.algorithm} key, which the CA/Browser Forum profile does not allow (RSA or ECDSA P-256/384/521 only).`;
    case 'NonConformingExtension':
      return `${which(f)} breaks a profile rule: ${f.rule}.`;
    case 'InvalidNonCa':
      return `The server's certificate ${which(f)} is marked as a CA (basicConstraints CA:TRUE); a TLS server certificate must not be.`;
    case 'MissingExtendedKeyUsage':
      return `The server's certificate ${which(f)} has no extendedKeyUsage; the CA/Browser Forum profile requires serverAuth.`;
    case 'AnyExtendedKeyUsage':
      return `The server's certificate ${which(f)} uses anyExtendedKeyUsage, which the CA/Browser Forum profile forbids.`;
    case 'CertRevoked':
      return `The certificate ${which(f)} is on its issuer's CRL: revoked on ${day(f.revokedAt)}${f.reason ? ` (${f.reason})` : ''}.`;
    case 'CrlSignatureFailure':
      return `The CRL from ${f.crlIssuer} for the certificate ${which(f)} does not verify with the issuer's key.`;
    case 'CrlNotYetValid':
      return `The CRL for the certificate ${which(f)} is not valid yet (thisUpdate ${day(f.thisUpdate)}).`;
    case 'CrlExpired':
      return `The CRL for the certificate ${which(f)} is out of date (nextUpdate ${day(f.nextUpdate)}): get a current one.`;
    case 'CrlIssuerNoCrlSign':
      return `The issuer of the certificate ${which(f)} signed its CRL, but its keyUsage (${list(f.keyUsage)}) does not allow cRLSign.`;
    case 'CrlUnhandledCriticalExtension':
      return `The CRL for the certificate ${which(f)} has a critical extension ${f.oid} that cannot be processed.`;
    case 'NonConformingCrl':
      return `The CRL for the certificate ${which(f)} breaks a rule of the profile: ${f.rule}.`;
  }
}
