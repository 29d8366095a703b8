/** Client-side fix commands (issue #14, item 5): exact texts; keytool's is also run for real in test/fix/servers.test.ts. */
import { describe, expect, it } from 'vitest';
import { CLIENT_IDS } from '../clients/registry.ts';
import { TOOL_IDS, clientFixCommands, toolFixCommand } from './client-fixes.ts';

const input = { caFile: '/tmp/ca.pem', host: 'registry.example', port: 5000 };

describe('clientFixCommands', () => {
  it('every client has a command that names the CA file', () => {
    expect(CLIENT_IDS.filter((id) => !clientFixCommands(id, input).some((c) => c.code.includes('/tmp/ca.pem')))).toEqual([]);
  });

  it('java: keytool into cacerts, and where Debian and RHEL keep the system Java store', () => {
    expect(clientFixCommands('java', input)).toEqual([
      {
        label: "The JDK's own cacerts (Java 9 and later; default password changeit).",
        code: 'keytool -importcert -noprompt -trustcacerts -alias registry.example-ca -file /tmp/ca.pem -cacerts -storepass changeit',
      },
      {
        label: 'Debian, Ubuntu: the system Java store is /etc/ssl/certs/java/cacerts, rebuilt from the system store.',
        code: 'sudo cp /tmp/ca.pem /usr/local/share/ca-certificates/registry.example-ca.crt\nsudo update-ca-certificates',
      },
      {
        label: 'RHEL, Fedora: the system Java store is /etc/pki/ca-trust/extracted/java/cacerts, rebuilt from the system store.',
        code: 'sudo cp /tmp/ca.pem /etc/pki/ca-trust/source/anchors/registry.example-ca.crt\nsudo update-ca-trust',
      },
      {
        label: 'One application only: its own trust store (it then trusts only what that store holds).',
        code:
          'keytool -importcert -noprompt -alias registry.example-ca -file /tmp/ca.pem -keystore truststore.p12 -storetype PKCS12 -storepass changeit\n' +
          'java -Djavax.net.ssl.trustStore=truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit -jar app.jar',
      },
    ]);
  });

  it('node: NODE_EXTRA_CA_CERTS and npm', () => {
    expect(clientFixCommands('node', input)).toEqual([
      { label: "Adds to Node's built-in roots; read once at start-up.", code: 'NODE_EXTRA_CA_CERTS=/tmp/ca.pem node app.js' },
      { label: 'npm.', code: 'npm config set cafile /tmp/ca.pem' },
    ]);
  });

  it('python: a bundle that keeps certifi for REQUESTS_CA_BUNDLE, SSL_CERT_FILE, pip', () => {
    expect(clientFixCommands('python', input)).toEqual([
      {
        label: "requests: REQUESTS_CA_BUNDLE replaces certifi's bundle, so build one that keeps the public roots too.",
        code: 'cat "$(python3 -m certifi)" /tmp/ca.pem > ca-bundle.pem\nexport REQUESTS_CA_BUNDLE=$PWD/ca-bundle.pem',
      },
      { label: 'ssl, urllib, httpx without certifi: the OpenSSL default file.', code: 'export SSL_CERT_FILE=/tmp/ca.pem' },
      { label: 'pip.', code: 'pip config set global.cert /tmp/ca.pem' },
    ]);
  });

  it('curl: --cacert with the port, CURL_CA_BUNDLE, then the system store per platform', () => {
    expect(clientFixCommands('curl', input).map((c) => [c.label, c.code])).toEqual([
      ['Name the CA file for one call (replaces the default bundle for it).', 'curl --cacert /tmp/ca.pem https://registry.example:5000/'],
      ['For every call in this shell.', 'export CURL_CA_BUNDLE=/tmp/ca.pem'],
      ['Debian, Ubuntu: add to the system store.', 'sudo cp /tmp/ca.pem /usr/local/share/ca-certificates/registry.example-ca.crt\nsudo update-ca-certificates'],
      [
        'RHEL, Fedora, Rocky, Amazon Linux: add to the system store.',
        'sudo cp /tmp/ca.pem /etc/pki/ca-trust/source/anchors/registry.example-ca.crt\nsudo update-ca-trust',
      ],
      [
        'Alpine: add to the system store.',
        'apk add ca-certificates\ncp /tmp/ca.pem /usr/local/share/ca-certificates/registry.example-ca.crt\nupdate-ca-certificates',
      ],
      ['macOS: add to the System keychain as trusted.', 'sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain /tmp/ca.pem'],
    ]);
  });

  it('docker and git name the host and port', () => {
    expect(TOOL_IDS.map((t) => toolFixCommand(t, input))).toEqual([
      {
        label: 'Docker pulling from this registry (no restart needed).',
        code: 'sudo mkdir -p /etc/docker/certs.d/registry.example:5000\nsudo cp /tmp/ca.pem /etc/docker/certs.d/registry.example:5000/ca.crt',
      },
      { label: 'git over HTTPS to this host only.', code: 'git config --global http.https://registry.example:5000/.sslCAInfo /tmp/ca.pem' },
    ]);
  });
});
