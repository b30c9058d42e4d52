#!/usr/bin/env bash
# The demo on a fresh clone (docs/demo.md): sets up what it needs, then runs `npm run demo` with the same arguments.
#
#   scripts/demo.sh               simulator + code-server with Kubelink; prints the URL to open; Ctrl-C stops all
#   scripts/demo.sh --desktop     builds the VSIX, installs it into VS Code (`code`), runs the simulator
#   scripts/demo.sh --help        the other options (--port, --fresh, cluster size)
#
# Setup, each step a no-op or incremental when already done:
#   npm ci                                 when node_modules is missing or older than package-lock.json
#   dotnet build server/Kubelink.Sidecar   the sidecar (the simulator runs from it; the extension finds it in dev mode)
#   npm run build:ext                      out/extension.js
#   scripts/e2e/install.sh --code-server-only   code-server 4.100.3 into .tools/ (not for --desktop; no Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
say() { echo "[demo setup] $*"; }
start=$SECONDS

desktop=0
for a in "$@"; do
  case "$a" in
    --desktop) desktop=1 ;;
    -h|--help) exec node scripts/demo.mjs --help ;;
  esac
done

command -v node >/dev/null || { echo "[demo setup] ERROR: node (20+) is not on PATH" >&2; exit 1; }
command -v dotnet >/dev/null || { echo "[demo setup] ERROR: dotnet (the .NET 10 SDK) is not on PATH" >&2; exit 1; }

# npm's own record of what it installed (node_modules/.package-lock.json) is newer than the lock file when current.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "dotnet build server/Kubelink.Sidecar"
dotnet build server/Kubelink.Sidecar -c Debug --nologo -v q -clp:ErrorsOnly

say "npm run build:ext"
npm run --silent build:ext

if [ "$desktop" = 0 ]; then
  bash scripts/e2e/install.sh --code-server-only
fi
say "setup done in $((SECONDS - start)) s"

# `npm run demo`, minus npm in between: npm forwards SIGTERM to its `sh -c`, which does not pass it on, so a SIGTERM
# to this script's pid reaches the demo directly this way. (demo.mjs also stops when its parent process goes away.)
exec node scripts/demo.mjs "$@"
