#!/usr/bin/env bash
# Regenerates the example output of content/lessons/keys-and-files.mdx (out/keys-and-files/).
# Runs the real openssl on the lab files of public/examples/lab/ (see lab-pki.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out keys-and-files

cap pem-vs-key 'head -n 2 leaf.pem'
cap pem-vs-key 'head -n 1 leaf.key'
cap key-match 'openssl x509 -in leaf.pem -noout -pubkey | openssl sha256'
cap key-match 'openssl pkey -in leaf.key -pubout | openssl sha256'
cap key-match 'openssl pkey -in old.key -pubout | openssl sha256'

cap der 'head -c 16 leaf.der | od -A x -t x1'
cap der 'openssl x509 -in leaf.der -inform DER -noout -subject'
cap der 'openssl x509 -in leaf.der -noout -subject'

cap der-to-pem 'openssl x509 -in leaf.der -inform DER -out leaf-from-der.pem'
cap der-to-pem 'openssl x509 -in leaf-from-der.pem -outform DER -out leaf-again.der'
cap der-to-pem 'cmp leaf.der leaf-again.der && echo identical'

cap p7b 'openssl pkcs7 -in fullchain.p7b -print_certs -out chain-from-p7b.pem'
cap p7b 'grep -E "^(subject|issuer)=" chain-from-p7b.pem'

cap p12 'openssl pkcs12 -in api.p12 -passin pass:certlab -clcerts -nokeys -out cert.pem'
cap p12 'openssl pkcs12 -in api.p12 -passin pass:certlab -cacerts -nokeys -out chain.pem'
cap p12 'openssl pkcs12 -in api.p12 -passin pass:certlab -nocerts -noenc | openssl pkey -out key.pem'
cap p12 'openssl x509 -in cert.pem -noout -subject; openssl x509 -in chain.pem -noout -subject; head -n 1 key.pem'

cap p12-info 'openssl pkcs12 -in api.p12 -passin pass:certlab -info -noout'

cap legacy 'openssl pkcs12 -in api-legacy.p12 -passin pass:certlab -info -noout'
cap legacy 'openssl pkcs12 -in api-legacy.p12 -passin pass:certlab -legacy -clcerts -nokeys -out cert.pem && openssl x509 -in cert.pem -noout -subject'
cap legacy-upgrade 'openssl pkcs12 -in api-legacy.p12 -passin pass:certlab -legacy -noenc -out everything.pem'
cap legacy-upgrade 'openssl pkcs12 -export -in everything.pem -passin pass:certlab -passout pass:certlab -out api-modern.p12'
cap legacy-upgrade 'openssl pkcs12 -in api-modern.p12 -passin pass:certlab -info -noout'

cap fullchain 'cat leaf.pem intermediate.pem > fullchain.pem'
cap fullchain 'grep -c "BEGIN CERTIFICATE" fullchain.pem'
cap fullchain 'openssl crl2pkcs7 -nocrl -certfile fullchain.pem | openssl pkcs7 -print_certs -noout'
cap fullchain 'openssl verify -attime 1780000000 -CAfile root.pem -untrusted fullchain.pem leaf.pem'

cap make-p12 'openssl pkcs12 -export -in leaf.pem -inkey leaf.key -certfile intermediate.pem -name api.example.com -passout pass:certlab -out new.p12'
cap make-p12 'openssl pkcs12 -in new.p12 -passin pass:certlab -nokeys | grep -E "^(subject|issuer)="'
