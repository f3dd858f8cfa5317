#!/usr/bin/env bash
# Checks for the system packages `make demo` and `make test` need (Python 3.11+ with
# venv, Node.js with npm) and installs them with apt when run as root on Debian/Ubuntu.
set -euo pipefail

need=()
py=$(command -v python3.11 || command -v python3 || true)
if [ -z "$py" ]; then
  need+=(python3 python3-venv)
elif ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  # An older python3 (Ubuntu 22.04's is 3.10): installing python3 again would not help.
  need+=(python3.11 python3.11-venv)
elif ! "$py" -c 'import venv, ensurepip' 2>/dev/null; then
  need+=("$(basename "$py")-venv")
fi
command -v npm >/dev/null || need+=(nodejs npm)

# The asset build needs Node.js 18 or later (scripts/build-assets.mjs uses cpSync, sass
# needs 14): older ones fail there with a SyntaxError that names nothing to install.
# Ubuntu 22.04's own package is Node 12, so apt cannot always put this right.
check_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if ! [ "$major" -ge 18 ] 2>/dev/null; then
    echo "Node.js $(node --version 2>/dev/null) is too old: building the assets needs Node.js 18 or later." >&2
    echo "Debian 12 and Ubuntu 24.04 ship one (apt-get install nodejs npm); elsewhere install it from" >&2
    echo "NodeSource (https://github.com/nodesource/distributions) or with nvm, then run make again." >&2
    exit 1
  fi
}

if [ ${#need[@]} -eq 0 ]; then
  check_node
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  check_node
elif command -v apt-get >/dev/null; then
  echo "Missing system packages. Install them, then run make again:" >&2
  echo "  sudo apt-get install ${need[*]}" >&2
  exit 1
else
  echo "Missing: ${need[*]} (Python 3.11+ with venv, Node.js 18+ with npm). Install them and run make again." >&2
  exit 1
fi
