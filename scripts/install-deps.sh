#!/usr/bin/env bash
# Installs the system packages Doppel builds and tests with, when they are missing.
# Debian/Ubuntu only; elsewhere it says what to install.
set -euo pipefail
packages=(libncursesw5-dev zlib1g-dev libsnappy-dev libzstd-dev liblz4-dev libbrotli-dev libsqlite3-dev libpq-dev postgresql sqlite3 tmux time tzdata)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
    echo "doppel: please install: ${missing[*]} (ncursesw, zlib, snappy, zstd, lz4, brotli, sqlite3 and libpq headers, the postgresql server and sqlite3 for the database tests, tmux, time, tzdata for time-zone rules)" >&2
    exit 1
fi
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
echo "installing ${missing[*]}" >&2
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
