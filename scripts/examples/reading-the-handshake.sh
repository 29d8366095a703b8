#!/usr/bin/env bash
# Regenerates the example output of content/lessons/reading-the-handshake.mdx
# (out/reading-the-handshake/): openssl s_client and public/examples/ssl-audit.sh against the
# lab servers (lib.sh): port 443 sends leaf + intermediate, port 8443 the leaf alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out reading-the-handshake
lab_servers
cp "$REPO_DIR/public/examples/ssl-audit.sh" .

cap showcerts-good 'openssl s_client -connect api.example.com:443 -servername api.example.com -showcerts -CAfile root.pem </dev/null'
cap showcerts-leaf-only 'openssl s_client -connect api.example.com:8443 -servername api.example.com -showcerts -CAfile root.pem </dev/null'
cap system-store 'openssl s_client -connect api.example.com:443 -servername api.example.com </dev/null 2>&1 | grep -E "^(depth|verify|Verify)"'
cap brief 'openssl s_client -connect api.example.com:443 -servername api.example.com -CAfile root.pem -brief </dev/null'
cap chain-only 'openssl s_client -connect api.example.com:443 -servername api.example.com -showcerts </dev/null 2>/dev/null | grep -E "^ *[0-9]+ s:|^ +i:"'
cap save-certs 'openssl s_client -connect api.example.com:443 -servername api.example.com -showcerts </dev/null 2>/dev/null | awk "/BEGIN CERT/,/END CERT/" > sent.pem'
cap save-certs 'grep -c "BEGIN CERTIFICATE" sent.pem'
cap audit-good 'CAFILE=root.pem ./ssl-audit.sh api.example.com:443'
cap audit-leaf-only 'CAFILE=root.pem ./ssl-audit.sh api.example.com:8443'
cap audit-evidence 'ls ssl-audit-api.example.com-8443/'

# "Verify return code: 0" checks no host name unless asked: the api.example.com certificate,
# reached as www.api.example.com, passes without -verify_hostname and fails (62) with it.
cap no-hostname-check 'openssl s_client -connect www.api.example.com:443 -CAfile root.pem </dev/null 2>/dev/null | grep -m1 "^Verify return code"'
cap no-hostname-check 'openssl s_client -connect www.api.example.com:443 -CAfile root.pem -verify_hostname www.api.example.com </dev/null 2>/dev/null | grep -m1 "^Verify return code"'
# The same depth-0 signature from a two-tier private CA (the leaf issued directly by a root the
# client lacks): the server sends everything it needs to; only the leaf's issuer tells them apart.
cap two-tier 'openssl s_client -connect vault.acme.internal:8446 -showcerts </dev/null 2>&1 | grep -E "^(depth|verify error|Verify return)| [0-9] s:| +i:"'
cap two-tier 'openssl x509 -in acme-root.pem -noout -subject -issuer'
cap audit-two-tier './ssl-audit.sh vault.acme.internal:8446'
