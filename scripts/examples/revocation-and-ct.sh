#!/usr/bin/env bash
# Regenerates the example output of content/lessons/revocation-and-ct.mdx (out/revocation-and-ct/):
# a small CA run with `openssl ca` revokes a certificate, publishes a CRL, answers OCSP
# (`openssl ocsp` as the responder on port 8888 of the namespace's loopback, its only interface), and a server
# staples the OCSP answer (`s_server -status_file`).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out revocation-and-ct
mkdir ca
: >ca/index.txt
echo 1000 >ca/serial
cat >ca.cnf <<'CNF'
[ca]
default_ca = lab
[lab]
database = ca/index.txt
new_certs_dir = ca
serial = ca/serial
default_md = sha256
default_days = 90
default_crl_days = 7
policy = any
copy_extensions = copy
[any]
commonName = supplied
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
authorityInfoAccess = OCSP;URI:http://127.0.0.1:8888/
crlDistributionPoints = URI:http://127.0.0.1:8080/ca.crl
CNF
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout ca.key -out ca.pem -days 365 -subj "/CN=Revocation Lab CA" 2>/dev/null
for n in good bad; do
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout $n.key -subj "/CN=$n.example.com" -addext "subjectAltName=DNS:$n.example.com" -out $n.csr 2>/dev/null
  openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -extensions leaf -in $n.csr -out $n.pem -notext 2>/dev/null
done

cap aia 'openssl x509 -in bad.pem -noout -ext authorityInfoAccess,crlDistributionPoints'
cap revoke 'openssl ca -config ca.cnf -cert ca.pem -keyfile ca.key -revoke bad.pem -crl_reason keyCompromise'
cap revoke 'openssl ca -config ca.cnf -cert ca.pem -keyfile ca.key -gencrl -out ca.crl'
cap revoke 'openssl crl -in ca.crl -noout -text | grep -A3 "Revoked Certificates"'
cap crl-check 'openssl verify -CAfile ca.pem bad.pem'
cap crl-check 'openssl verify -crl_check -CRLfile ca.crl -CAfile ca.pem bad.pem'
cap crl-check 'openssl verify -crl_check -CRLfile ca.crl -CAfile ca.pem good.pem'

# No probing connection to see it is up: OpenSSL 3.0's responder spins on a connection closed
# before a request arrives. It answers the three requests below, then ends.
openssl ocsp -index ca/index.txt -port 8888 -rsigner ca.pem -rkey ca.key -CA ca.pem -nrequest 3 >/dev/null 2>&1 &
LAB_PIDS+=($!)
sleep 1
cap ocsp 'openssl ocsp -issuer ca.pem -cert bad.pem -url "$(openssl x509 -in bad.pem -noout -ocsp_uri)" -CAfile ca.pem'
cap ocsp 'openssl ocsp -issuer ca.pem -cert good.pem -url http://127.0.0.1:8888/ -CAfile ca.pem'

# Stapling: the server fetches the OCSP answer itself and sends it in the handshake.
openssl ocsp -issuer ca.pem -cert bad.pem -url http://127.0.0.1:8888/ -CAfile ca.pem -respout bad.ocsp >/dev/null 2>&1
lab_server 8453 -cert bad.pem -key bad.key -status_file bad.ocsp
cap stapling 'openssl s_client -connect 127.0.0.1:8453 -status -CAfile ca.pem </dev/null 2>/dev/null | grep -E "OCSP Response Status|Cert Status|Revocation Reason"'
cap stapling 'openssl s_client -connect 127.0.0.1:8453 -CAfile ca.pem </dev/null 2>/dev/null | grep -c "OCSP response"'
