#!/usr/bin/env bash
# Regenerates the example output of content/lessons/acme-and-renewal.mdx (out/acme-and-renewal/):
# a real ACME exchange inside the lab namespace — Pebble (Let's Encrypt's test ACME server,
# installed from the Go module proxy) as the CA and certbot (from PyPI, in a virtualenv) as the
# client, validating api.example.com over HTTP-01 on the namespace's own port 80 — then a
# renewal that the running server does not see until it is restarted.
#
# Needs: go (installs pebble v2.10.3 into $CERTLAB_GOBIN, default /tmp/certlab-gobin) and a
# certbot (CERTBOT=path, default: a virtualenv in /tmp/certlab-certbot made with pip).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PEBBLE_VERSION=v2.10.3
GOBIN_DIR="${CERTLAB_GOBIN:-/tmp/certlab-gobin}"
if [[ -z "${CERTLAB_LAB_NS:-}" ]]; then
  [[ -x "$GOBIN_DIR/pebble" ]] || GOBIN="$GOBIN_DIR" go install "github.com/letsencrypt/pebble/v2/cmd/pebble@$PEBBLE_VERSION"
  if [[ -z "${CERTBOT:-}" ]]; then
    [[ -x /tmp/certlab-certbot/bin/certbot ]] || { python3 -m venv /tmp/certlab-certbot && /tmp/certlab-certbot/bin/pip install -q certbot; }
  fi
fi
lab_enter "$0" "$@"
lab_out acme-and-renewal
CERTBOT="${CERTBOT:-/tmp/certlab-certbot/bin/certbot}"
PEBBLE_SRC="$(go env GOMODCACHE)/github.com/letsencrypt/pebble/v2@$PEBBLE_VERSION/test/certs"

# Pebble: its ACME API on localhost:14000, its HTTP-01 checks against port 80 of the name.
cat >"$LAB_TMP/pebble.json" <<JSON
{ "pebble": { "listenAddress": "127.0.0.1:14000", "managementListenAddress": "127.0.0.1:15000",
  "certificate": "$PEBBLE_SRC/localhost/cert.pem", "privateKey": "$PEBBLE_SRC/localhost/key.pem",
  "httpPort": 80, "tlsPort": 5001, "ocspResponderURL": "", "externalAccountBindingRequired": false,
  "keyAlgorithm": "ecdsa",
  "profiles": { "default": { "description": "90 days", "validityPeriod": 7776000 } } } }
JSON
PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 "$GOBIN_DIR/pebble" -config "$LAB_TMP/pebble.json" >"$LAB_TMP/pebble.log" 2>&1 &
LAB_PIDS+=($!)
for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/14000) 2>/dev/null && break; sleep 0.1; done
export REQUESTS_CA_BUNDLE="$PEBBLE_SRC/pebble.minica.pem" # certbot trusts Pebble's API certificate
ln -s "$CERTBOT" certbot
export PATH="$PWD:$PATH"
CB='certbot --server https://localhost:14000/dir --config-dir le --work-dir le/work --logs-dir le/logs --non-interactive --no-random-sleep-on-renew'

# HTTP-01 with nothing on port 80: the CA cannot fetch the token.
mkdir -p www
cap http01-fails "certbot certonly --webroot -w www -d api.example.com --agree-tos -m ops@example.com --no-eff-email --server https://localhost:14000/dir --config-dir le --work-dir le/work --logs-dir le/logs --non-interactive 2>&1 | grep -v '^Saving debug log'"

# HTTP-01 with certbot's own web server on port 80.
cap issue "certbot certonly --standalone -d api.example.com --agree-tos -m ops@example.com --no-eff-email --server https://localhost:14000/dir --config-dir le --work-dir le/work --logs-dir le/logs --non-interactive 2>&1 | grep -v '^Saving debug log'"
cap issue 'cd le/live/api.example.com && for f in *.pem; do echo "$f -> $(readlink $f)"; done'
cap issue 'openssl x509 -in le/live/api.example.com/cert.pem -noout -issuer -dates -ext subjectAltName'

# The server loads the certificate once, at start.
lab_server 443 -cert le/live/api.example.com/cert.pem -key le/live/api.example.com/privkey.pem -cert_chain le/live/api.example.com/chain.pem
cap renew "$CB renew 2>&1 | grep -v '^Saving debug log'"
cap renew-forced "$CB renew --force-renewal 2>&1 | grep -v '^Saving debug log'"
cap not-reloaded 'openssl x509 -in le/live/api.example.com/cert.pem -noout -serial -enddate'
cap not-reloaded 'openssl s_client -connect api.example.com:443 </dev/null 2>/dev/null | openssl x509 -noout -serial -enddate'
kill "${LAB_PIDS[-1]}"; wait "${LAB_PIDS[-1]}" 2>/dev/null || true
lab_server 443 -cert le/live/api.example.com/cert.pem -key le/live/api.example.com/privkey.pem -cert_chain le/live/api.example.com/chain.pem
note not-reloaded 'after restarting the server:'
cap not-reloaded 'openssl s_client -connect api.example.com:443 </dev/null 2>/dev/null | openssl x509 -noout -serial -enddate'
cap deploy-hook "$CB renew --force-renewal --deploy-hook 'echo reloading the server for \$RENEWED_DOMAINS' 2>&1 | grep -iE 'hook|reloading'"
cap checkend 'openssl x509 -in le/live/api.example.com/cert.pem -noout -checkend $((30*86400)); echo "exit $?"'
cap checkend 'openssl x509 -in le/live/api.example.com/cert.pem -noout -checkend $((100*86400)); echo "exit $?"'
