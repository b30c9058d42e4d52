#!/usr/bin/env bash
# ensure-command.sh NAME COMMAND PACKAGE: makes sure COMMAND is on PATH, installing the Debian PACKAGE only when no
# COMMAND is found at all, so one installed another way (another package, pip, a vendor bundle) is used as it is and
# never installed over (that install would fail on the file conflict). NAME prefixes every message.
set -euo pipefail
name=$1 cmd=$2 package=$3

if command -v "$cmd" >/dev/null 2>&1; then
  echo "$name: using $(command -v "$cmd")" >&2
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "$name: $cmd is not on PATH and apt-get is unavailable; install $cmd first" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "$name: installing Debian's $package" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$package" >&2

if ! command -v "$cmd" >/dev/null 2>&1; then
  echo "$name: $package installed but $cmd is still not on PATH" >&2
  exit 1
fi
echo "$name: installed $(command -v "$cmd")" >&2
