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
