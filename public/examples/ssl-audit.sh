#!/usr/bin/env bash
# ssl-audit.sh — collect evidence about the certificate chain a TLS server sends.
# From certlab (https://certlab.example/lessons/reading-the-handshake/). Needs bash and openssl.
#
#   ./ssl-audit.sh HOST[:PORT] [SERVERNAME]
#   CAFILE=company-root.pem ./ssl-audit.sh vault.acme.internal   # verify against that root instead
#
# Prints each certificate the server sent (depth, subject, issuer, validity, names), whether
# each one is issued by the next, OpenSSL's verdict, and a hint. Saves the raw evidence
# (s_client output and every certificate as PEM) in ./ssl-audit-HOST-PORT/ to attach to a ticket.
set -uo pipefail
target="${1:?usage: ssl-audit.sh HOST[:PORT] [SERVERNAME]}"
host="${target%%:*}"
port="443"
[[ "$target" == *:* ]] && port="${target##*:}"
sni="${2:-$host}"
out="ssl-audit-$host-$port"
mkdir -p "$out"
trust=()
[[ -n "${CAFILE:-}" ]] && trust=(-CAfile "$CAFILE")

openssl s_client -connect "$host:$port" -servername "$sni" -showcerts "${trust[@]}" </dev/null >"$out/s_client.txt" 2>&1
if ! grep -q -- '-----BEGIN CERTIFICATE-----' "$out/s_client.txt"; then
  echo "No certificate received from $host:$port. openssl said:"
  grep -iE 'error|errno|refused|unknown' "$out/s_client.txt" | head -n 5
  exit 2
fi
awk -v dir="$out" '/-----BEGIN CERTIFICATE-----/ { n++; f = sprintf("%s/cert-%d.pem", dir, n - 1) }
  f { print > f } /-----END CERTIFICATE-----/ { close(f); f = "" }' "$out/s_client.txt"
count=$(ls "$out"/cert-*.pem | wc -l)

echo "== ssl-audit $host:$port (SNI $sni), $(openssl version | cut -d' ' -f1-2)"
echo "Trust store: ${CAFILE:-the system default of this openssl}"
echo "The server sent $count certificate(s):"
prev_issuer=""
for ((d = 0; d < count; d++)); do
  f="$out/cert-$d.pem"
  subject=$(openssl x509 -in "$f" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')
  issuer=$(openssl x509 -in "$f" -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')
  echo
  echo "[$d] subject: $subject"
  echo "    issuer:  $issuer"
  openssl x509 -in "$f" -noout -startdate -enddate | sed 's/^/    /'
  san=$(openssl x509 -in "$f" -noout -ext subjectAltName 2>/dev/null | tail -n +2 | sed 's/^ *//')
  [[ -n "$san" ]] && echo "    names:   $san"
  openssl x509 -in "$f" -noout -checkend 0 >/dev/null || echo "    !! EXPIRED (or not yet valid)"
  [[ "$subject" == "$issuer" ]] && echo "    note:    self-signed (a root): servers need not send it"
  if [[ $d -gt 0 && "$prev_issuer" != "$subject" ]]; then
    echo "    !! ORDER: certificate [$((d - 1))] is not issued by this one"
  fi
  prev_issuer="$issuer"
done
echo
code=$(grep -m1 'Verify return code' "$out/s_client.txt" | sed 's/^ *//')
echo "OpenSSL verdict: ${code:-none}"
if openssl x509 -in "$out/cert-0.pem" -noout -checkhost "$host" | grep -q 'does match'; then
  echo "Host name: $host matches the leaf"
else
  echo "Host name: !! $host does NOT match the leaf's names"
fi
case "$code" in
  *"(ok)"*) echo "Hint: the chain verifies against this trust store." ;;
  *" 20 "* | *" 21 "*)
    if [[ $count -eq 1 ]]; then
      echo "Hint: only the leaf was sent and its issuer is unknown here: most likely an incomplete chain (the server's fault)."
    else
      echo "Hint: the top certificate's issuer is not in this trust store: a private CA, or an outdated store (check with a known-good host)."
    fi ;;
  *" 19 "*) echo "Hint: the chain ends in a root this trust store does not have (private CA?)." ;;
  *" 18 "*) echo "Hint: a self-signed leaf: trusted only if you pin it explicitly." ;;
  *" 10 "*) echo "Hint: a certificate in the chain has expired (the server's fault)." ;;
esac
echo "Evidence saved in $out/"
