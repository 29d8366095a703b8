#!/usr/bin/env bash
# Regenerates the example output of content/lessons/mtls.mdx (out/mtls/): mutual TLS against the
# lab's s_server (port 8447, asks for a client certificate from the lab root) and a real nginx
# with ssl_verify_client on (port 8451): no client certificate, one from the wrong CA, the
# right one, and a client that refuses the server. nginx's error log shows the server's side.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_enter "$0" "$@"
lab_out mtls
lab_servers
# A client certificate from another CA (the Acme private root), as a wrong or stale one would be.
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout other-client.key -subj "/O=Acme/CN=build-agent-7" -out other.csr 2>/dev/null
printf 'extendedKeyUsage=clientAuth\nbasicConstraints=critical,CA:FALSE\n' >client.ext
openssl x509 -req -in other.csr -CA acme-root.pem -CAkey acme-root.key -days 30 -extfile client.ext -out other-client.pem 2>/dev/null
cat intermediate.pem root.pem >client-ca.pem
cat >nginx.conf <<CONF
daemon on;
master_process off;
pid $LAB_TMP/nginx.pid;
error_log $PWD/error.log info;
events {}
http {
  access_log off;
  server {
    listen 127.0.0.1:8451 ssl;
    server_name api.example.com;
    ssl_certificate     $PWD/fullchain.pem;
    ssl_certificate_key $PWD/leaf.key;
    ssl_client_certificate $PWD/client-ca.pem;
    ssl_verify_client on;
    location / { return 200 "hello \$ssl_client_s_dn\n"; }
  }
}
CONF
nginx -c "$PWD/nginx.conf" -e "$PWD/error.log"
# s_server checks a client certificate but, without -verify_return_error, goes on with a bad one.
lab_server 8452 -cert leaf.pem -key leaf.key -cert_chain intermediate.pem -Verify 1 -verify_return_error -CAfile client-ca.pem
trap 'kill $(cat "$LAB_TMP/nginx.pid") 2>/dev/null || true; lab_cleanup' EXIT
cap nginx-conf "grep -E 'ssl_|listen' nginx.conf | sed 's/^ *//'"

cap no-cert "curl -sS --cacert root.pem https://api.example.com:8451/ | grep -E '<title>|<center>'"
cap no-cert "curl -sS --cacert root.pem https://api.example.com:8447/ -o /dev/null 2>&1 | head -n 1"
cap wrong-ca "curl -sS --cacert root.pem --cert other-client.pem --key other-client.key https://api.example.com:8451/ | grep '<title>'"
cap wrong-ca "curl -sS --cacert root.pem --cert other-client.pem --key other-client.key https://api.example.com:8452/ -o /dev/null 2>&1 | head -n 1"
cap wrong-ca "python3 -c \"import requests; requests.get('https://api.example.com:8452/', verify='root.pem', cert=('other-client.pem', 'other-client.key'))\" 2>&1 | tail -n 1"
cap server-log "grep -E 'client (sent no required SSL certificate|SSL certificate verify error)' error.log | sed -E 's/^[0-9/]+ [0-9:]+ //; s/, client: .*//'"
cap ok "curl -sS --cacert root.pem --cert client.pem --key client.key https://api.example.com:8451/"
cap ok "python3 -c \"import requests; print(requests.get('https://api.example.com:8451/', verify='root.pem', cert=('client.pem', 'client.key')).text)\""
cap ok "node -e \"const fs = require('fs'); require('https').get('https://api.example.com:8451/', { ca: fs.readFileSync('root.pem'), cert: fs.readFileSync('client.pem'), key: fs.readFileSync('client.key') }, r => r.pipe(process.stdout))\""
cap s-server-lenient "curl -sS --cacert root.pem --cert other-client.pem --key other-client.key https://api.example.com:8447/ -o /dev/null -w 'HTTP %{http_code}\\n'"
cap client-refuses "curl -sS --cert client.pem --key client.key https://api.example.com:8451/ 2>&1 | head -n 1"
