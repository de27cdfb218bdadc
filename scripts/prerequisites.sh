#!/usr/bin/env bash
# Installs the Debian packages the tests drive for real: Prosody (live BOSH sessions),
# Chromium (webview and workbench), ripgrep and libkrb5-dev (the VS Code server), openssl
# (test certificates). Runs before `npm test`; does nothing when all are present.
set -euo pipefail

need=()
command -v prosody >/dev/null 2>&1 || need+=(prosody lua-unbound)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need these Debian packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "Installing ${need[*]} …"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
