#!/usr/bin/env bash
# The one test command (README): installs what the tests need on a fresh machine, then runs every test:
# server (xunit), extension (typecheck, lint, unit and integration against the real sidecar) and end-to-end
# (code-server + Chromium). Every step runs even if an earlier one failed; the exit code is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

failed=()
step() {
  local name=$1; shift
  echo
  echo "=== $name"
  local start=$SECONDS
  if "$@"; then
    echo "=== $name: ok ($((SECONDS - start)) s)"
  else
    echo "=== $name: FAILED ($((SECONDS - start)) s)"
    failed+=("$name")
  fi
}

setup() {
  [ -f scripts/lib/ensure-kubectl.sh ] && bash scripts/lib/ensure-kubectl.sh
  bash scripts/lib/ensure-awscli.sh
  npm ci --no-audit --no-fund --loglevel=error
}

step "setup (kubectl, aws CLI, npm packages)" setup || true
step "server build" dotnet build Sidecar.sln -c Debug --nologo -v q -clp:ErrorsOnly
step "server tests (xunit)" dotnet test Sidecar.sln -c Debug --no-build --nologo
step "extension typecheck" npm run --silent typecheck
step "extension lint" npm run --silent lint
step "extension build" npm run --silent build:ext
step "extension tests (unit + real sidecar)" npm run --silent test:ext
step "end-to-end tests (code-server + Chromium)" npm run --silent e2e

echo
if [ ${#failed[@]} -eq 0 ]; then
  echo "All test steps passed."
  exit 0
fi
printf 'Failed steps:\n'; printf '  - %s\n' "${failed[@]}"
exit 1
