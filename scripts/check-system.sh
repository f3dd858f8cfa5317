#!/usr/bin/env bash
# Checks for the system packages `make demo` and `make test` need (Python 3.11+ with
# venv, Node.js with npm) and installs them with apt when run as root on Debian/Ubuntu.
set -euo pipefail

need=()
py=$(command -v python3.11 || command -v python3 || true)
if [ -z "$py" ] || ! "$py" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  need+=(python3 python3-venv)
fi
command -v npm >/dev/null || need+=(nodejs npm)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
elif command -v apt-get >/dev/null; then
  echo "Missing system packages. Install them, then run make again:" >&2
  echo "  sudo apt-get install ${need[*]}" >&2
  exit 1
else
  echo "Missing: ${need[*]} (Python 3.11+ with venv, Node.js 18+ with npm). Install them and run make again." >&2
  exit 1
fi
