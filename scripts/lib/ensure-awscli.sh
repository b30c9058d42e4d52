#!/usr/bin/env bash
# Makes sure an AWS CLI is on PATH: the EKS tests use the real `aws` as the judge of the simulated AWS and of
# Kubelink's token (issue 13). Debian's awscli only when no `aws` is found (pip or the v2 bundle is used as it is).
exec bash "$(dirname "$0")/ensure-command.sh" ensure-awscli aws awscli
