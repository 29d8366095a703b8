# Shared by the example scripts: a private lab where the lessons' commands run for real.
#
#   source "$(dirname "$0")/lib.sh"; lab_enter "$0" "$@"; lab_out <lesson>
#
# lab_enter re-runs the calling script inside its own network and mount namespaces
# (`unshare -mn`, needs root): a private loopback where the lab servers listen on the real
# ports (443, 8443 ...) and an /etc/hosts that maps the lab names to 127.0.0.1. Nothing leaves
# the namespace's loopback and nothing on the host is changed. The commands then run from a
# copy of public/examples/lab/, so the output shows plain file names (leaf.pem, root.pem).
EXAMPLES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$EXAMPLES_DIR/../.." && pwd)"
LAB_NAMES="api.example.com www.api.example.com old.example.com vault.acme.internal"
export PATH="$REPO_DIR/node_modules/.bin:$PATH" # node 24, as the lessons use it

lab_enter() {
  local script="$1"
  shift
  if [[ -z "${CERTLAB_LAB_NS:-}" ]]; then
    "$EXAMPLES_DIR/lab-pki.sh" >/dev/null
    exec unshare -mn env CERTLAB_LAB_NS=1 bash "$script" "$@"
  fi
  ip link set lo up
  # Clients must show their own defaults, not a trust store this machine points them at.
  unset SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE REQUESTS_CA_BUNDLE NODE_EXTRA_CA_CERTS NODE_OPTIONS \
    PIP_CERT HTTPLIB2_CA_CERTS AWS_CA_BUNDLE GIT_SSL_CAINFO NIX_SSL_CERT_FILE GRPC_DEFAULT_SSL_ROOTS_FILE_PATH \
    CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE JAVA_TOOL_OPTIONS _JAVA_OPTIONS
  LAB_TMP=$(mktemp -d /tmp/certlab-lab.XXXXXX)
  printf '127.0.0.1 localhost %s\n' "$LAB_NAMES" >"$LAB_TMP/hosts"
  LAB_MOUNTS=()
  lab_mount "$LAB_TMP/hosts" /etc/hosts
  mkdir "$LAB_TMP/lab"
  cp "$REPO_DIR/public/examples/lab/"* "$LAB_TMP/lab/"
  cd "$LAB_TMP/lab"
  LAB_PIDS=()
  trap 'lab_cleanup' EXIT
}

# lab_mount <source> <target>: a bind mount inside the namespace, undone by lab_cleanup.
lab_mount() {
  mount --bind "$1" "$2"
  LAB_MOUNTS+=("$2")
}

lab_cleanup() {
  local pid i
  for pid in "${LAB_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for ((i = ${#LAB_MOUNTS[@]} - 1; i >= 0; i--)); do umount "${LAB_MOUNTS[$i]}" 2>/dev/null || true; done
  rm -rf "$LAB_TMP"
}

# lab_server <port> <s_server arguments...>: an HTTPS server answering with a status page.
# -no-CAfile -no-CApath -no-CAstore: s_server would otherwise complete its chain from the OS trust
# store, so a root added there (as in "the server did not change") would start being sent too.
# Each server sends exactly the certificates given with -cert and -cert_chain (issue 15).
lab_server() {
  local port="$1"
  shift
  openssl s_server -accept "127.0.0.1:$port" -www -quiet -no-CAfile -no-CApath -no-CAstore "$@" >/dev/null 2>&1 &
  LAB_PIDS+=($!)
  local i
  for i in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "lab server on port $port did not start" >&2
  return 1
}

# The usual lab servers: 443 serves leaf + intermediate (correct), 8443 the leaf alone
# (the classic mistake), 8445 an expired leaf, 8446 the Acme private-CA server,
# 8447 the full chain and asks for a client certificate (mTLS), 8448 the Acme server sending its root too.
lab_servers() {
  lab_server 443 -cert leaf.pem -key leaf.key -cert_chain intermediate.pem
  lab_server 8443 -cert leaf.pem -key leaf.key
  lab_server 8445 -cert expired.pem -key old.key -cert_chain intermediate.pem
  lab_server 8446 -cert vault.pem -key vault.key
  lab_server 8447 -cert leaf.pem -key leaf.key -cert_chain intermediate.pem -Verify 1 -CAfile root.pem
  lab_server 8448 -cert vault.pem -key vault.key -cert_chain acme-root.pem
}

# lab_private_os_store: from here on, the OS trust store (/etc/ssl, /usr/local/share/ca-certificates,
# /etc/ca-certificates.conf) is a private copy inside the namespace, so the script may run the
# real `update-ca-certificates` without changing the host. Its hooks (Debian's copy into
# Java's cacerts) are left out, so Java keeps its own store, as a JDK outside Debian's packages does.
lab_private_os_store() {
  cp -a /etc/ssl "$LAB_TMP/etc-ssl"
  mkdir "$LAB_TMP/local-ca"
  cp /etc/ca-certificates.conf "$LAB_TMP/ca-certificates.conf"
  lab_mount "$LAB_TMP/etc-ssl" /etc/ssl
  lab_mount "$LAB_TMP/local-ca" /usr/local/share/ca-certificates
  lab_mount "$LAB_TMP/ca-certificates.conf" /etc/ca-certificates.conf
  # No hooks: Debian's Java hook would touch dpkg's state on the host (/var/lib/dpkg).
  mkdir "$LAB_TMP/no-hooks"
  lab_mount "$LAB_TMP/no-hooks" /etc/ca-certificates/update.d
}

# lab_out <lesson>: where this script's captured outputs go.
lab_out() {
  LAB_OUT="$EXAMPLES_DIR/out/$1"
  mkdir -p "$LAB_OUT"
  rm -f "$LAB_OUT"/*.txt
}

# cap <name> <command>: appends "$ command" and its real output (stdout and stderr, exit code
# ignored) to out/<lesson>/<name>.txt. The command runs through bash in the lab directory.
cap() {
  local file="$LAB_OUT/$1.txt"
  # a blank line between one command's output and the next command
  [[ -s "$file" && "$(tail -n 1 "$file")" != '$ '* ]] && echo >>"$file"
  printf '$ %s\n' "$2" >>"$file"
  (bash -c "$2" 2>&1 || true) | lab_normalize >>"$file"
}

# The only parts of real output that change from run to run, made stable: the lab's temporary
# directory, and the thread id OpenSSL puts in front of each error line.
lab_normalize() {
  sed -E -e "s#$LAB_TMP/lab/##g" -e "s#$LAB_TMP#/tmp#g" -e 's/^[0-9A-F]{8,16}:error:/<thread-id>:error:/'
}

# note <name> <text>: a comment line in the captured output.
note() {
  local file="$LAB_OUT/$1.txt"
  [[ -s "$file" ]] && echo >>"$file"
  printf '# %s\n' "$2" >>"$file"
}
