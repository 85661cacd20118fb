#!/bin/bash
# Build a Debian 6.12 kernel (bzImage only) with CONFIG_FUNCTION_GRAPH_RETVAL=y,
# so function_graph can print return values (funcgraph-retval).
#
# Usage: tools/capture/build_retval_kernel.sh [JOBS]
#
# Everything (sources, objects, the image) lives OUTSIDE the repository under
# $FTRIAGE_CACHE (default /var/cache/ftriage-capture).  The result is
#   $FTRIAGE_CACHE/build/linux-source-6.12/arch/x86/boot/bzImage
# and a copy of its .config next to it (bzImage.config).
# Runs with `nice -n 19` so it only takes idle CPU.  Takes ~30-90 min on 2 cores.
# Re-runnable: an existing unpacked tree is reused and `make` is incremental.
set -euo pipefail

CACHE=${FTRIAGE_CACHE:-/var/cache/ftriage-capture}
JOBS=${1:-$(nproc)}
BUILD=$CACHE/build
SRC=$BUILD/linux-source-6.12
mkdir -p "$CACHE/debs" "$BUILD"

export DEBIAN_FRONTEND=noninteractive
need=()
for p in linux-source-6.12 make gcc bc bison flex libelf-dev libssl-dev xz-utils cpio perl; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
    apt-get update
    apt-get install -y --no-install-recommends "${need[@]}"
fi

# Debian's own config for the matching 6.12 kernel (from the linux-image package).
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.12)      # e.g. 6.12.117-1~deb12u1
upver=${srcver%%-*}                                             # 6.12.117
imgpkg=$(apt-cache search --names-only "^linux-image-${upver}\+deb[0-9]+-amd64-unsigned$" \
         | awk '{print $1}' | head -n1)
if [ -z "$imgpkg" ]; then
    imgpkg=$(apt-cache search --names-only '^linux-image-6\.12\..*-amd64-unsigned$' \
             | awk '{print $1}' | sort -V | tail -n1)
fi
echo "source: linux-source-6.12 $srcver; config from: $imgpkg"
deb=$(ls "$CACHE"/debs/"${imgpkg}"_*.deb 2>/dev/null | head -n1 || true)
if [ -z "$deb" ]; then
    (cd "$CACHE/debs" && apt-get download "$imgpkg")
    deb=$(ls "$CACHE"/debs/"${imgpkg}"_*.deb | head -n1)
fi
cfgdir=$BUILD/debconfig
rm -rf "$cfgdir"; mkdir -p "$cfgdir"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$cfgdir" --wildcards './boot/config-*'
debcfg=$(ls "$cfgdir"/boot/config-* | head -n1)

if [ ! -f "$SRC/Makefile" ]; then
    echo "unpacking /usr/src/linux-source-6.12.tar.xz into $BUILD"
    tar -C "$BUILD" -xf /usr/src/linux-source-6.12.tar.xz
fi
cd "$SRC"

if [ ! -f .config ] || ! cmp -s "$debcfg" .config.debian-base; then
    cp "$debcfg" .config
    cp "$debcfg" .config.debian-base
    sc=scripts/config
    $sc --enable FUNCTION_GRAPH_TRACER --enable FTRACE_SYSCALLS --enable KPROBES \
        --enable FUNCTION_GRAPH_RETVAL --enable DYNAMIC_FTRACE
    # things that only slow the build down / need Debian's signing keys
    $sc --disable DEBUG_INFO_BTF --disable DEBUG_INFO_DWARF5 \
        --disable DEBUG_INFO_DWARF4 --disable DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT \
        --enable DEBUG_INFO_NONE --disable DEBUG_INFO_REDUCED \
        --disable MODULE_SIG --disable MODULE_SIG_ALL --disable MODULE_SIG_FORCE \
        --disable IMA_ARCH_POLICY --disable SECURITY_LOCKDOWN_LSM_EARLY \
        --set-str SYSTEM_TRUSTED_KEYS "" --set-str SYSTEM_REVOCATION_KEYS "" \
        --set-str MODULE_SIG_KEY "" --set-str BUILD_SALT "" \
        --set-str LOCALVERSION "-ftriage-retval" --disable LOCALVERSION_AUTO
    # the capture VM needs no modules: serial 8250 + initramfs are built in already
    $sc --enable SERIAL_8250 --enable SERIAL_8250_CONSOLE --enable BLK_DEV_INITRD \
        --enable RD_GZIP --enable DEVTMPFS --enable TMPFS
    make olddefconfig >/dev/null
    grep -q '^CONFIG_FUNCTION_GRAPH_RETVAL=y' .config || { echo "RETVAL not enabled" >&2; exit 1; }
fi
grep -E '^CONFIG_(FUNCTION_GRAPH_RETVAL|FUNCTION_GRAPH_TRACER|FTRACE_SYSCALLS|KPROBES|DEBUG_INFO_NONE)=' .config

start=$(date +%s)
nice -n 19 make -j"$JOBS" KBUILD_BUILD_USER=ftriage KBUILD_BUILD_HOST=capture bzImage
cp .config arch/x86/boot/bzImage.config
echo "built $SRC/arch/x86/boot/bzImage ($(make -s kernelrelease)) in $(( $(date +%s) - start ))s"
