#!/usr/bin/env bash
# Regenerates the example output of content/lessons/resolution.mdx (out/resolution/): each
# client told to trust the Acme private root (vault.acme.internal, port 8446), and each client
# presenting the lab client certificate to the mTLS server (api.example.com, port 8447), plus
# what verify=False really does against an impostor. Servers: lib.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out resolution
lab_servers
cp "$EXAMPLES_DIR/TlsCheck.java" .
# The impostor: a self-signed certificate for the same name, made by someone else (port 8449).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout impostor.key -out impostor.pem \
  -subj '/CN=api.example.com' -addext 'subjectAltName=DNS:api.example.com' -days 30 2>/dev/null
lab_server 8449 -cert impostor.pem -key impostor.key

V=https://vault.acme.internal:8446/
M=https://api.example.com:8447/
cap python-ca "python3 -c \"import requests; print(requests.get('$V', verify='acme-root.pem').status_code)\""
cap python-ca "REQUESTS_CA_BUNDLE=acme-root.pem python3 -c \"import requests; print(requests.get('$V').status_code)\""
cap python-mtls "python3 -c \"import requests; print(requests.get('$M', verify='root.pem', cert=('client.pem', 'client.key')).status_code)\""
cap node-ca "node -e \"require('https').get('$V', { ca: require('fs').readFileSync('acme-root.pem') }, r => console.log(r.statusCode))\""
cap node-ca "NODE_EXTRA_CA_CERTS=acme-root.pem node -e \"fetch('$V').then(r => console.log(r.status))\""
cap node-mtls "node -e \"const fs = require('fs'); require('https').get('$M', { ca: fs.readFileSync('root.pem'), cert: fs.readFileSync('client.pem'), key: fs.readFileSync('client.key') }, r => console.log(r.statusCode))\""
cap java-ca 'keytool -importcert -noprompt -alias acme-root -file acme-root.pem -keystore truststore.p12 -storetype PKCS12 -storepass changeit'
cap java-ca 'keytool -list -v -keystore truststore.p12 -storepass changeit | grep -E "^(Alias name|Entry type|Owner):"'
cap java-ca "java -Djavax.net.ssl.trustStore=truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit TlsCheck.java $V"
keytool -importcert -noprompt -alias lab-root -file root.pem -keystore lab-trust.p12 -storetype PKCS12 -storepass changeit >/dev/null 2>&1
cap java-mtls "java -Djavax.net.ssl.trustStore=lab-trust.p12 -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.keyStore=client.p12 -Djavax.net.ssl.keyStorePassword=certlab -Djavax.net.ssl.keyStoreType=PKCS12 TlsCheck.java $M"
cap curl-ca "curl -sS --cacert acme-root.pem -o /dev/null -w 'HTTP %{http_code}\\n' $V"
cap curl-mtls "curl -sS --cacert root.pem --cert client.pem --key client.key -o /dev/null -w 'HTTP %{http_code}\\n' $M"
cap verify-false "python3 -c \"import requests; print(requests.get('https://api.example.com:8449/', verify=False).status_code)\""
cap verify-false "python3 -c \"import requests; print(requests.get('https://api.example.com:8449/').status_code)\" 2>&1 | tail -n 1"

# The email's evidence: the audit of the server that forgot its intermediate.
cp "$REPO_DIR/public/examples/ssl-audit.sh" .
cap email-evidence 'CAFILE=root.pem ./ssl-audit.sh api.example.com:8443'

# Debian's curl: --cacert (and CURL_CA_BUNDLE) replace the CA *file* only; the built-in CApath,
# /etc/ssl/certs, is still searched. With the Acme root in the OS store, --cacert root.pem (a
# bundle without it) still reaches the vault; only --capath to an empty folder isolates the test.
lab_private_os_store
cp acme-root.pem /usr/local/share/ca-certificates/acme-root.crt
update-ca-certificates >/dev/null 2>&1
mkdir empty-capath
cap curl-capath "curl -sS --cacert root.pem -o /dev/null -w 'HTTP %{http_code}\\n' $V"
cap curl-capath "CURL_CA_BUNDLE=root.pem curl -sS -o /dev/null -w 'HTTP %{http_code}\\n' $V"
cap curl-capath "curl -sS --cacert root.pem --capath empty-capath -o /dev/null -w 'HTTP %{http_code}\\n' $V 2>&1 | head -n 1"
