#!/usr/bin/env bash
# Ensure the Debian/Ubuntu packages Casework needs are installed.
#   scripts/ensure-system-packages.sh run   -- to serve the app
#   scripts/ensure-system-packages.sh test  -- also what the test suite drives (Chromium, poppler)
#   scripts/ensure-system-packages.sh ci    -- also PostgreSQL for the CI run
# As root it installs what is missing; otherwise it prints the exact command and fails.
set -euo pipefail

profile="${1:-run}"
packages=(python3-venv python3-dev build-essential fontconfig fonts-noto-cjk
          libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
case "$profile" in
  run) ;;
  test) packages+=(chromium poppler-utils) ;;
  ci) packages+=(chromium poppler-utils postgresql) ;;
  *) echo "usage: $0 run|test|ci" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Casework needs these system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo sh -c '$command'" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
