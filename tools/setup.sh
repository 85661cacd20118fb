#!/usr/bin/env bash
# Installs what ftriage needs to build and test on Debian 12 (run as root),
# then configures and builds build/ftriage. Idempotent: packages already
# present are not downloaded again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake ninja-build g++ pkg-config libre2-dev libboost-graph-dev
  libcli11-dev nlohmann-json3-dev libgtest-dev zlib1g-dev libzstd-dev
  clang-format gzip zstd graphviz
  python3  # tools/gen_trace.py, for tools/build_pgo.sh and bench/
  chromium)  # the report_browser test opens the HTML report headless
# The fuzz build (-DFTRIAGE_FUZZ=ON, fuzz/) needs clang and its libFuzzer
# runtime, and is configured with them.
if [[ " $* " == *" -DFTRIAGE_FUZZ=ON "* ]]; then
  packages+=(clang libclang-rt-14-dev)
  export CC=clang CXX=clang++
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir=${1:-build}
shift || true
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFTRIAGE_WERROR=ON "$@" >/dev/null
cmake --build "$build_dir"
