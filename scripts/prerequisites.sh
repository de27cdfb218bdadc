#!/usr/bin/env bash
# Installs the Debian packages the tests drive for real: Prosody (live BOSH sessions),
# Chromium (webview and workbench), ripgrep, libkrb5-dev and a compiler (the VS Code server and
# its native modules), openssl (test certificates), unzip (checking the packed .vsix).
# Runs before `npm test`; does nothing when all are present.
set -euo pipefail

need=()
command -v prosody >/dev/null 2>&1 || need+=(prosody lua-unbound)
command -v ejabberdctl >/dev/null 2>&1 || need+=(ejabberd)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || need+=(build-essential)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
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
