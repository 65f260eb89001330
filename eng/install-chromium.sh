#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests when it is absent. Prints the browser's path on success.
set -euo pipefail

if path=$(command -v chromium 2>/dev/null); then
  echo "$path"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "chromium is not installed and this user can neither run apt-get as root nor use sudo without a password;" >&2
  echo "install it with: apt-get install -y chromium" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; another apt run may hold the lock for a while.
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >&2
command -v chromium
