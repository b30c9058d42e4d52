#!/usr/bin/env bash
# Makes sure a kubectl is on PATH for the simulator's kubectl contract tests.
# Installs Debian's kubernetes-client only when no kubectl is found: a kubectl from another package
# (e.g. /usr/bin/kubectl) must not be installed over, that install fails on the file conflict.
set -euo pipefail

if command -v kubectl >/dev/null 2>&1; then
  echo "ensure-kubectl: using $(command -v kubectl)" >&2
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-kubectl: kubectl is not on PATH and apt-get is unavailable; install kubectl first" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "ensure-kubectl: installing Debian's kubernetes-client" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends kubernetes-client >&2

if ! command -v kubectl >/dev/null 2>&1; then
  echo "ensure-kubectl: kubernetes-client installed but kubectl is still not on PATH" >&2
  exit 1
fi
echo "ensure-kubectl: installed $(command -v kubectl)" >&2
