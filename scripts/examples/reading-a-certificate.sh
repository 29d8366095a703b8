#!/usr/bin/env bash
# Regenerates the example output of content/lessons/reading-a-certificate.mdx
# (out/reading-a-certificate/): openssl x509 on the lab certificates, openssl verify at a
# pinned time (-attime), and curl/python against the lab server (lib.sh) under a wrong name.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out reading-a-certificate
lab_servers
AT=1780000000 # 2026-05-28T20:26:40Z, inside every lab certificate's validity except expired.pem

cap text 'openssl x509 -in leaf.pem -text -noout'
cap dates 'openssl x509 -in leaf.pem -noout -startdate -enddate'
cap dates 'openssl x509 -in expired.pem -noout -enddate -checkend 0'
cap dates 'openssl x509 -in leaf.pem -noout -checkend 2592000'
cap self-signed 'openssl x509 -in root.pem -noout -subject -issuer'
cap self-signed 'openssl x509 -in leaf.pem -noout -subject -issuer'
cap self-signed 'openssl x509 -in root.pem -noout -ext basicConstraints,keyUsage'
cap self-signed 'openssl verify -no-CAfile -no-CApath -no-CAstore -CAfile root.pem -check_ss_sig root.pem'
cap san 'openssl x509 -in leaf.pem -noout -ext subjectAltName'
cap san 'openssl x509 -in leaf.pem -noout -checkhost api.example.com'
cap san 'openssl x509 -in leaf.pem -noout -checkhost www.api.example.com'
cap verify-host "openssl verify -attime $AT -CAfile root.pem -untrusted intermediate.pem -verify_hostname www.api.example.com leaf.pem"
cap curl-mismatch 'curl -sS https://www.api.example.com/ --cacert root.pem -o /dev/null'
cap python-mismatch "python3 -c \"import requests; requests.get('https://www.api.example.com/', verify='root.pem')\" 2>&1 | tail -n 1"

# A wildcard certificate made on the spot: only the name checks are shown, which do not depend on the key.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout wild.key -out wildcard.pem \
  -subj '/CN=*.api.example.com' -addext 'subjectAltName=DNS:*.api.example.com' -days 30 2>/dev/null
cap wildcard 'openssl x509 -in wildcard.pem -noout -ext subjectAltName'
cap wildcard 'openssl x509 -in wildcard.pem -noout -checkhost www.api.example.com'
cap wildcard 'openssl x509 -in wildcard.pem -noout -checkhost api.example.com'
cap wildcard 'openssl x509 -in wildcard.pem -noout -checkhost a.b.api.example.com'
