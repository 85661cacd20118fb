#!/bin/bash
# Re-create the whole testdata/real/ capture set (see README.md).
#
# Usage: tools/capture/capture_all.sh [OUTDIR] [SET...]
#   OUTDIR  default testdata/real (relative to the repository root)
#   SET     any of: main cloud k612 k612cloud rt retval console
#           (console: sysrq-z console dumps, capture.sh -C, into OUTDIR/console/)
#           (default: main cloud k612 k612cloud rt, plus
#           retval when the bzImage of build_retval_kernel.sh exists)
#
# Each capture boots a fresh VM (~10-25 s with TCG).  A failed capture is retried once.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${1:-$ROOT/testdata/real}
shift || true
CACHE=${FTRIAGE_CACHE:-/var/cache/ftriage-capture}
RETVAL_BZ=${RETVAL_BZIMAGE:-$CACHE/build/linux-source-6.12/arch/x86/boot/bzImage}

# Newest Debian 6.1 / 6.12 kernels the configured apt sources offer.
newest() { apt-cache search --names-only "$1" | awk '{print $1}' | sort -V | tail -n1; }
K61=${K61:-$(newest '^linux-image-6\.1\.0-[0-9]+-amd64-unsigned$')}
K61C=${K61C:-$(newest '^linux-image-6\.1\.0-[0-9]+-cloud-amd64-unsigned$')}
K612=${K612:-$(newest '^linux-image-6\.12\.[0-9]+\+deb[0-9]+-amd64-unsigned$')}
K61RT=${K61RT:-$(newest '^linux-image-6\.1\.0-[0-9]+-rt-amd64-unsigned$')}
K612C=${K612C:-$(newest '^linux-image-6\.12\.[0-9]+\+deb[0-9]+-cloud-amd64-unsigned$')}

SETS=("$@")
if [ ${#SETS[@]} -eq 0 ]; then
    SETS=(main cloud k612 k612cloud rt)
    [ -f "$RETVAL_BZ" ] && SETS+=(retval)
fi

fails=0
cap() {  # cap [-K] KERNEL PROFILE SCENARIO
    local t=${QEMU_TIMEOUT:-300}
    QEMU_TIMEOUT=$t "$HERE/capture.sh" "$@" "$OUT" && return 0
    echo "retrying: $*" >&2
    QEMU_TIMEOUT=$t "$HERE/capture.sh" "$@" "$OUT" && return 0
    echo "FAILED: $*" >&2
    fails=$((fails + 1))
}

for set in "${SETS[@]}"; do
    case $set in
    main)
        cap -K "$K61" fgraph openat
        for s in openat-bad openat-good bpf bpf-bad bpf-good mount mount-bad; do cap "$K61" fgraph $s; done
        # succeeds here (CONFIG_MEMORY_FAILURE=y), fails with EINVAL on cloud (unset)
        cap "$K61" fgraph madvise-soft-offline
        for s in openat-bad bpf-bad mount-bad; do cap "$K61" fgraph-default $s; done
        for s in openat-bad bpf-bad; do cap "$K61" fgraph-tail $s; done
        # the same failing bpf() with max_graph_depth / tracing_thresh cutting calls
        cap "$K61" fgraph-depth3 bpf-bad
        cap "$K61" fgraph-thresh bpf-bad
        for s in openat bpf mount; do cap "$K61" func-stack $s; done
        ;;
    cloud)
        cap -K "$K61C" fgraph openat
        for s in openat-bad bpf mount; do cap "$K61C" fgraph $s; done
        # EINVAL: no CONFIG_MEMORY_FAILURE in the cloud config (0 on -amd64, set main)
        cap "$K61C" fgraph madvise-soft-offline
        cap "$K61C" fgraph-default openat-bad
        cap "$K61C" func-stack openat
        ;;
    k612)
        cap -K "$K612" fgraph openat
        for s in openat-bad bpf bpf-bad mount; do cap "$K612" fgraph $s; done
        for s in openat-bad bpf-bad; do cap "$K612" fgraph-default $s; done
        cap "$K612" fgraph-tail openat-bad
        for s in openat bpf; do cap "$K612" func-stack $s; done
        ;;
    k612cloud)
        cap -K "$K612C" fgraph openat
        for s in openat-bad bpf; do cap "$K612C" fgraph $s; done
        cap "$K612C" func-stack openat
        ;;
    rt)
        # PREEMPT_RT + QEMU: the threaded 8250 irq of ttyS1 gets disabled
        # ("irq 3: nobody cared") and the serial dump stalls: use isa-debugcon.
        export DUMP_VIA=debugcon
        cap -K "$K61RT" fgraph openat
        cap "$K61RT" fgraph bpf
        for s in openat bpf; do cap "$K61RT" func-stack $s; done
        unset DUMP_VIA
        ;;
    retval)
        cap -K "$RETVAL_BZ" fgraph-retval openat
        for s in openat-bad bpf bpf-bad; do cap "$RETVAL_BZ" fgraph-retval $s; done
        for s in openat-bad bpf-bad; do cap "$RETVAL_BZ" fgraph-default-retval $s; done
        for s in openat-bad bpf-bad; do cap "$RETVAL_BZ" fgraph-tail-retval $s; done
        for s in openat-bad bpf-bad; do cap "$RETVAL_BZ" fgraph-retval-hex $s; done
        ;;
    console)
        # ring buffer printed on ttyS0 by sysrq 'z'; the whole console log is kept
        for k in "$K61" "$K612"; do
            QEMU_TIMEOUT=${QEMU_TIMEOUT:-300} "$HERE/capture.sh" -C "$k" fgraph-events openat-bad "$OUT/console" ||
                { echo "FAILED: console $k fgraph-events" >&2; fails=$((fails + 1)); }
            APPEND_EXTRA='printk.time=1' QEMU_TIMEOUT=${QEMU_TIMEOUT:-300} "$HERE/capture.sh" -C "$k" func-stack openat-bad "$OUT/console" ||
                { echo "FAILED: console $k func-stack" >&2; fails=$((fails + 1)); }
        done
        ;;
    *) echo "unknown set $set" >&2; exit 2 ;;
    esac
done
"$HERE/mkreadme.sh" "$OUT"
echo "done, $fails failed capture(s)" >&2
[ "$fails" -eq 0 ]
