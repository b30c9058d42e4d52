#!/usr/bin/env bash
# Makes sure an AWS CLI is on PATH: the EKS tests use the real `aws` as the judge of the simulated AWS and of
# Kubelink's token (issue 13). Installs Debian's awscli only when no `aws` is found, so one installed another way
# (pip, the v2 bundle) is used as it is.
set -euo pipefail

if command -v aws >/dev/null 2>&1; then
  echo "ensure-awscli: using $(command -v aws)" >&2
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-awscli: aws is not on PATH and apt-get is unavailable; install the AWS CLI first" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "ensure-awscli: installing Debian's awscli" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends awscli >&2

if ! command -v aws >/dev/null 2>&1; then
  echo "ensure-awscli: awscli installed but aws is still not on PATH" >&2
  exit 1
fi
echo "ensure-awscli: installed $(command -v aws)" >&2
