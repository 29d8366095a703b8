/**
 * Client-side fixes: how each client is told to trust a CA certificate (a company root, or an
 * intermediate while the server is being fixed), as exact commands. A Record keyed by ClientId,
 * so a new client in the registry (src/core/clients/registry.ts) does not compile until its
 * fix is written here. Where the platforms differ, each command says which one it is for.
 *
 * These are for the client at hand. When the server sends an incomplete chain, the fix belongs
 * on the server (the chain to serve); a client-side trust change only hides it for that client.
 */
import type { ClientId } from '../clients/registry.ts';

export interface ClientFixInput {
  /** The CA certificate file, PEM (e.g. /path/to/ca.pem). */
  caFile: string;
  host: string;
  port: number;
}

export interface ClientFixCommand {
  /** Where it applies and what it does, in one sentence. */
  label: string;
  code: string;
}

/** A name safe in file names and aliases: letters, digits, dots and dashes. */
const slug = (host: string) => host.replace(/[^a-z0-9.-]/gi, '-').toLowerCase();

/** The operating system's store: what OpenSSL-based clients (curl, Python's ssl, Go, .NET on Linux) read. */
function systemStore(caFile: string, host: string): ClientFixCommand[] {
  const name = `${slug(host)}-ca.crt`;
  return [
    { label: 'Debian, Ubuntu: add to the system store.', code: `sudo cp ${caFile} /usr/local/share/ca-certificates/${name}\nsudo update-ca-certificates` },
    {
      label: 'RHEL, Fedora, Rocky, Amazon Linux: add to the system store.',
      code: `sudo cp ${caFile} /etc/pki/ca-trust/source/anchors/${name}\nsudo update-ca-trust`,
    },
    {
      label: 'Alpine: add to the system store.',
      code: `apk add ca-certificates\ncp ${caFile} /usr/local/share/ca-certificates/${name}\nupdate-ca-certificates`,
    },
    {
      label: 'macOS: add to the System keychain as trusted.',
      code: `sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${caFile}`,
    },
  ];
}

const FIXES: Record<ClientId, (i: ClientFixInput) => ClientFixCommand[]> = {
  openssl: ({ caFile, host, port }) => [
    {
      label: 'Name the CA file for this check.',
      code: `openssl s_client -connect ${host}:${port} -servername ${host} -CAfile ${caFile} -verify_return_error </dev/null`,
    },
    ...systemStore(caFile, host),
  ],
  curl: ({ caFile, host, port }) => [
    {
      label: 'Name the CA file for one call (replaces the default bundle for it).',
      code: `curl --cacert ${caFile} https://${host}${port === 443 ? '' : `:${port}`}/`,
    },
    { label: 'For every call in this shell.', code: `export CURL_CA_BUNDLE=${caFile}` },
    ...systemStore(caFile, host),
  ],
  python: ({ caFile }) => [
    {
      label: "requests: REQUESTS_CA_BUNDLE replaces certifi's bundle, so build one that keeps the public roots too.",
      code: `cat "$(python3 -m certifi)" ${caFile} > ca-bundle.pem\nexport REQUESTS_CA_BUNDLE=$PWD/ca-bundle.pem`,
    },
    { label: 'ssl, urllib, httpx without certifi: the OpenSSL default file.', code: `export SSL_CERT_FILE=${caFile}` },
    { label: 'pip.', code: `pip config set global.cert ${caFile}` },
  ],
  node: ({ caFile }) => [
    { label: "Adds to Node's built-in roots; read once at start-up.", code: `NODE_EXTRA_CA_CERTS=${caFile} node app.js` },
    { label: 'npm.', code: `npm config set cafile ${caFile}` },
  ],
  java: ({ caFile, host }) => [
    {
      label: "The JDK's own cacerts (Java 9 and later; default password changeit).",
      code: `keytool -importcert -noprompt -trustcacerts -alias ${slug(host)}-ca -file ${caFile} -cacerts -storepass changeit`,
    },
    {
      label: 'Debian, Ubuntu: the system Java store is /etc/ssl/certs/java/cacerts, rebuilt from the system store.',
      code: `sudo cp ${caFile} /usr/local/share/ca-certificates/${slug(host)}-ca.crt\nsudo update-ca-certificates`,
    },
    {
      label: 'RHEL, Fedora: the system Java store is /etc/pki/ca-trust/extracted/java/cacerts, rebuilt from the system store.',
      code: `sudo cp ${caFile} /etc/pki/ca-trust/source/anchors/${slug(host)}-ca.crt\nsudo update-ca-trust`,
    },
    {
      label: 'One application only: its own trust store (it then trusts only what that store holds).',
      code: `keytool -importcert -noprompt -alias ${slug(host)}-ca -file ${caFile} -keystore truststore.p12 -storetype PKCS12 -storepass changeit\njava -Djavax.net.ssl.trustStore=truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit -jar app.jar`,
    },
  ],
  go: ({ caFile, host }) => [
    { label: 'Linux: Go reads the system store, or the file SSL_CERT_FILE names.', code: `SSL_CERT_FILE=${caFile} ./program` },
    ...systemStore(caFile, host),
  ],
  rustls: ({ caFile }) => [
    {
      label: 'uv (Python): point it at a bundle that holds the CA (uv reads SSL_CERT_FILE), or use the system store with --native-tls.',
      code: `SSL_CERT_FILE=${caFile} uv sync`,
    },
    {
      label:
        'reqwest (Rust, rustls-tls): add the CA to the client; the rustls-tls-native-roots feature reads the system store instead of the bundled Mozilla list.',
      code: `let ca = reqwest::Certificate::from_pem(&std::fs::read("${caFile}")?)?;\nlet client = reqwest::Client::builder().add_root_certificate(ca).build()?;`,
    },
  ],
  dotnet: ({ caFile, host }) => [
    {
      label: "Windows: the machine's Trusted Root store (PowerShell as administrator).",
      code: `Import-Certificate -FilePath ${caFile} -CertStoreLocation Cert:\\LocalMachine\\Root`,
    },
    ...systemStore(caFile, host).filter((c) => !c.label.startsWith('macOS')),
  ],
  chrome: ({ caFile, host }) => [
    {
      label: "Linux: Chrome's NSS database (libnss3-tools), then restart Chrome.",
      code: `certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n ${slug(host)}-ca -i ${caFile}`,
    },
    {
      label: 'Windows: the Trusted Root store (PowerShell as administrator).',
      code: `Import-Certificate -FilePath ${caFile} -CertStoreLocation Cert:\\LocalMachine\\Root`,
    },
    ...systemStore(caFile, host).filter((c) => c.label.startsWith('macOS')),
  ],
  firefox: ({ caFile }) => [
    {
      label: "Any platform: an enterprise policy (policies.json in the Firefox installation's distribution folder).",
      code: `{\n  "policies": {\n    "Certificates": {\n      "Install": ["${caFile}"]\n    }\n  }\n}`,
    },
    { label: 'Windows, macOS: also trust the roots the operating system trusts (about:config).', code: 'security.enterprise_roots.enabled = true' },
  ],
};

export function clientFixCommands(client: ClientId, input: ClientFixInput): ClientFixCommand[] {
  return FIXES[client](input);
}

/** Tools that are not judged as clients but often meet a private CA. */
export const TOOL_IDS = ['docker', 'git'] as const;
export type ToolId = (typeof TOOL_IDS)[number];

const TOOL_FIXES: Record<ToolId, (i: ClientFixInput) => ClientFixCommand> = {
  docker: ({ caFile, host, port }) => ({
    label: 'Docker pulling from this registry (no restart needed).',
    code: `sudo mkdir -p /etc/docker/certs.d/${host}${port === 443 ? '' : `:${port}`}\nsudo cp ${caFile} /etc/docker/certs.d/${host}${port === 443 ? '' : `:${port}`}/ca.crt`,
  }),
  git: ({ caFile, host, port }) => ({
    label: 'git over HTTPS to this host only.',
    code: `git config --global http.https://${host}${port === 443 ? '' : `:${port}`}/.sslCAInfo ${caFile}`,
  }),
};

export function toolFixCommand(tool: ToolId, input: ClientFixInput): ClientFixCommand {
  return TOOL_FIXES[tool](input);
}
