#!/usr/bin/env bash
# Makes sure a kubectl is on PATH for the simulator's kubectl contract tests: Debian's kubernetes-client only when no
# kubectl is found (a kubectl from another package, e.g. /usr/bin/kubectl, must not be installed over).
exec bash "$(dirname "$0")/ensure-command.sh" ensure-kubectl kubectl kubernetes-client
