/**
 * JSON Schema of a simulator scenario. Monaco uses it for completion, validation and hover
 * help in the sandbox; checkScenario() enforces it. It must describe exactly the `Scenario`
 * type in scenario.ts: scenario-schema.test.ts checks both at type level and at run time.
 */
import type { JsonSchema } from './schema-check.ts';

const time = {
  oneOf: [
    { type: 'integer', minimum: -36500, maximum: 36500, description: 'days relative to now (e.g. -30 or 365)' },
    {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?)?$',
      description: 'an ISO 8601 date such as 2026-01-31T00:00:00Z',
    },
  ],
} as const;

const dnsName = {
  type: 'string',
  minLength: 1,
  maxLength: 253,
  pattern: '^[A-Za-z0-9*._:-]+$',
  description: 'A DNS name (a wildcard `*.` is allowed in the leftmost label) or an IP address.',
} as const;

const id = {
  type: 'string',
  pattern: '^[a-z][a-z0-9-]{0,31}$',
  description: 'A certificate id from `certificates` (lower case, e.g. `leaf`, `ica`, `root`).',
} as const;

const certificate = {
  type: 'object',
  description: 'One certificate of the hierarchy. Its key is generated fresh on every run.',
  required: ['id', 'issuer', 'subject', 'validity'],
  additionalProperties: false,
  properties: {
    id: { ...id, description: 'Short id that `issuer`, `serverSends` and `trustStore` refer to.' },
    issuer: { ...id, description: 'Id of the certificate whose key signs this one. Its own id makes it self-signed (a root).' },
    subject: {
      type: 'object',
      description: 'The subject distinguished name.',
      additionalProperties: false,
      properties: {
        commonName: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
          description: 'CN. Clients that still read it (OpenSSL-based, Java) use it only when there is no SAN.',
        },
        organization: { type: 'string', minLength: 1, maxLength: 64, description: 'O.' },
        organizationalUnit: { type: 'string', minLength: 1, maxLength: 64, description: 'OU.' },
        country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'C: two capital letters.' },
      },
    },
    subjectAltNames: {
      type: 'array',
      maxItems: 20,
      items: dnsName,
      description: 'subjectAltName entries. Leave the property out to issue a certificate with no SAN at all (CN only).',
    },
    validity: {
      type: 'object',
      description: 'When the certificate is valid. Numbers are days relative to the moment of the run.',
      required: ['notBefore', 'notAfter'],
      additionalProperties: false,
      properties: {
        notBefore: { ...time, description: 'Start of validity: days relative to now (e.g. -30) or an ISO date.' },
        notAfter: { ...time, description: 'End of validity: days relative to now (e.g. 90; negative = already expired) or an ISO date.' },
      },
    },
    key: {
      enum: ['P-256', 'P-384', 'RSA-2048', 'RSA-1024'],
      default: 'P-256',
      description: 'Key of this certificate. RSA-1024 is refused by OpenSSL at security level 2 (Debian, Python, curl).',
    },
    signatureHash: {
      enum: ['SHA-256', 'SHA-384', 'SHA-512', 'SHA-1'],
      default: 'SHA-256',
      description: 'Hash the issuer signs this certificate with. SHA-1 is refused by OpenSSL 3 at level 1 and up, Go and browsers.',
    },
    basicConstraints: {
      type: 'object',
      description: 'basicConstraints (critical). Leave out for no extension. An intermediate needs `ca: true`.',
      required: ['ca'],
      additionalProperties: false,
      properties: {
        ca: { type: 'boolean', description: 'CA:TRUE lets this certificate sign other certificates.' },
        pathLen: { type: 'integer', minimum: 0, maximum: 10, description: 'How many intermediates may follow below this CA (0 = it may only sign leaves).' },
      },
    },
    keyUsage: {
      type: 'array',
      maxItems: 9,
      description: 'keyUsage (critical). CAs need keyCertSign; TLS servers digitalSignature (ECDSA) or keyEncipherment (RSA key exchange).',
      items: {
        enum: [
          'digitalSignature',
          'nonRepudiation',
          'keyEncipherment',
          'dataEncipherment',
          'keyAgreement',
          'keyCertSign',
          'cRLSign',
          'encipherOnly',
          'decipherOnly',
        ],
      },
    },
    extendedKeyUsage: {
      type: 'array',
      maxItems: 6,
      description: 'extendedKeyUsage. A TLS server certificate needs serverAuth when the extension is present.',
      items: { enum: ['serverAuth', 'clientAuth', 'codeSigning', 'emailProtection', 'timeStamping', 'OCSPSigning'] },
    },
    nameConstraints: {
      type: 'object',
      description: 'DNS name constraints (critical), for CA certificates: names below must fall inside `permitted` and outside `excluded`.',
      additionalProperties: false,
      properties: {
        permitted: { type: 'array', maxItems: 10, items: dnsName, description: 'DNS subtrees that are allowed, e.g. `corp.example`.' },
        excluded: { type: 'array', maxItems: 10, items: dnsName, description: 'DNS subtrees that are forbidden.' },
      },
    },
    aia: {
      type: 'boolean',
      default: true,
      description: 'Add an AIA caIssuers URL pointing at the issuer. Chrome follows it to fetch a missing intermediate; most other clients do not.',
    },
  },
} as const;

export const scenarioSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://certlab.example/schemas/scenario.json',
  title: 'certlab simulator scenario',
  type: 'object',
  description: 'A PKI, what the server sends, what the client trusts, and the host it asks for.',
  required: ['version', 'host', 'certificates', 'serverSends', 'trustStore'],
  additionalProperties: false,
  properties: {
    version: { const: 1, description: 'Format version: always 1.' },
    title: { type: 'string', maxLength: 1000, description: 'A name for this scenario.' },
    host: { ...dnsName, description: 'The host name the client connects to (sent as SNI and checked against the leaf).' },
    certificates: {
      type: 'array',
      minItems: 1,
      maxItems: 8,
      items: certificate,
      description: 'Every certificate of the PKI, roots included. Certificates are generated issuer first.',
    },
    serverSends: {
      type: 'array',
      minItems: 1,
      maxItems: 8,
      items: id,
      description: "What the server sends, in order. The first is the server's own certificate; the rest should be its intermediates, leaf-side first.",
    },
    trustStore: {
      type: 'array',
      maxItems: 8,
      items: id,
      description: 'What the client trusts (its CA file / store). Leave the root out to model a private CA the client does not know.',
    },
    clientCertRequired: {
      type: 'boolean',
      default: false,
      description: 'The server demands a client certificate (mutual TLS) and the client has none: the handshake fails whatever the chain.',
    },
  },
} as const satisfies JsonSchema;
