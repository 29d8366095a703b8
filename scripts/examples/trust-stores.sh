#!/usr/bin/env bash
# Regenerates the example output of content/lessons/trust-stores.mdx (out/trust-stores/):
# where OpenSSL, Python, Node.js, Java and Go on this Debian machine find their roots, how
# many each holds, and how the variables that replace or extend them behave.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out trust-stores
lab_servers
cp "$EXAMPLES_DIR/tlscheck.go" .

cap openssl 'openssl version -d'
cap openssl 'ls -l /usr/lib/ssl/certs | head -n 1; readlink /usr/lib/ssl/certs'
cap openssl 'grep -c "BEGIN CERTIFICATE" /etc/ssl/certs/ca-certificates.crt'
cap python 'python3 -c "import ssl; print(ssl.get_default_verify_paths())"'
cap python 'python3 -c "import certifi; print(certifi.where())"'
cap python 'grep -c "BEGIN CERTIFICATE" "$(python3 -c "import certifi; print(certifi.where())")"'
cap node "node -p 'require(\"tls\").rootCertificates.length'"
cap java 'keytool -list -cacerts -storepass changeit | head -n 4'

# The variables: extend (NODE_EXTRA_CA_CERTS) versus replace (SSL_CERT_FILE for Go and OpenSSL).
cap extend "NODE_EXTRA_CA_CERTS=acme-root.pem node -e \"fetch('https://vault.acme.internal:8446/').then(r => console.log(r.status))\""
cap replace 'go run tlscheck.go https://vault.acme.internal:8446/'
cap replace 'SSL_CERT_FILE=acme-root.pem go run tlscheck.go https://vault.acme.internal:8446/'
cap replace 'SSL_CERT_FILE=acme-root.pem go run tlscheck.go https://api.example.com/'
cap replace 'SSL_CERT_FILE=root.pem go run tlscheck.go https://api.example.com/'
cap replace "SSL_CERT_FILE=acme-root.pem python3 -c \"import requests; requests.get('https://vault.acme.internal:8446/')\" 2>&1 | tail -n 1"
cap replace "SSL_CERT_FILE=acme-root.pem python3 -c \"import urllib.request; print(urllib.request.urlopen('https://vault.acme.internal:8446/').status)\""
