#!/usr/bin/env bash
# Builds the lab PKI every lesson's examples use, into public/examples/lab/ (readers can
# download it). Dates are fixed, so the committed files give the same output on every run;
# keys are random, so the files are made once and kept: pass --force to remake them.
# The certificates live ten years or more so that the examples stay reproducible; real server
# certificates live at most 200 days (since 2026-03-15), 100 from 2027-03-15, 47 from 2029-03-15.
#
#   certlab Lab Root CA (self-signed, 2026-01-01 .. 2046-01-01)
#     └─ certlab Lab Issuing CA 1 (pathlen:0)
#          ├─ api.example.com     (serverAuth, SAN DNS:api.example.com, 2026-01-01 .. 2036-01-01)
#          ├─ old.example.com     (serverAuth, expired: 2025-01-01 .. 2025-06-30)
#          └─ build-agent-7       (clientAuth, for mTLS)
#   Acme Corp Internal Root (another self-signed root: the "company CA" no client knows)
#     └─ vault.acme.internal     (serverAuth, issued directly by the root)
set -euo pipefail
LAB="$(cd "$(dirname "$0")/../../public/examples" && pwd)/lab"
if [[ -f "$LAB/root.pem" && "${1:-}" != --force ]]; then
  echo "lab PKI already present in $LAB (use --force to remake it)"
  exit 0
fi
mkdir -p "$LAB"
cd "$LAB"
rm -f ./*.pem ./*.key ./*.der ./*.p7b ./*.p12 ./*.csr
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# `openssl ca` is the only OpenSSL 3.0 command that takes explicit start and end dates.
ca() { # ca <issuer-cert> <issuer-key> <csr> <out> <start> <end> <extensions-section>
  : >"$W/index.txt"
  cat >"$W/ca.cnf" <<CNF
[ca]
default_ca = lab
[lab]
database = $W/index.txt
new_certs_dir = $W
serial = $W/serial
default_md = sha256
policy = any
unique_subject = no
preserve = yes
copy_extensions = none
[any]
countryName = optional
organizationName = optional
commonName = supplied
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ica]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[api]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:api.example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = caIssuers;URI:http://pki.example.com/lab-issuing-ca-1.der
[old]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:old.example.com
authorityKeyIdentifier = keyid
[vault]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:vault.acme.internal
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
CNF
  printf '%s\n' "${8:-1000}" >"$W/serial"
  if [[ "$1" == self ]]; then
    openssl ca -batch -notext -config "$W/ca.cnf" -selfsign -keyfile "$2" -in "$3" -out "$4" \
      -startdate "$5" -enddate "$6" -extensions "$7" 2>/dev/null
  else
    openssl ca -batch -notext -config "$W/ca.cnf" -cert "$1" -keyfile "$2" -in "$3" -out "$4" \
      -startdate "$5" -enddate "$6" -extensions "$7" 2>/dev/null
  fi
}
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
csr() { openssl req -new -key "$1" -subj "$2" -out "$3"; }

key root.key; csr root.key '/C=GB/O=certlab/CN=certlab Lab Root CA' "$W/root.csr"
ca self root.key "$W/root.csr" root.pem 20260101000000Z 20460101000000Z root 4096
key intermediate.key; csr intermediate.key '/C=GB/O=certlab/CN=certlab Lab Issuing CA 1' "$W/ica.csr"
ca root.pem root.key "$W/ica.csr" intermediate.pem 20260101000000Z 20410101000000Z ica 4097
key leaf.key; csr leaf.key '/CN=api.example.com' "$W/leaf.csr"
ca intermediate.pem intermediate.key "$W/leaf.csr" leaf.pem 20260101000000Z 20360101000000Z api 4098
key old.key; csr old.key '/CN=old.example.com' "$W/old.csr"
ca intermediate.pem intermediate.key "$W/old.csr" expired.pem 20250101000000Z 20250630000000Z old 4099
key client.key; csr client.key '/O=certlab/CN=build-agent-7' "$W/client.csr"
ca intermediate.pem intermediate.key "$W/client.csr" client.pem 20260101000000Z 20360101000000Z client 4100
key acme-root.key; csr acme-root.key '/O=Acme Corp/CN=Acme Corp Internal Root' "$W/acme.csr"
ca self acme-root.key "$W/acme.csr" acme-root.pem 20260101000000Z 20460101000000Z root 4101
key vault.key; csr vault.key '/CN=vault.acme.internal' "$W/vault.csr"
ca acme-root.pem acme-root.key "$W/vault.csr" vault.pem 20260101000000Z 20360101000000Z vault 4102

# The server-side bundles and the other encodings the lessons convert between.
cat leaf.pem intermediate.pem >fullchain.pem
cat vault.pem >vault-fullchain.pem
openssl x509 -in leaf.pem -outform DER -out leaf.der
openssl crl2pkcs7 -nocrl -certfile fullchain.pem -out fullchain.p7b
openssl pkcs12 -export -in leaf.pem -inkey leaf.key -certfile intermediate.pem \
  -name api.example.com -passout pass:certlab -out api.p12
openssl pkcs12 -export -legacy -in leaf.pem -inkey leaf.key -certfile intermediate.pem \
  -name api.example.com -passout pass:certlab -out api-legacy.p12
openssl pkcs12 -export -in client.pem -inkey client.key -certfile intermediate.pem \
  -name build-agent-7 -passout pass:certlab -out client.p12
echo "lab PKI written to $LAB"
