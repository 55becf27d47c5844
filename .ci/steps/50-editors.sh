#!/usr/bin/env bash
# Editor support (issue 5): the TextMate grammar's scope assertions with
# vscode-tmgrammar-test, every example coloured, and the VS Code client's
# logic. The language server's end-to-end tests run with `cargo test`.
# Installs Node.js and npm from Debian when the machine has none, then the
# pinned npm packages of editors/vscode/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "installing Node.js and npm"
  sudo=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
    sudo="sudo -n"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
echo "node $(node --version), npm $(npm --version)"

cd editors/vscode
npm ci --no-audit --no-fund --loglevel=error
npm test
