#!/usr/bin/env bash
# Regenerates the example output shown in content/lessons/chain-of-trust.mdx.
# Input: the real www.python.org chain (captured 2026-01-13, from x509-limbo's online set),
# shipped in public/examples/. Time is pinned so the output never changes.
set -euo pipefail
cd "$(dirname "$0")/../../public/examples"
AT=1768309427 # 2026-01-13T13:03:47Z, the capture time
csplit -s -z -f /tmp/certlab-chain- python-org-fullchain.pem '/-----BEGIN CERTIFICATE-----/' '{*}'
leaf=/tmp/certlab-chain-00 ica=/tmp/certlab-chain-01
echo '$ openssl x509 -in leaf.pem -noout -subject -issuer'
openssl x509 -in "$leaf" -noout -subject -issuer
echo '$ openssl x509 -in intermediate.pem -noout -subject -issuer'
openssl x509 -in "$ica" -noout -subject -issuer
echo '$ openssl x509 -in globalsign-root-r3.pem -noout -subject -issuer'
openssl x509 -in globalsign-root-r3.pem -noout -subject -issuer
echo
echo '# The client has the root. The server sent leaf + intermediate:'
echo '$ openssl verify -CAfile globalsign-root-r3.pem -untrusted intermediate.pem leaf.pem'
openssl verify -attime "$AT" -CAfile globalsign-root-r3.pem -untrusted "$ica" "$leaf" 2>&1 | sed "s#$leaf#leaf.pem#" || true
echo
echo '# The server sent only the leaf:'
echo '$ openssl verify -CAfile globalsign-root-r3.pem leaf.pem'
openssl verify -attime "$AT" -CAfile globalsign-root-r3.pem "$leaf" 2>&1 | sed "s#$leaf#leaf.pem#" || true
rm -f /tmp/certlab-chain-*
