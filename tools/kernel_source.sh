#!/usr/bin/env bash
# Fetches a Debian Linux source tree (package linux-source-VERSION) and
# builds its ftriage source index, for the `explain` tests and the demo.
# Cached under $FTRIAGE_CACHE (default /var/cache/ftriage): the tarball is
# unpacked once (C sources, headers, Makefiles and Kbuild files only) and
# indexed once. Prints the path of the index on stdout.
#
# Usage: tools/kernel_source.sh FTRIAGE_BINARY [VERSION]   (VERSION: 6.1)
set -euo pipefail
ftriage=$1
version=${2:-6.1}
cache=${FTRIAGE_CACHE:-/var/cache/ftriage}
package=linux-source-$version
tarball=/usr/src/$package.tar.xz
tree=$cache/$package
index=$cache/$package.ftidx

if [ ! -f "$tarball" ]; then
  echo "kernel_source: installing $package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "$package" >/dev/null
fi
mkdir -p "$cache"
if [ ! -f "$tree/.unpacked" ]; then
  echo "kernel_source: unpacking $tarball" >&2
  rm -rf "$tree"
  tar -xJf "$tarball" -C "$cache" --wildcards '*.c' '*.h' '*Makefile*' \
    '*Kbuild*'
  touch "$tree/.unpacked"
fi
# Re-index when the indexer's code changed since the index was written.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$index" ] ||
  [ -n "$(find "$here/kernel" -name 'source_*' -newer "$index")" ]; then
  echo "kernel_source: indexing $tree" >&2
  "$ftriage" index "$tree" -o "$index.tmp" >&2
  mv "$index.tmp" "$index"
fi
echo "$index"
