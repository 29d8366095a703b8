/**
 * The concrete fix for a simulated failure: which side acts, the commands to run with this
 * scenario's host and file names, and which generated files to hand over (the fullchain to
 * serve, or the root to trust). Titles and liability come from the shared cause table.
 */
import { assertNever } from '../assert-never.ts';
import type { CauseId } from '../causes/cause-id.ts';
import { CAUSES, type Liability } from '../causes/causes.ts';
import type { Scenario } from './scenario.ts';

export interface FixStep {
  who: 'server' | 'client';
  /** What to do, in one sentence. */
  label: string;
  /** A command or configuration line, shown as code. */
  code?: string;
}

/** Files the widget offers for download alongside the fix. */
export type FixFile = 'fullchain.pem' | 'root.pem' | 'leaf.pem';

export interface Fix {
  cause: CauseId;
  title: string;
  liability: Liability;
  steps: FixStep[];
  files: FixFile[];
}

/** The chain the server should send: its certificate, then each issuer up to (not including) the root. */
export function correctChainIds(s: Scenario): string[] {
  const byId = new Map(s.certificates.map((c) => [c.id, c]));
  const out: string[] = [];
  let cur = byId.get(s.serverSends[0]!);
  while (cur && !out.includes(cur.id)) {
    out.push(cur.id);
    if (cur.issuer === cur.id) return out.length > 1 ? out.slice(0, -1) : out;
    cur = byId.get(cur.issuer);
  }
  return out;
}

function trustSteps(host: string, file: string): FixStep[] {
  return [
    { who: 'client', label: 'openssl s_client: name the CA file.', code: `openssl s_client -connect ${host}:443 -servername ${host} -CAfile ${file}` },
    { who: 'client', label: 'curl: pass the CA file (or add it to the system store).', code: `curl --cacert ${file} https://${host}/` },
    {
      who: 'client',
      label:
        'Python requests: verify= or REQUESTS_CA_BUNDLE (both replace the default bundle: use a bundle that also holds the public roots if you need them).',
      code: `requests.get("https://${host}/", verify="/path/${file}")\nREQUESTS_CA_BUNDLE=/path/${file} python app.py`,
    },
    {
      who: 'client',
      label: 'Python ssl / urllib, Go, and other OpenSSL users: SSL_CERT_FILE.',
      code: `SSL_CERT_FILE=/path/${file} python app.py\nSSL_CERT_FILE=/path/${file} ./go-program`,
    },
    {
      who: 'client',
      label: 'Node.js: NODE_EXTRA_CA_CERTS adds to the built-in roots (read at start-up).',
      code: `NODE_EXTRA_CA_CERTS=/path/${file} node app.js`,
    },
    {
      who: 'client',
      label: 'Java: import into a trust store and point the JVM at it.',
      code: `keytool -importcert -noprompt -alias certlab-root -file ${file} -keystore truststore.p12 -storepass changeit\njava -Djavax.net.ssl.trustStore=truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit App`,
    },
    {
      who: 'client',
      label: 'Debian/Ubuntu system store (curl, Python with certifi off, .NET, Go): install and refresh.',
      code: `sudo cp ${file} /usr/local/share/ca-certificates/certlab-root.crt && sudo update-ca-certificates`,
    },
  ];
}

function reissue(label: string, check: string): FixStep[] {
  return [
    { who: 'server', label },
    { who: 'server', label: 'Check the new certificate before deploying it.', code: check },
  ];
}

export function fixFor(s: Scenario, cause: CauseId): Fix {
  const c = CAUSES[cause];
  const host = s.host;
  const base = { cause, title: c.title, liability: c.liability };
  const showcerts = `openssl s_client -connect ${host}:443 -servername ${host} -showcerts </dev/null`;
  const chain = correctChainIds(s);
  switch (cause) {
    case 'incomplete-chain':
      return {
        ...base,
        files: ['fullchain.pem'],
        steps: [
          {
            who: 'server',
            label: `Serve the full chain: ${chain.join(' then ')} (download fullchain.pem), never the leaf alone.`,
            code: `ssl_certificate     /etc/ssl/fullchain.pem;   # nginx\nSSLCertificateFile  /etc/ssl/fullchain.pem    # Apache 2.4.8+`,
          },
          { who: 'server', label: 'Check that the intermediate now appears at depth 1.', code: showcerts },
        ],
      };
    case 'unknown-ca':
    case 'outdated-client-store':
      return {
        ...base,
        files: ['root.pem'],
        steps: [
          {
            who: 'server',
            label: 'For a public service, get a certificate from a publicly trusted CA; for an internal one, hand root.pem to every client that must trust it.',
          },
          ...trustSteps(host, 'root.pem'),
        ],
      };
    case 'self-signed':
      return {
        ...base,
        files: ['leaf.pem'],
        steps: [
          { who: 'server', label: 'Replace it with a certificate issued by a CA the clients trust (a public CA, or your own CA whose root the clients get).' },
          {
            who: 'client',
            label: 'Stopgap for a test server only: trust this exact certificate (download leaf.pem) with the same commands as for a private CA.',
            code: `curl --cacert leaf.pem https://${host}/`,
          },
        ],
      };
    case 'expired':
    case 'not-yet-valid':
      return {
        ...base,
        files: ['fullchain.pem'],
        steps: [
          {
            who: 'server',
            label:
              cause === 'expired'
                ? 'Renew the expired certificate (or fetch the current intermediate from your CA) and reload the server.'
                : 'Check the clocks (date -u, NTP) and do not deploy a certificate before its notBefore.',
          },
          { who: 'server', label: 'See the dates of every certificate the server sends.', code: `${showcerts} | grep -E '^ *[0-9] s:|v:NotBefore'` },
        ],
      };
    case 'hostname-mismatch':
      return {
        ...base,
        files: [],
        steps: [
          {
            who: 'server',
            label: `Reissue the certificate with ${host} in its subjectAltName (a wildcard covers exactly one label).`,
            code: `openssl req -new -key server.key -subj "/CN=${host}" -addext "subjectAltName=DNS:${host}" -out server.csr`,
          },
          { who: 'client', label: 'Or connect with a name the certificate lists; never turn the name check off.' },
        ],
      };
    case 'invalid-ca':
    case 'path-length-exceeded':
      return {
        ...base,
        files: [],
        steps: reissue(
          cause === 'invalid-ca'
            ? 'Reissue the intermediate with basicConstraints CA:TRUE (critical) and keyUsage keyCertSign, or issue the leaf from a real CA.'
            : 'Issue the leaf directly from the CA whose pathlen forbids more CAs below it, or reissue that CA with a larger pathlen.',
          'openssl x509 -in ica.pem -noout -ext basicConstraints,keyUsage',
        ),
      };
    case 'wrong-purpose':
      return {
        ...base,
        files: [],
        steps: reissue(
          'Reissue the server certificate with extendedKeyUsage serverAuth (and keyUsage digitalSignature).',
          'openssl x509 -in leaf.pem -noout -ext extendedKeyUsage,keyUsage',
        ),
      };
    case 'weak-key':
      return {
        ...base,
        files: [],
        steps: reissue(
          "Make a new key (ECDSA P-256, or RSA 2048 bits or more) and reissue the certificate. Debian's OpenSSL (security level 2) will not even load an RSA-1024 certificate in nginx.",
          'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server.key',
        ),
      };
    case 'weak-signature':
      return {
        ...base,
        files: [],
        steps: reissue('Have the CA reissue the certificate signed with SHA-256.', 'openssl x509 -in leaf.pem -noout -text | grep "Signature Algorithm"'),
      };
    case 'name-constraints':
      return {
        ...base,
        files: [],
        steps: reissue(
          'Issue the certificate from a CA whose name constraints permit the name, or use a name inside the permitted subtree.',
          'openssl x509 -in ica.pem -noout -ext nameConstraints',
        ),
      };
    case 'client-cert-required':
      return {
        ...base,
        files: [],
        steps: [
          {
            who: 'client',
            label: 'Present a client certificate the server accepts.',
            code: `curl --cert client.pem --key client.key https://${host}/\nopenssl s_client -connect ${host}:443 -cert client.pem -key client.key\nrequests.get("https://${host}/", cert=("client.pem", "client.key"))`,
          },
          { who: 'server', label: 'Or, if client certificates are optional here, ask for one without requiring it (nginx: ssl_verify_client optional).' },
        ],
      };
    // No scenario-specific commands: the shared cause table's two actions.
    case 'bad-signature':
    case 'revoked':
    case 'protocol-mismatch':
    case 'unknown':
      return {
        ...base,
        files: [],
        steps: [
          { who: 'server', label: c.actions.server },
          { who: 'client', label: c.actions.client },
        ],
      };
    default:
      return assertNever(cause, 'cause');
  }
}
