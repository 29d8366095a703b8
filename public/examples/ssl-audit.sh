#!/usr/bin/env bash
# ssl-audit.sh — collect evidence about the certificate chain a TLS server sends.
# From certlab's lesson "Reading the handshake" (/lessons/reading-the-handshake/). Needs bash and openssl.
#
#   ./ssl-audit.sh HOST[:PORT] [SERVERNAME]
#   ./ssl-audit.sh 10.0.0.5:443 api.example.com                 # connect to an address, ask for a name
#   CAFILE=company-root.pem ./ssl-audit.sh vault.acme.internal   # verify against that root instead
#
# SERVERNAME (default: HOST) is the name sent as SNI and checked against the leaf. A HOST that is
# an IP address with no SERVERNAME sends no SNI and is checked as an address (-checkip).
# The verdict checks the chain, the dates and the name; it does not check revocation.
#
# Prints each certificate the server sent (depth, subject, issuer, validity, names), whether
# each one is issued by the next, OpenSSL's verdict, and a hint. Saves the raw evidence
# (s_client output and every certificate as PEM) in ./ssl-audit-HOST-PORT/ to attach to a ticket.
set -uo pipefail
target="${1:?usage: ssl-audit.sh HOST[:PORT] [SERVERNAME]}"
host="${target%%:*}"
port="443"
[[ "$target" == *:* ]] && port="${target##*:}"
is_ip=no
[[ "$host" =~ ^[0-9.]+$ || "$host" == *:* ]] && is_ip=yes
sni="${2:-}"
[[ -z "$sni" && $is_ip == no ]] && sni="$host"
out="ssl-audit-$host-$port"
mkdir -p "$out"
trust=()
[[ -n "${CAFILE:-}" ]] && trust=(-CAfile "$CAFILE")
# The name (or address) a client would check: the SNI name when there is one.
if [[ -n "$sni" ]]; then
  name_opts=(-servername "$sni" -verify_hostname "$sni")
else
  name_opts=(-noservername -verify_ip "$host")
fi

openssl s_client -connect "$host:$port" "${name_opts[@]}" -showcerts "${trust[@]}" </dev/null >"$out/s_client.txt" 2>&1
if ! grep -q -- '-----BEGIN CERTIFICATE-----' "$out/s_client.txt"; then
  echo "No certificate received from $host:$port. openssl said:"
  grep -iE 'error|errno|refused|unknown' "$out/s_client.txt" | head -n 5
  exit 2
fi
awk -v dir="$out" '/-----BEGIN CERTIFICATE-----/ { n++; f = sprintf("%s/cert-%d.pem", dir, n - 1) }
  f { print > f } /-----END CERTIFICATE-----/ { close(f); f = "" }' "$out/s_client.txt"
count=$(ls "$out"/cert-*.pem | wc -l)

echo "== ssl-audit $host:$port (SNI ${sni:-none}), $(openssl version | cut -d' ' -f1-2)"
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
  # -checkend looks at Not After only; Not Before is compared here (GNU date, then BSD date).
  if ! openssl x509 -in "$f" -noout -checkend 0 >/dev/null; then
    echo "    !! EXPIRED"
  elif ! openssl x509 -in "$f" -noout -checkend 2592000 >/dev/null; then
    echo "    !! expires within 30 days"
  fi
  start=$(openssl x509 -in "$f" -noout -startdate | sed 's/^notBefore=//')
  start_s=$(date -u -d "$start" +%s 2>/dev/null || date -u -j -f '%b %e %T %Y %Z' "$start" +%s 2>/dev/null || echo 0)
  [[ $start_s -gt $(date -u +%s) ]] && echo "    !! NOT YET VALID (or this machine's clock is behind)"
  if [[ "$subject" == "$issuer" ]]; then
    # Subject = issuer makes it self-issued; a root is also self-signed (its own key verifies it).
    if openssl verify -no-CAfile -no-CApath -no-CAstore -CAfile "$f" -check_ss_sig -no_check_time "$f" >/dev/null 2>&1; then
      echo "    note:    self-signed (a root): servers need not send it; only the client's trust store makes it trusted"
    else
      echo "    note:    self-issued but not self-signed (a re-keyed or cross-signed CA certificate)"
    fi
  fi
  if [[ $d -gt 0 && "$prev_issuer" != "$subject" ]]; then
    echo "    !! ORDER: certificate [$((d - 1))] is not issued by this one"
  fi
  prev_issuer="$issuer"
done
echo
code=$(grep -m1 'Verify return code' "$out/s_client.txt" | sed 's/^ *//')
echo "OpenSSL verdict: ${code:-none}"
if [[ -n "$sni" ]]; then
  check=(-checkhost "$sni") name="$sni"
else
  check=(-checkip "$host") name="$host"
fi
if openssl x509 -in "$out/cert-0.pem" -noout "${check[@]}" | grep -q 'does match'; then
  echo "Host name: $name matches the leaf"
else
  echo "Host name: !! $name does NOT match the leaf's names"
fi
case "$code" in
  *"(ok)"*) echo "Hint: the chain verifies against this trust store." ;;
  *" 20 "* | *" 21 "*)
    if [[ $count -eq 1 ]]; then
      leaf_issuer=$(openssl x509 -in "$out/cert-0.pem" -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')
      echo "Hint: only the leaf was sent and its issuer ($leaf_issuer) is unknown here. Is that issuer a root?"
      echo "      If it is an intermediate: an incomplete chain (the server's fault: send leaf + intermediates)."
      echo "      If it is a root (a two-tier private CA: mkcert, kubeadm, a company CA): the server sent enough;"
      echo "      this client lacks that root (yours to add)."
      aia=$(openssl x509 -in "$out/cert-0.pem" -noout -ext authorityInfoAccess 2>/dev/null | grep -o 'CA Issuers - URI:.*' | sed 's/^CA Issuers - URI://')
      [[ -n "$aia" ]] && echo "      The leaf names its issuer's download address: $aia (fetch it; subject = issuer there means a root)."
    else
      echo "Hint: the top certificate's issuer is not in this trust store: a private CA, or an outdated store (check with a known-good host)."
    fi ;;
  *" 19 "*) echo "Hint: the chain ends in a root this trust store does not have (private CA?)." ;;
  *" 62 "* | *" 64 "*) echo "Hint: the chain is fine but the leaf does not name $name (wrong name, missing SAN entry, or no SNI)." ;;
  *" 18 "*) echo "Hint: a self-signed leaf: trusted only if you pin it explicitly." ;;
  *" 10 "*) echo "Hint: a certificate in the chain has expired (the server's fault)." ;;
esac
echo "Evidence saved in $out/"
