#!/usr/bin/env bash
# Regenerates the example output of content/lessons/them-or-us.mdx (out/them-or-us/): the
# three-step test against the lab servers (lib.sh). Here the lab root plays a public root: it is
# added to the OS store (update-ca-certificates, in the namespace's private copy) and to a private
# copy of certifi's bundle, so "curl with the OS store" and "Python with certifi" both trust it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out them-or-us
lab_servers
lab_private_os_store
cp root.pem /usr/local/share/ca-certificates/certlab-lab-root.crt
cp acme-root.pem /usr/local/share/ca-certificates/acme-root.crt # the company root, in the OS store only
update-ca-certificates >/dev/null 2>&1
certifi=$(python3 -c 'import certifi; print(certifi.where())')
cat "$certifi" root.pem >"$LAB_TMP/certifi.pem"
lab_mount "$LAB_TMP/certifi.pem" "$certifi"

# three <name> <url>: step 1 (curl, OS store) and step 2 (Python requests, certifi).
three() {
  cap "$1" "curl -sS -o /dev/null -w 'HTTP %{http_code}\\n' $2 2>&1 | head -n 1"
  cap "$1" "python3 -c \"import requests; print(requests.get('$2').status_code)\" 2>&1 | tail -n 1"
}
three server-broken https://api.example.com:8443/
three known-good https://api.example.com/
three private-ca https://vault.acme.internal:8446/
three expired https://old.example.com:8445/

# Step 0: variables that replace a client's default store. One left set (here a bundle holding only
# the company root) makes Python fail against the known-good host while curl still works.
cap env-vars "env | grep -E '^(REQUESTS_CA_BUNDLE|SSL_CERT_FILE|SSL_CERT_DIR|CURL_CA_BUNDLE)=' || echo 'none set'"
cap env-override "REQUESTS_CA_BUNDLE=acme-root.pem python3 -c \"import requests; print(requests.get('https://api.example.com/').status_code)\" 2>&1 | tail -n 1"
cap env-override "env -u REQUESTS_CA_BUNDLE python3 -c \"import requests; print(requests.get('https://api.example.com/').status_code)\" 2>&1 | tail -n 1"

# A machine whose trust store is broken: nothing works, not even the known-good host.
mkdir "$LAB_TMP/empty"
lab_mount "$LAB_TMP/empty" /etc/ssl/certs
cap machine-broken "curl -sS -o /dev/null -w 'HTTP %{http_code}\\n' https://api.example.com/ 2>&1 | head -n 1"
