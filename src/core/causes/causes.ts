/**
 * The cause list shared by the whole project (validator, decoder, probe, lessons): for every
 * id in cause-id.ts, a title, who has to act (liability), what each side does, and the lesson.
 * Lessons live at /lessons/<slug>/; `lesson` is the slug with an optional #anchor.
 */
import { CAUSE_IDS, type CauseId } from './cause-id.ts';

/** Who has to change something: the server's operator, the client's, or either depending on the case. */
export type Liability = 'server' | 'client' | 'both';

export interface Cause {
  id: CauseId;
  title: string;
  /** One sentence: what is wrong, in plain words. */
  summary: string;
  liability: Liability;
  actions: { server: string; client: string };
  /** Lesson slug, optionally with #anchor: /lessons/<lesson>/ */
  lesson: string;
}

export const CAUSES: Readonly<Record<CauseId, Cause>> = {
  'incomplete-chain': {
    id: 'incomplete-chain',
    title: 'The server does not send its intermediate certificate',
    summary:
      'The server sends its own certificate but not the intermediate CA certificate that links it to a trusted root, so clients that do not fetch or cache intermediates cannot build a path.',
    liability: 'server',
    actions: {
      server:
        'Serve the full chain: your certificate first, then every intermediate (for example fullchain.pem, not cert.pem). Confirm with s_client -showcerts that the intermediate appears at depth 1.',
      client:
        "Nothing is wrong on your side. Tell the server operator; as a stopgap you may add the missing intermediate to this one client's trust store, never turn verification off.",
    },
    lesson: 'reading-the-handshake#a-server-that-forgot-its-intermediate',
  },
  'unknown-ca': {
    id: 'unknown-ca',
    title: 'The chain ends at a CA this client does not trust',
    summary:
      "The path leads to a root (or an issuer) that is not in the client's trust store: a private or company CA, a TLS-intercepting proxy, or a root the client never had.",
    liability: 'both',
    actions: {
      server:
        'For a public service, use a certificate from a publicly trusted CA and serve the chain to it. For an internal service, hand your CA certificate to the clients that must trust it.',
      client:
        "If the CA is yours or your company's (or your proxy's), add its root to the trust store this client uses (update-ca-certificates, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, keytool -importcert). Otherwise do not trust it: it may be an interception.",
    },
    lesson: 'chain-of-trust#private-and-company-cas',
  },
  'self-signed': {
    id: 'self-signed',
    title: 'The server presents a self-signed certificate',
    summary: "The server's certificate is signed by its own key, not by a CA; no client trusts it unless that exact certificate was installed as trusted.",
    liability: 'server',
    actions: {
      server: 'Replace it with a certificate from a CA your clients trust (a public CA, or your internal CA whose root the clients have).',
      client: "Only for a service you control: trust that exact certificate explicitly (add it to this client's CA file). Never disable verification.",
    },
    lesson: 'chain-of-trust#why-the-client-trusts-only-roots',
  },
  'outdated-client-store': {
    id: 'outdated-client-store',
    title: "The client's trust store is missing or out of date",
    summary:
      "The chain is fine for up-to-date clients, but this client's CA bundle is missing, empty or too old to contain the root (old OS images, FROM scratch or distroless containers, an old JDK cacerts).",
    liability: 'client',
    actions: {
      server:
        'Nothing is broken, but you can help old clients by serving a chain that also leads to an older, widely held root (a cross-signed intermediate) where your CA offers one.',
      client:
        'Install or update the CA bundle (ca-certificates package, a newer JDK cacerts, certifi), and point the client at it (SSL_CERT_FILE, --cacert, REQUESTS_CA_BUNDLE).',
    },
    lesson: 'reading-the-handshake#which-trust-store',
  },
  expired: {
    id: 'expired',
    title: 'A certificate in the chain has expired',
    summary: "The current time is after the certificate's notAfter date (or the client's clock is far ahead).",
    liability: 'server',
    actions: {
      server:
        'Renew the certificate (or the expired intermediate), install it and reload the server; check that automatic renewal runs and that the server reloads afterwards.',
      client: "Check the client's clock (date -u). If the clock is right, only the server can fix this.",
    },
    lesson: 'reading-a-certificate#validity',
  },
  'not-yet-valid': {
    id: 'not-yet-valid',
    title: 'A certificate is not valid yet',
    summary:
      "The current time is before the certificate's notBefore date: most often the client's clock is behind (a device without NTP), sometimes a certificate was issued with a future start date.",
    liability: 'both',
    actions: {
      server: 'If the certificate really starts in the future, serve the previous certificate until it is valid.',
      client: "Fix the client's clock (enable NTP / timedatectl set-ntp true) and retry.",
    },
    lesson: 'reading-a-certificate#validity',
  },
  'hostname-mismatch': {
    id: 'hostname-mismatch',
    title: 'The certificate is not for the name the client asked for',
    summary:
      "None of the certificate's subjectAltName entries match the host name or IP address the client connected to (or the server sent its default certificate because the client sent no SNI).",
    liability: 'both',
    actions: {
      server:
        'Issue a certificate that lists this name in its subjectAltName (the CN alone is not enough for Go and browsers), or configure the virtual host so this name gets the right certificate.',
      client: 'Connect with the name the certificate is for (not an IP address or an internal alias) and make sure the client sends SNI.',
    },
    lesson: 'reading-a-certificate#san-which-names-the-certificate-covers',
  },
  'invalid-ca': {
    id: 'invalid-ca',
    title: 'A certificate in the chain breaks the rules for CAs and certificates',
    summary:
      'A certificate used as an issuer is not a valid CA (no basicConstraints CA:TRUE, no keyUsage keyCertSign), or a CA issues certificates that break the RFC 5280 profile strict clients enforce (for example a missing Authority Key Identifier).',
    liability: 'server',
    actions: {
      server:
        'Reissue the intermediate/CA certificate with basicConstraints critical CA:TRUE and keyUsage keyCertSign, cRLSign (and the other extensions RFC 5280 asks for), or serve the correct intermediate.',
      client:
        'Nothing safe to change: the chain is malformed. Report it to the server operator (a client in strict mode, such as Python 3.13, is right to refuse it).',
    },
    lesson: 'chain-of-trust#three-roles',
  },
  'path-length-exceeded': {
    id: 'path-length-exceeded',
    title: 'The chain is longer than a CA allows',
    summary: 'A CA certificate carries a pathLenConstraint (or the client has a maximum depth) and the chain below it has more intermediates than allowed.',
    liability: 'server',
    actions: {
      server: 'Serve a shorter chain (drop unneeded cross-signs), or have the CA hierarchy reissued with a pathLenConstraint that fits.',
      client: 'If the limit is your own (verify depth), raise it; otherwise nothing to change.',
    },
    lesson: 'why-it-breaks#path-length-exceeded',
  },
  'wrong-purpose': {
    id: 'wrong-purpose',
    title: 'The certificate is not allowed for this use',
    summary:
      "The certificate's extendedKeyUsage or keyUsage does not allow what it is used for (for example a server certificate without serverAuth, or a client certificate without clientAuth).",
    liability: 'server',
    actions: {
      server: 'Reissue the certificate with extendedKeyUsage serverAuth (clientAuth for client certificates) and a keyUsage that matches the key type.',
      client: 'If it is your client certificate that is refused, have it reissued with clientAuth.',
    },
    lesson: 'why-it-breaks#wrong-purpose',
  },
  'weak-key': {
    id: 'weak-key',
    title: 'A key in the chain is too weak for this client',
    summary:
      "An RSA key is shorter than the client's security level allows (2048 bits at OpenSSL level 2, Debian's default) or an algorithm/curve is not allowed.",
    liability: 'server',
    actions: {
      server: 'Generate a new key (RSA 2048+ or ECDSA P-256) and get a new certificate for it.',
      client: "Lowering the client's security level (SECLEVEL) is a stopgap for a system you control only; the real fix is on the server.",
    },
    lesson: 'why-it-breaks#weak-key',
  },
  'weak-signature': {
    id: 'weak-signature',
    title: 'A certificate is signed with a weak or refused algorithm',
    summary: 'A certificate in the chain is signed with SHA-1 or MD5 (or an algorithm the client does not accept).',
    liability: 'server',
    actions: {
      server: 'Have the certificate (and any SHA-1 intermediate) reissued with a SHA-256 signature and serve the new chain.',
      client: 'Nothing safe to change; allowing SHA-1 again is not a fix.',
    },
    lesson: 'why-it-breaks#weak-signature',
  },
  'bad-signature': {
    id: 'bad-signature',
    title: 'A signature in the chain does not verify',
    summary:
      "The issuer's key did not sign this certificate: the wrong intermediate is served, a certificate was altered or corrupted, or something rewrote it on the way.",
    liability: 'server',
    actions: {
      server:
        "Serve the intermediate that actually issued your certificate (compare the leaf's Authority Key Identifier with the intermediate's Subject Key Identifier) and reinstall unmodified files.",
      client: 'If only some networks show this, suspect an intercepting middlebox and compare the certificates received.',
    },
    lesson: 'why-it-breaks#bad-signature',
  },
  'name-constraints': {
    id: 'name-constraints',
    title: 'A CA issued a name it is not allowed to',
    summary: "A CA in the chain has name constraints (permitted or excluded subtrees) and the certificate's names fall outside them.",
    liability: 'server',
    actions: {
      server: 'Get the certificate from a CA whose constraints permit this name, or have the constraints widened.',
      client: "Nothing to change: the client is enforcing the CA's own limits.",
    },
    lesson: 'why-it-breaks#name-constraints',
  },
  revoked: {
    id: 'revoked',
    title: 'The certificate is revoked, or its revocation status cannot be checked',
    summary: 'A CRL or OCSP response says the certificate was revoked, or the client was told to check revocation and could not get a valid CRL/OCSP answer.',
    liability: 'server',
    actions: {
      server:
        'A revoked certificate must be replaced: get a new certificate and install it. If the CRL/OCSP data is stale, have the CA (or your OCSP stapling) publish fresh data.',
      client: 'If you enabled CRL/OCSP checking, make sure the client can fetch current CRLs/OCSP responses.',
    },
    lesson: 'why-it-breaks#revoked',
  },
  'client-cert-required': {
    id: 'client-cert-required',
    title: 'The server wants a client certificate',
    summary: 'The server asks for (mutual TLS) and requires a client certificate; the client sent none, or one the server does not trust.',
    liability: 'client',
    actions: {
      server: "Check that the CA list you trust for client certificates contains the issuer of your clients' certificates.",
      client:
        'Configure the client certificate and its key (curl --cert/--key, requests cert=, Node key/cert, a Java keystore) and make sure it is issued by a CA the server accepts.',
    },
    lesson: 'why-it-breaks#client-cert-required',
  },
  'protocol-mismatch': {
    id: 'protocol-mismatch',
    title: 'Client and server share no TLS version or cipher',
    summary:
      'The handshake fails before any certificate is checked: one side only speaks an old TLS version or cipher suites the other refuses, or the port does not speak TLS at all.',
    liability: 'both',
    actions: {
      server: 'Enable TLS 1.2 and TLS 1.3 with current cipher suites; make sure the port actually serves TLS.',
      client: 'Check the URL and port (https on a plain-HTTP port gives "wrong version number"), and that the client is recent enough to speak TLS 1.2.',
    },
    lesson: 'why-it-breaks#protocol-mismatch',
  },
  unknown: {
    id: 'unknown',
    title: 'Not enough to say what is wrong',
    summary: 'The text does not identify one cause with confidence.',
    liability: 'both',
    actions: {
      server: 'Look at what the server really sends (the s_client command below) and compare it with what the client expects.',
      client: 'Capture the full error (with the verify code if the client gives one) and run the command below.',
    },
    lesson: 'error-decoder',
  },
};

export function causeById(id: CauseId): Cause {
  return CAUSES[id];
}

/** Every cause in the order of cause-id.ts. */
export const CAUSE_LIST: readonly Cause[] = CAUSE_IDS.map((id) => CAUSES[id]);
