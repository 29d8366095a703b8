#!/usr/bin/env bash
# Regenerates the example output of content/lessons/making-certificates.mdx (out/making-certificates/):
# keys of each type, a CSR with SANs, a private CA with the right extensions, and the two
# mistakes a home-made CA makes most often (a CA certificate without CA:TRUE, a leaf without SAN).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out making-certificates

cap keys 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.key'
cap keys 'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -quiet -out rsa.key'
cap keys 'openssl genpkey -algorithm ED25519 -out ed25519.key'
cap keys 'for k in ec rsa ed25519; do openssl pkey -in $k.key -noout -text | head -n 1; done'
cap keys 'wc -c ec.key rsa.key ed25519.key'

cap csr 'openssl req -new -key ec.key -subj "/CN=api.example.com" -addext "subjectAltName=DNS:api.example.com,DNS:www.api.example.com" -out api.csr'
cap csr 'openssl req -in api.csr -noout -verify -subject'
cap csr 'openssl req -in api.csr -noout -text | grep -A1 "Subject Alternative Name"'

cap ca 'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout ca.key -out ca.pem -days 3650 -subj "/CN=Example Private Root CA" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"'
cap ca 'openssl x509 -in ca.pem -noout -ext basicConstraints,keyUsage'
cat >server.ext <<'EXT'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:api.example.com, DNS:www.api.example.com
EXT
cap sign 'cat server.ext'
cap sign 'openssl x509 -req -in api.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 90 -extfile server.ext -out api.pem'
cap sign 'openssl x509 -in api.pem -noout -subject -issuer -ext subjectAltName,extendedKeyUsage'
cap sign 'openssl verify -CAfile ca.pem -verify_hostname www.api.example.com api.pem'

# Mistake 1: a "CA" signed without CA:TRUE (x509 -req without -extfile adds no basicConstraints).
cap no-ca-true 'openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout ica.key -subj "/CN=Example Issuing CA" -out ica.csr'
cap no-ca-true 'openssl x509 -req -in ica.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 365 -out ica.pem'
cap no-ca-true 'openssl x509 -req -in api.csr -CA ica.pem -CAkey ica.key -CAcreateserial -days 90 -extfile server.ext -out api2.pem'
cap no-ca-true 'openssl verify -CAfile ca.pem -untrusted ica.pem api2.pem'

# Mistake 2: a leaf with only a Common Name.
cap no-san 'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout cn.key -out cn.pem -days 90 -subj "/CN=api.example.com" -addext "basicConstraints=critical,CA:FALSE"'
lab_server 8443 -cert cn.pem -key cn.key
cp "$EXAMPLES_DIR/tlscheck.go" .
cap no-san "curl -sS --cacert cn.pem https://api.example.com:8443/ -o /dev/null -w 'HTTP %{http_code}\\n' 2>&1 | head -n 1"
cap no-san "NODE_EXTRA_CA_CERTS=cn.pem node -e \"fetch('https://api.example.com:8443/').then(r => console.log(r.status), e => console.log(e.cause.code, e.cause.message))\""
cap no-san "SSL_CERT_FILE=cn.pem go run tlscheck.go https://api.example.com:8443/"
cap no-san "python3 -c \"import requests; requests.get('https://api.example.com:8443/', verify='cn.pem')\" 2>&1 | tail -n 1"
