#!/usr/bin/env bash
# Installs the Debian packages the test suite drives (real editors; Chromium for the VS Code e2e
# and for core in a browser worker).
# Idempotent: does nothing when everything is present.
set -euo pipefail
PACKAGES=(neovim vim vim-ale emacs-nox elpa-eglot chromium libkrb5-dev time)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
