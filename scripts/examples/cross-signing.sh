#!/usr/bin/env bash
# Regenerates the example output of content/lessons/cross-signing.mdx (out/cross-signing/):
# a small cross-signed PKI made with openssl (an old root that expired on 2021-09-30, a new
# root, the new root's cross-sign by the old one, a leaf), what `openssl verify` says about it
# with and without the time check and with and without -trusted_first, and what certlab's own
# trust-store data says about the real roots (DST Root CA X3, ISRG Root X1 and X2).
# Needs no network and no root: everything happens in a temporary directory.
set -euo pipefail
EXAMPLES_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_DIR="$(cd "$EXAMPLES_DIR/.." && cd .. && pwd)"
export PATH="$REPO_DIR/node_modules/.bin:$PATH" # node 24, as the lessons use it
LAB_OUT="$EXAMPLES_DIR/out/cross-signing"
mkdir -p "$LAB_OUT"
rm -f "$LAB_OUT"/*.txt
LAB_TMP=$(mktemp -d /tmp/certlab-cross.XXXXXX)
trap 'rm -rf "$LAB_TMP"' EXIT
cd "$LAB_TMP"

cap() {
  local file="$LAB_OUT/$1.txt"
  [[ -s "$file" && "$(tail -n 1 "$file")" != '$ '* ]] && echo >>"$file"
  printf '$ %s\n' "$2" >>"$file"
  (bash -c "$2" 2>&1 || true) | sed -E -e "s#$LAB_TMP/##g" -e 's/^[0-9A-F]{8,16}:error:/<thread-id>:error:/' >>"$file"
}
certlab() { node --experimental-strip-types --no-warnings "$REPO_DIR/src/cli/main.ts" "$@"; }
export -f certlab
export REPO_DIR

# `openssl ca` is the one openssl command that takes fixed dates (OpenSSL 3.0's x509 has no
# -not_before), so the old root can really be expired today.
cat >ca.cnf <<'CNF'
[ca]
default_ca = lab
[lab]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[any]
commonName = supplied
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[cross]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:shop.example
authorityKeyIdentifier = keyid
CNF
: >index.txt
echo 1000 >serial
ca() { openssl ca -batch -notext -config ca.cnf "$@" 2>/dev/null; }
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out old.key
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out new.key
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out leaf.key
openssl req -new -key old.key -subj "/CN=Old Root CA" -out old.csr
openssl req -new -key new.key -subj "/CN=New Root CA" -out new.csr
openssl req -new -key leaf.key -subj "/CN=shop.example" -out leaf.csr
# Old root: self-signed, 2000-09-30 to 2021-09-30 (the dates of DST Root CA X3).
ca -selfsign -keyfile old.key -in old.csr -extensions root -startdate 20000930211219Z -enddate 20210930140115Z -out old-root.pem
# New root: self-signed, valid until 2035 (like ISRG Root X1).
ca -selfsign -keyfile new.key -in new.csr -extensions root -startdate 20150604110438Z -enddate 20350604110438Z -out new-root.pem
# The cross-sign: the new root's name and key, signed by the old root, valid past the old root's end.
ca -cert old-root.pem -keyfile old.key -in new.csr -extensions cross -startdate 20210120191403Z -enddate 20240930180014Z -out cross.pem
# The leaf, issued with the new root's key: 90 days around the old root's end, as a Let's Encrypt
# certificate of September 2021. The checks below run at a given time (-attime, --at).
ca -cert new-root.pem -keyfile new.key -in leaf.csr -extensions leaf -startdate 20210901000000Z -enddate 20211130000000Z -out leaf.pem
cat old-root.pem new-root.pem >both-roots.pem

cap same-key 'openssl x509 -in new-root.pem -noout -subject -issuer -enddate'
cap same-key 'openssl x509 -in cross.pem -noout -subject -issuer -enddate'
cap same-key 'openssl x509 -in old-root.pem -noout -subject -issuer -enddate'
cap same-key 'openssl x509 -in new-root.pem -noout -pubkey | sha256sum; openssl x509 -in cross.pem -noout -pubkey | sha256sum'

# 2021-09-29 and 2021-10-01, 00:00 UTC: the day before the old root's end and the day after.
BEFORE=1632873600
AFTER=1633046400
# A client that has only the old root (an old phone, an old certifi): the long chain ends at the old root.
cap old-only "openssl verify -attime $BEFORE -CAfile old-root.pem -untrusted cross.pem -show_chain leaf.pem"
cap old-only "openssl verify -attime $AFTER -CAfile old-root.pem -untrusted cross.pem -show_chain leaf.pem"
# Today, without -attime, the leaf has expired too; -no_check_time skips every date check
# (combined with -attime, OpenSSL keeps checking the dates).
cap old-only "openssl verify -CAfile old-root.pem -untrusted cross.pem leaf.pem"
cap old-only "openssl verify -no_check_time -CAfile old-root.pem -untrusted cross.pem leaf.pem"
cap old-only "openssl verify -attime $AFTER -no_check_time -CAfile old-root.pem -untrusted cross.pem leaf.pem"
cap old-only "certlab verify leaf.pem --untrusted cross.pem --trusted old-root.pem --host shop.example --at 2021-10-01T00:00:00Z"

# A client that has both roots: OpenSSL 3 looks in the trust store first (trusted-first, the
# default since 1.1.0) and stops at the new root. It has no switch to turn that off.
cap both "openssl verify -attime $AFTER -CAfile both-roots.pem -untrusted cross.pem -show_chain leaf.pem"
cap both "openssl verify -attime $AFTER -trusted_first -CAfile both-roots.pem -untrusted cross.pem -show_chain leaf.pem"
cap both "openssl verify -attime $AFTER -no-trusted_first -CAfile both-roots.pem -untrusted cross.pem -show_chain leaf.pem"
cap both "openssl verify -attime $AFTER -CAfile new-root.pem -untrusted cross.pem -show_chain leaf.pem"

# The real roots in certlab's trust-store data (certifi from PyPI, Node.js releases, Debian packages).
ROOTS='DST Root CA X3|ISRG Root X|AddTrust External|USERTrust RSA|roots$'
for s in certifi@2016.8.2 certifi@2016.8.8 certifi@2021.10.8 certifi@2022.5.18.1 node@19.0.0 node@20.0.0 debian@11 debian@12; do
  cap stores "certlab stores $s | grep -E '$ROOTS'"
done
# A real Let's Encrypt chain (stackoverflow.com, from the limbo test suite, checked on 2026-02-19):
# certifi without ISRG Root X1 and the first certifi with it.
python3 -c "import json; d = json.load(open('$REPO_DIR/test/trust-stores/online/stackoverflow.com.limbo.json')); open('stackoverflow.pem', 'w').write(d['peer_certificate'] + ''.join(d['untrusted_intermediates']))"
cap certifi "certlab verify stackoverflow.pem --store certifi@2016.8.2 --host stackoverflow.com --at 2026-02-19T14:15:03Z | head -n 6"
cap certifi "certlab verify stackoverflow.pem --store certifi@2016.8.8 --host stackoverflow.com --at 2026-02-19T14:15:03Z | grep -A 3 -E '^(valid|trust stores)'"
