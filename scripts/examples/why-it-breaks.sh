#!/usr/bin/env bash
# Regenerates the example output of content/lessons/why-it-breaks.mdx (out/why-it-breaks/):
# curl, Python requests, Node.js and Java against the lab servers of lib.sh, one failure each.
# Except where a section is about trust stores, every client trusts the lab root, as it would
# trust a public root: curl --cacert, requests verify=, NODE_EXTRA_CA_CERTS, a Java trust store.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out why-it-breaks
lab_servers
cp "$EXAMPLES_DIR/TlsCheck.java" .
keytool -importcert -noprompt -alias lab-root -file root.pem -keystore lab-trust.p12 -storepass changeit >/dev/null 2>&1

# clients <name> <url>: the four clients, each trusting the lab root.
clients() {
  cap "$1" "curl -sS --cacert root.pem $2 -o /dev/null -w 'HTTP %{http_code}\\n' 2>&1 | head -n 1"
  cap "$1" "python3 -c \"import requests; requests.get('$2', verify='root.pem')\" 2>&1 | tail -n 1"
  cap "$1" "NODE_EXTRA_CA_CERTS=root.pem node -e \"fetch('$2').catch(e => console.log(e.cause.code, e.cause.message))\""
  cap "$1" "java -Djavax.net.ssl.trustStore=lab-trust.p12 -Djavax.net.ssl.trustStorePassword=changeit TlsCheck.java $2"
}
# defaults <name> <url>: the four clients with their own default trust stores.
defaults() {
  cap "$1" "curl -sS $2 -o /dev/null -w 'HTTP %{http_code}\\n' 2>&1 | head -n 1"
  cap "$1" "python3 -c \"import requests; requests.get('$2')\" 2>&1 | tail -n 1"
  cap "$1" "node -e \"fetch('$2').catch(e => console.log(e.cause.code, e.cause.message))\""
  cap "$1" "java TlsCheck.java $2"
}

clients incomplete-chain https://api.example.com:8443/
cap complete-chain "curl -sS --cacert root.pem https://api.example.com/ -o /dev/null -w '%{http_code}\n'"
cap complete-chain "python3 -c \"import requests; print(requests.get('https://api.example.com/', verify='root.pem').status_code)\""
cap complete-chain "NODE_EXTRA_CA_CERTS=root.pem node -e \"fetch('https://api.example.com/').then(r => console.log(r.status))\""
cap complete-chain "java -Djavax.net.ssl.trustStore=lab-trust.p12 -Djavax.net.ssl.trustStorePassword=changeit TlsCheck.java https://api.example.com/"

defaults unknown-ca https://vault.acme.internal:8446/
cap unknown-ca-root-sent "curl -sS https://vault.acme.internal:8448/ -o /dev/null 2>&1 | head -n 1"
cap unknown-ca-root-sent "python3 -c \"import requests; requests.get('https://vault.acme.internal:8448/')\" 2>&1 | tail -n 1"

clients expired https://old.example.com:8445/
clients hostname-mismatch https://www.api.example.com/

# Outdated or missing client stores. The OS store becomes a private copy (lib.sh), so the real
# update-ca-certificates can add the Acme root to it, as IT would on a company machine.
lab_private_os_store
cap os-store 'cp acme-root.pem /usr/local/share/ca-certificates/acme-root.crt'
cap os-store 'update-ca-certificates'
defaults os-store-clients https://vault.acme.internal:8446/
cap certifi 'python3 -c "import certifi; print(certifi.where())"'
cap certifi "REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt python3 -c \"import requests; print(requests.get('https://vault.acme.internal:8446/').status_code)\""
cap certifi "node --use-system-ca -e \"fetch('https://vault.acme.internal:8446/').then(r => console.log(r.status))\""

# An image without any CA bundle (FROM scratch, some distroless bases): an empty /etc/ssl/certs.
mkdir "$LAB_TMP/empty"
lab_mount "$LAB_TMP/empty" /etc/ssl/certs
cap no-bundle 'ls /etc/ssl/certs/'
cap no-bundle "curl -sS https://vault.acme.internal:8446/ -o /dev/null 2>&1 | head -n 2"

# A server that asks for a client certificate (mTLS), and a client that has none.
cap client-cert-required "curl -sS --cacert root.pem https://api.example.com:8447/ -o /dev/null 2>&1 | head -n 1"
cap client-cert-required "python3 -c \"import requests; requests.get('https://api.example.com:8447/', verify='root.pem')\" 2>&1 | tail -n 1"
