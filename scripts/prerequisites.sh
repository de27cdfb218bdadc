#!/usr/bin/env bash
# Installs the Debian packages that `npm start` or `npm test` drive for real, and does nothing when all are present.
#   bash scripts/prerequisites.sh start   before `npm start`: the VS Code server (ripgrep, libkrb5-dev and a compiler
#                                         for its native modules) and the demo Finesse server (Prosody, openssl)
#   bash scripts/prerequisites.sh         before `npm test`: those, and ejabberd, Chromium (webview and workbench)
#                                         and unzip (checking the packed .vsix)
# As root with apt-get it installs them; otherwise it names them and the command, and stops with exit code 1.
set -euo pipefail

purpose="${1:-test}"
need=()
# The VS Code server that `npm start` and the workbench tests run, and its native modules.
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || need+=(build-essential)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# Prosody: the demo server of `npm start` and the live tests; openssl makes its certificate.
command -v prosody >/dev/null 2>&1 || need+=(prosody lua-unbound)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ "$purpose" != start ]; then
  command -v ejabberdctl >/dev/null 2>&1 || need+=(ejabberd)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v unzip >/dev/null 2>&1 || need+=(unzip)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "npm $purpose needs these Debian packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "Installing ${need[*]} for npm $purpose …"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
