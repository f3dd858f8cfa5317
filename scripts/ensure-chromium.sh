#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright's own browser download does not
# work on our machines), with its British English locale: a date field shows the
# browser's own locale's format, and without it the screenshots show mm/dd/yyyy.
# Installs them with apt when running as root, or says what to do.
set -euo pipefail
ready() { command -v chromium >/dev/null && [ -e /usr/lib/chromium/locales/en-GB.pak ]; }
ready && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium and its British English locale for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n >/dev/null
else
  echo "The browser tests need Chromium in British English: sudo apt-get install chromium chromium-l10n" >&2
  exit 1
fi
