#!/usr/bin/env bash
# Regenerates the example output of content/lessons/corporate-inspection.mdx (out/corporate-inspection/):
# a stand-in for a TLS-inspecting proxy — a server on api.example.com:8449 whose certificate for
# that name is issued by "Example Corp TLS Inspection CA" (made here) — next to the lab's real
# api.example.com on 443; how each client reports it, and each tool's own CA setting.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out corporate-inspection
lab_servers
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout corp-root.key -out corp-root.pem -days 3650 \
  -subj "/O=Example Corp/CN=Example Corp TLS Inspection CA" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout proxy.key -subj "/CN=api.example.com" -out proxy.csr 2>/dev/null
printf 'subjectAltName=DNS:api.example.com\nextendedKeyUsage=serverAuth\n' >proxy.ext
openssl x509 -req -in proxy.csr -CA corp-root.pem -CAkey corp-root.key -days 14 -extfile proxy.ext -out proxy.pem 2>/dev/null
lab_server 8449 -cert proxy.pem -key proxy.key

cap recognise 'openssl s_client -connect api.example.com:443 </dev/null 2>/dev/null | grep -A1 "^ 0 s:"'
cap recognise 'openssl s_client -connect api.example.com:8449 </dev/null 2>/dev/null | grep -A1 "^ 0 s:"'
cap recognise 'openssl s_client -connect api.example.com:8449 </dev/null 2>/dev/null | openssl x509 -noout -issuer -dates'

cap clients "curl -sS https://api.example.com:8449/ -o /dev/null 2>&1 | head -n 1"
cap clients "python3 -c \"import requests; requests.get('https://api.example.com:8449/')\" 2>&1 | tail -n 1"
cap clients "node -e \"fetch('https://api.example.com:8449/').catch(e => console.log(e.cause.code, e.cause.message))\""
cap clients 'git ls-remote https://api.example.com:8449/repo.git 2>&1 | head -n 1'

cap fixes "curl -sS --cacert corp-root.pem https://api.example.com:8449/ -o /dev/null -w 'HTTP %{http_code}\\n'"
cap fixes 'git -c http.sslCAInfo=corp-root.pem ls-remote https://api.example.com:8449/repo.git 2>&1 | head -n 1'
cap fixes "REQUESTS_CA_BUNDLE=corp-root.pem python3 -c \"import requests; print(requests.get('https://api.example.com:8449/').status_code)\""
cap fixes "NODE_EXTRA_CA_CERTS=corp-root.pem node -e \"fetch('https://api.example.com:8449/').then(r => console.log(r.status))\""
cap fixes 'python3 -m pip download --no-deps --cert corp-root.pem --index-url https://api.example.com:8449/simple/ example-package 2>&1 | grep -E "ERROR|SSL" | head -n 2'
