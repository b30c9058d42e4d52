#!/usr/bin/env bash
# Installs what the end-to-end tests need:
#   - Debian packages: chromium (/usr/bin/chromium), libkrb5-dev (code-server's
#     `kerberos` native module builds against it), ripgrep (seeds @vscode/ripgrep)
#   - code-server (a real VS Code in the browser) under <repo>/.tools/code-server/
#
# Idempotent: when the version stamp matches, it is a fast no-op.
# Works as root on a fresh Debian 12 machine that reaches only the npm registry,
# Debian apt and NuGet (no GitHub downloads: the ripgrep binary that
# @vscode/ripgrep would download is seeded from Debian's ripgrep package).
#
# Usage: bash scripts/e2e/install.sh [--force] [--code-server-only]
#   --code-server-only   skip Chromium (the demo needs only code-server; libkrb5-dev and ripgrep are still
#                        needed to build it)
# Env:   KUBELINK_CODE_SERVER_VERSION (default 4.100.3; must run on the machine's Node)
set -euo pipefail

CODE_SERVER_VERSION="${KUBELINK_CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
DEST="$TOOLS/code-server"
STAMP_FILE="$DEST/.kubelink-install-stamp"
ENTRY="$DEST/node_modules/code-server/out/node/entry.js"
FORCE=0
WANT_CHROMIUM=1
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    --code-server-only) WANT_CHROMIUM=0 ;;
    *) echo "[e2e install] ERROR: unknown option $arg (usage: install.sh [--force] [--code-server-only])" >&2; exit 2 ;;
  esac
done

START_S=$(date +%s)
log() { echo "[e2e install] $*"; }
fail() { echo "[e2e install] ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------- preconditions
command -v node >/dev/null 2>&1 || fail "node is not on PATH (code-server $CODE_SERVER_VERSION needs Node 20)"
command -v npm >/dev/null 2>&1 || fail "npm is not on PATH"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" != "20" ] && [ -z "${FORCE_NODE_VERSION:-}" ]; then
  fail "code-server $CODE_SERVER_VERSION requires Node 20, found $(node -v). (Newer code-server releases need Node 22+.)"
fi
case "$(uname -m)" in
  x86_64) RG_TARGET="x86_64-unknown-linux-musl" ;;
  aarch64) RG_TARGET="aarch64-unknown-linux-musl" ;;
  *) fail "unsupported architecture $(uname -m)" ;;
esac
STAMP="code-server=$CODE_SERVER_VERSION node=$NODE_MAJOR arch=$(uname -m)"

# ------------------------------------------------------------- system packages
need_apt=()
[ "$WANT_CHROMIUM" = "0" ] || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q "install ok installed" || need_apt+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "installing Debian packages: ${need_apt[*]}"
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    command -v sudo >/dev/null 2>&1 || fail "need root (or sudo) to apt-get install ${need_apt[*]}"
    SUDO="sudo"
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    || fail "apt-get update failed"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || fail "apt-get install ${need_apt[*]} failed"
  [ "$WANT_CHROMIUM" = "0" ] || [ -x /usr/bin/chromium ] || fail "/usr/bin/chromium still missing after apt-get install"
  command -v rg >/dev/null 2>&1 || fail "rg still missing after apt-get install"
fi

# ------------------------------------------------------------------ code-server
mkdir -p "$TOOLS"
# Serialise concurrent installers (two e2e runs started at once).
exec 9>"$TOOLS/.code-server-install.lock"
flock 9

if [ "$FORCE" = "0" ] && [ -f "$STAMP_FILE" ] && [ "$(cat "$STAMP_FILE")" = "$STAMP" ] && [ -f "$ENTRY" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $DEST ($(($(date +%s) - START_S))s)"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION into $DEST (takes a minute or two)"
rm -rf "$DEST"
mkdir -p "$DEST"
WORK="$(mktemp -d "$TOOLS/.code-server-install.XXXXXX")"
cleanup() {
  local rc=$?
  rm -rf "$WORK"
  if [ "$rc" != "0" ]; then
    # Leave no half-installed tree that a later run could mistake for a good one.
    rm -rf "$DEST"
    echo "[e2e install] ERROR: code-server install failed (exit $rc); log: $TOOLS/code-server-install.log" >&2
  fi
}
trap cleanup EXIT

# 1. Find which @vscode/ripgrep version(s) code-server's bundled VS Code pins, and
#    which ripgrep release that package would download from GitHub (impossible here).
log "reading code-server's shrinkwrap"
( cd "$WORK" && npm pack --silent "code-server@$CODE_SERVER_VERSION" >/dev/null ) \
  || fail "npm pack code-server@$CODE_SERVER_VERSION failed (is the npm registry reachable?)"
tar -xzf "$WORK"/code-server-*.tgz -C "$WORK" \
  package/lib/vscode/npm-shrinkwrap.json package/lib/vscode/extensions/npm-shrinkwrap.json \
  || fail "code-server tarball has no lib/vscode shrinkwrap"
RG_PKG_VERSIONS="$(node -e '
  const fs = require("fs"); const out = new Set();
  for (const f of process.argv.slice(1)) {
    const pk = JSON.parse(fs.readFileSync(f, "utf8")).packages || {};
    for (const [k, v] of Object.entries(pk)) if (k.endsWith("node_modules/@vscode/ripgrep")) out.add(v.version);
  }
  console.log([...out].join(" "));
' "$WORK/package/lib/vscode/npm-shrinkwrap.json" "$WORK/package/lib/vscode/extensions/npm-shrinkwrap.json")"
[ -n "$RG_PKG_VERSIONS" ] || fail "could not find @vscode/ripgrep in code-server's shrinkwrap"

# 2. Seed @vscode/ripgrep's download cache ($TMPDIR/vscode-ripgrep-cache-<pkg version>/
#    ripgrep-<release>-<target>.tar.gz, a tarball with `rg` at its top) with Debian's rg.
export TMPDIR="$WORK/tmp"
mkdir -p "$TMPDIR" "$WORK/rgbin"
cp "$(command -v rg)" "$WORK/rgbin/rg"
chmod 755 "$WORK/rgbin/rg"
for v in $RG_PKG_VERSIONS; do
  ( cd "$WORK" && npm pack --silent "@vscode/ripgrep@$v" >/dev/null ) || fail "npm pack @vscode/ripgrep@$v failed"
  mkdir -p "$WORK/rg-$v"
  tar -xzf "$WORK/vscode-ripgrep-$v.tgz" -C "$WORK/rg-$v" package/lib/postinstall.js
  RG_RELEASE="$(sed -n "s/^const VERSION = '\(v[^']*\)'.*/\1/p" "$WORK/rg-$v/package/lib/postinstall.js" | head -1)"
  [ -n "$RG_RELEASE" ] || fail "could not read the ripgrep release from @vscode/ripgrep@$v's postinstall.js"
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-$v"
  tar -czf "$TMPDIR/vscode-ripgrep-cache-$v/ripgrep-$RG_RELEASE-$RG_TARGET.tar.gz" -C "$WORK/rgbin" rg
  log "seeded @vscode/ripgrep@$v cache: ripgrep-$RG_RELEASE-$RG_TARGET.tar.gz (Debian rg $(rg --version | head -1 | cut -d' ' -f2))"
done

# 3. Install. As root, code-server's postinstall insists on --unsafe-perm; node-pty's
#    build runs `npx node-gyp`, which must not prompt (npm_config_yes).
printf '{ "name": "kubelink-e2e-code-server", "private": true }\n' > "$DEST/package.json"
log "npm install code-server@$CODE_SERVER_VERSION (log: $TOOLS/code-server-install.log)"
if ! ( cd "$DEST" && \
       npm_config_yes=true npm_config_unsafe_perm=true npm_config_update_notifier=false \
       npm_config_fund=false npm_config_audit=false \
       npm install --no-save --no-package-lock --unsafe-perm --foreground-scripts \
         "code-server@$CODE_SERVER_VERSION" ) >"$TOOLS/code-server-install.log" 2>&1; then
  tail -40 "$TOOLS/code-server-install.log" >&2
  fail "npm install code-server@$CODE_SERVER_VERSION failed"
fi

# 4. Verify.
[ -f "$ENTRY" ] || fail "code-server entry point missing: $ENTRY"
VSC="$DEST/node_modules/code-server/lib/vscode"
[ -x "$VSC/node_modules/@vscode/ripgrep/bin/rg" ] || fail "ripgrep binary missing in code-server's VS Code"
ls "$VSC"/node_modules/node-pty/build/Release/pty.node >/dev/null 2>&1 || fail "node-pty native module was not built"
GOT="$(node "$ENTRY" --version 2>&1 || true)"
echo "$GOT" | grep -q "^$CODE_SERVER_VERSION " \
  || fail "installed code-server does not report version $CODE_SERVER_VERSION; --version printed: $GOT"

echo "$STAMP" > "$STAMP_FILE"
log "code-server $CODE_SERVER_VERSION installed in $(($(date +%s) - START_S))s"
