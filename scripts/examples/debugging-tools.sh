#!/usr/bin/env bash
# Regenerates the example output of content/lessons/debugging-tools.mdx (out/debugging-tools/):
# each client's verbose mode against the lab server that forgets its intermediate (port 8443)
# and the correct one (443): curl -v, s_client -msg, Java's javax.net.debug, a key log file.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out debugging-tools
lab_servers
cp "$EXAMPLES_DIR/TlsCheck.java" .
keytool -importcert -noprompt -alias lab-root -file root.pem -keystore lab-trust.p12 -storepass changeit >/dev/null 2>&1

cap curl-v "curl -sv --cacert root.pem https://api.example.com:8443/ -o /dev/null 2>&1 | grep -E '^\\* ' | grep -vE 'Closing|Connection #'"
cap curl-v-good "curl -sv --cacert root.pem https://api.example.com/ -o /dev/null 2>&1 | grep -E '^\\* (SSL connection|Server certificate)|^\\*  (subject|start date|expire date|issuer|SSL certificate verify)'"
cap s-client-msg "openssl s_client -connect api.example.com:8443 -msg -CAfile root.pem </dev/null 2>&1 | grep -E '^(<<<|>>>)' | head -n 12"
cap java-debug "java -Djavax.net.debug=ssl:handshake -Djavax.net.ssl.trustStore=lab-trust.p12 -Djavax.net.ssl.trustStorePassword=changeit TlsCheck.java https://api.example.com:8443/ 2>&1 | grep -oE '(Produced|Consuming) [A-Za-z]+ handshake message|Fatal \\([A-Z_]+\\): [^(]*|^[A-Za-z.]*Exception: .{0,80}' | uniq"
cap keylog "SSLKEYLOGFILE=keys.log curl -s --cacert root.pem https://api.example.com/ -o /dev/null; cut -d ' ' -f 1 keys.log"
cap keylog "node --tls-keylog=keys-node.log -e \"require('https').get('https://api.example.com/', { ca: require('fs').readFileSync('root.pem') }, r => console.log(r.statusCode))\"; wc -l < keys-node.log"
