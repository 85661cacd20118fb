#!/bin/bash
# Capture a real ftrace log from a Debian kernel booted under QEMU (TCG).
#
# Usage: tools/capture/capture.sh [-K] [-C] [-N NAME] KERNEL PROFILE SCENARIO OUTDIR
#
#   KERNEL    a Debian kernel package (linux-image-6.1.0-56-amd64,
#             linux-image-6.1.0-56-cloud-amd64-unsigned, linux-image-6.12.117+deb12-amd64, ...)
#             downloaded with `apt-get download` into $FTRIAGE_CACHE/debs,
#             or a path to a bzImage (its .config is taken from BZIMAGE.config if present)
#   PROFILE   tracer configuration, see README.md:
#             fgraph fgraph-default fgraph-tail fgraph-retval fgraph-default-retval
#             fgraph-tail-retval fgraph-retval-hex fgraph-events func-stack
#             fgraph-depth3 fgraph-thresh
#   SCENARIO  workload scenario of workloads/ftw.c: openat openat-bad openat-good
#             bpf bpf-bad bpf-good mount mount-bad mount-good madvise-soft-offline
#   OUTDIR    e.g. testdata/real
#   -K        also save kernel reference data (kallsyms, available_filter_functions,
#             config) under OUTDIR/kernels/<uname -r>/
#   -N NAME   file name stem (default <uname -r>_x86_64_<PROFILE>_<SCENARIO>)
#   -C        console mode: after the workload the guest dumps the ring buffer on the
#             kernel console with sysrq 'z' (echo z > /proc/sysrq-trigger, what
#             ftrace_dump_on_oops prints on a crash); the host keeps the whole ttyS0
#             log as OUTDIR/NAME.console.txt (+ NAME.meta) instead of NAME.txt
#
# Environment overrides: GRAPH_FUNCS FILTER_FUNCS TRACE_OPTS TRACE_FILES EVENTS (space separated),
# DUMP_VIA=serial|debugcon (how the results leave the VM; debugcon for -rt kernels),
# APPEND_EXTRA (extra kernel command line), SMP (default 2),
# FTRIAGE_CACHE (default /var/cache/ftriage-capture), QEMU_TIMEOUT (default 900 s).
#
# Writes OUTDIR/NAME.txt (the verbatim `trace` file) and OUTDIR/NAME.meta (uname -r,
# tracer setup commands, effective options, exact host + QEMU command).
# With -C: OUTDIR/NAME.console.txt (the ttyS0 log, byte for byte, see README.md)
# and OUTDIR/NAME.meta; the `trace` file read before the dump goes to
# $FTRIAGE_CACHE/work/NAME.trace.txt (for comparison, not into OUTDIR).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${FTRIAGE_CACHE:-/var/cache/ftriage-capture}
WANT_K=0
NAME=
ORIG_CMD="tools/capture/capture.sh $*"
for v in DUMP_VIA APPEND_EXTRA SMP EVENTS TRACE_OPTS TRACE_FILES FILTER_FUNCS GRAPH_FUNCS; do
    [ -n "${!v+x}" ] && ORIG_CMD="$v='${!v}' $ORIG_CMD"
done
CONSOLE_DUMP=
while getopts "KCN:" opt; do
    case $opt in
        K) WANT_K=1 ;;
        C) CONSOLE_DUMP=sysrq ;;
        N) NAME=$OPTARG ;;
        *) sed -n '2,33p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 4 ] || { sed -n '2,33p' "$0"; exit 2; }
KERNEL=$1 PROFILE=$2 SCENARIO=$3 OUTDIR=$4

# ---------------------------------------------------------------- host tools
export DEBIAN_FRONTEND=noninteractive
need=()
for p in qemu-system-x86 busybox-static gcc libc6-dev linux-libc-dev cpio gzip; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
    apt-get update
    apt-get install -y --no-install-recommends "${need[@]}"
fi
mkdir -p "$CACHE/debs" "$CACHE/kernels" "$CACHE/work"

# ---------------------------------------------------------------- kernel
KCONFIG=
if [ -f "$KERNEL" ]; then
    VMLINUZ=$(readlink -f "$KERNEL")
    [ -f "$VMLINUZ.config" ] && KCONFIG=$VMLINUZ.config
    KDESC="bzImage $VMLINUZ"
else
    deb=$(ls "$CACHE"/debs/"${KERNEL}"_*.deb 2>/dev/null | head -n1 || true)
    if [ -z "$deb" ]; then
        (cd "$CACHE/debs" && apt-get download "$KERNEL")
        deb=$(ls "$CACHE"/debs/"${KERNEL}"_*.deb | head -n1)
    fi
    kdir=$CACHE/kernels/$KERNEL
    if [ ! -d "$kdir/boot" ]; then
        rm -rf "$kdir.tmp"; mkdir -p "$kdir.tmp"
        # only /boot is needed: the VM uses built-in drivers (8250 serial, initramfs)
        dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$kdir.tmp" --wildcards './boot/*'
        mv "$kdir.tmp" "$kdir"
    fi
    VMLINUZ=$(ls "$kdir"/boot/vmlinuz-* | head -n1)
    KCONFIG=$(ls "$kdir"/boot/config-* | head -n1)
    KDESC="$(basename "$deb")"
fi

# ---------------------------------------------------------------- profile
case $SCENARIO in
    openat*) SC=openat ;;
    bpf*) SC=bpf ;;
    mount*) SC=mount ;;
    madvise*) SC=madvise ;;
    *) echo "unknown scenario $SCENARIO" >&2; exit 2 ;;
esac
HANDLER=__x64_sys_$SC
SYSEVENTS="syscalls/sys_enter_$SC syscalls/sys_exit_$SC"
case $SC in
    openat) FAILPATH="do_sys_openat2 getname do_filp_open path_openat walk_component" ;;
    bpf) FAILPATH="__sys_bpf map_create array_map_alloc_check" ;;
    mount) FAILPATH="do_mount path_mount get_fs_type __request_module" ;;
    madvise) FAILPATH="do_madvise soft_offline_page" ;;
esac
TRACER=function_graph G='' F='' O='' E='' S=''
case $PROFILE in
    fgraph)                G=$HANDLER; O="funcgraph-proc=1 funcgraph-abstime=1"; E=$SYSEVENTS ;;
    fgraph-retval)         G=$HANDLER; O="funcgraph-proc=1 funcgraph-abstime=1 funcgraph-retval=1"; E=$SYSEVENTS ;;
    fgraph-default)        G=$HANDLER ;;
    fgraph-events)         G=$HANDLER; E=$SYSEVENTS ;;
    fgraph-default-retval) G=$HANDLER; O="funcgraph-retval=1" ;;
    fgraph-tail)           G=$HANDLER; O="funcgraph-tail=1" ;;
    fgraph-tail-retval)    G=$HANDLER; O="funcgraph-tail=1 funcgraph-retval=1" ;;
    fgraph-retval-hex)     G=$HANDLER; O="funcgraph-retval=1 funcgraph-retval-hex=1" ;;
    fgraph-depth3)         G=$HANDLER; O="funcgraph-proc=1 funcgraph-abstime=1"; E=$SYSEVENTS; S="max_graph_depth=3" ;;
    fgraph-thresh)         G=$HANDLER; O="funcgraph-proc=1 funcgraph-abstime=1"; E=$SYSEVENTS; S="tracing_thresh=20" ;;
    func-stack)            TRACER=function; F=$FAILPATH; O="func_stack_trace=1"; E=$SYSEVENTS ;;
    *) echo "unknown profile $PROFILE" >&2; exit 2 ;;
esac
GRAPH_FUNCS=${GRAPH_FUNCS-$G}
FILTER_FUNCS=${FILTER_FUNCS-$F}
TRACE_OPTS=${TRACE_OPTS-$O}
TRACE_FILES=${TRACE_FILES-$S}
EVENTS=${EVENTS-$E}

# ---------------------------------------------------------------- initramfs
W=$(mktemp -d "$CACHE/work/run.XXXXXX")
trap 'rm -rf "$W"' EXIT
ftw=$CACHE/work/ftw
if [ ! -x "$ftw" ] || [ "$HERE/workloads/ftw.c" -nt "$ftw" ]; then
    gcc -static -O2 -Wall -Wextra -o "$ftw.tmp" "$HERE/workloads/ftw.c"
    mv "$ftw.tmp" "$ftw"
fi
portdump=$CACHE/work/portdump
if [ ! -x "$portdump" ] || [ "$HERE/portdump.c" -nt "$portdump" ]; then
    gcc -static -O2 -Wall -Wextra -o "$portdump.tmp" "$HERE/portdump.c"
    mv "$portdump.tmp" "$portdump"
fi
R=$W/root
mkdir -p "$R"/{bin,etc,proc,sys,dev,tmp,mnt,out,sys}
cp /bin/busybox "$R/bin/busybox"
cp "$ftw" "$R/bin/ftw"
cp "$portdump" "$R/bin/portdump"
install -m755 "$HERE/guest-init.sh" "$R/init"
cat > "$R/capture.conf" <<EOF
TRACER='$TRACER'
GRAPH_FUNCS='$GRAPH_FUNCS'
FILTER_FUNCS='$FILTER_FUNCS'
TRACE_OPTS='$TRACE_OPTS'
TRACE_FILES='$TRACE_FILES'
EVENTS='$EVENTS'
SCENARIO='$SCENARIO'
WANT_KALLSYMS='$WANT_K'
DUMP_VIA='${DUMP_VIA:-serial}'
CONSOLE_DUMP='$CONSOLE_DUMP'
EOF
(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1) > "$W/initrd.gz"

# ---------------------------------------------------------------- boot
APPEND="console=ttyS0 panic=-1 nokaslr${APPEND_EXTRA:+ $APPEND_EXTRA}"
# shellcheck disable=SC2054
QEMU=(qemu-system-x86_64 -accel tcg,thread=single -smp "${SMP:-2}" -m 1G -nographic -no-reboot
      -kernel "$VMLINUZ" -initrd "$W/initrd.gz" -append "$APPEND"
      -serial mon:stdio)
if [ "${DUMP_VIA:-serial}" = debugcon ]; then
    # shellcheck disable=SC2054
    QEMU+=(-chardev "file,id=dump,path=$W/dump.tar" -device isa-debugcon,iobase=0xe9,chardev=dump)
else
    QEMU+=(-serial "file:$W/dump.tar")
fi
echo "booting $KDESC ($PROFILE / $SCENARIO) ..." >&2
start=$(date +%s)
timeout "${QEMU_TIMEOUT:-900}" "${QEMU[@]}" </dev/null > "$W/console.log" 2>&1 || true
secs=$(( $(date +%s) - start ))
tr -d '\r' < "$W/console.log" > "$W/console.txt"
line=$(grep -a '^FTRIAGE-DUMP ' "$W/console.txt" | tail -n1 || true)
if [ -z "$line" ]; then
    tail -n 40 "$W/console.txt" >&2
    echo "capture failed: no FTRIAGE-DUMP line (after ${secs}s)" >&2
    exit 1
fi
size=$(sed -n 's/.*size=\([0-9]*\).*/\1/p' <<<"$line")
sum=$(sed -n 's/.*md5=\([0-9a-f]*\).*/\1/p' <<<"$line")
head -c "$size" "$W/dump.tar" > "$W/dump.ok"
got=$(md5sum < "$W/dump.ok" | cut -d' ' -f1)
if [ "$got" != "$sum" ] || [ "$(wc -c < "$W/dump.tar")" -lt "$size" ]; then
    echo "capture failed: dump not byte-exact (want $size/$sum, got $(wc -c < "$W/dump.tar")/$got)" >&2
    exit 1
fi
mkdir -p "$W/out"
tar -xf "$W/dump.ok" -C "$W/out"
O=$W/out
UNAME=$(cat "$O/uname-r.txt")
grep -a 'FAILED' "$W/console.txt" >&2 || true

# ---------------------------------------------------------------- results
mkdir -p "$OUTDIR"
NAME=${NAME:-${UNAME}_x86_64_${PROFILE}_${SCENARIO}}
if [ -n "$CONSOLE_DUMP" ]; then
    # The console log as QEMU received it from ttyS0: nothing stripped, CR LF
    # line ends as the 8250 console sends them.
    if ! grep -aq 'Dumping ftrace buffer:' "$W/console.txt"; then
        echo "capture failed: no 'Dumping ftrace buffer:' on the console" >&2
        exit 1
    fi
    cp "$W/console.log" "$OUTDIR/$NAME.console.txt"
    cp "$O/trace.txt" "$CACHE/work/$NAME.trace.txt"
    DATAFILE=$NAME.console.txt
else
    cp "$O/trace.txt" "$OUTDIR/$NAME.txt"
    DATAFILE=$NAME.txt
fi
{
    echo "# ftriage real capture: $DATAFILE"
    echo "uname -r: $UNAME"
    echo "uname -a: $(cat "$O/uname-a.txt")"
    echo "kernel: $KDESC"
    echo "profile: $PROFILE"
    echo "scenario: $SCENARIO (tools/capture/workloads/ftw.c)"
    echo "current_tracer: $(cat "$O/current_tracer.txt")"
    echo "trace_clock: $(cat "$O/trace_clock.txt")"
    echo "buffer_size_kb: $(cat "$O/buffer_size_kb.txt")"
    echo "max_graph_depth: $(cat "$O/max_graph_depth.txt" 2>/dev/null)"
    echo "tracing_thresh: $(cat "$O/tracing_thresh.txt" 2>/dev/null)"
    echo "set_graph_function: $(grep -v '^#' "$O/set_graph_function.txt" 2>/dev/null | tr '\n' ' ')"
    echo "set_ftrace_filter: $(grep -v '^#' "$O/set_ftrace_filter.txt" 2>/dev/null | tr '\n' ' ')"
    echo "set_event: $(tr '\n' ' ' < "$O/set_event.txt")"
    echo "guest cmdline: $(cat "$O/cmdline.txt")"
    echo "capture command: $ORIG_CMD"
    echo "qemu command: ${QEMU[*]}" | sed "s#$W#\$WORK#g"
    echo "capture time: ${secs}s"
    if [ -n "$CONSOLE_DUMP" ]; then
        echo "console dump: sysrq z (echo 1 > /proc/sys/kernel/sysrq; echo z > /proc/sysrq-trigger) after the workload"
        echo "console file: whole ttyS0 log (QEMU -serial mon:stdio), unmodified, CR LF line ends"
        echo "console lines: $(wc -l < "$W/console.txt") total, dump $(awk '/Dumping ftrace buffer:/{d=1} d{n++} d&&/---------------------------------$/&&++k==2{exit} END{print n}' "$W/console.txt") lines incl. header/footer"
    fi
    echo
    echo "## tracefs setup commands run in the guest (guest-init.sh)"
    cat "$O/setup.log"
    if [ -s "$O/errors.log" ]; then
        echo
        echo "## errors during setup"
        cat "$O/errors.log"
    fi
    echo
    echo "## trace_options after the capture"
    cat "$O/trace_options.txt"
} > "$OUTDIR/$NAME.meta"

if [ "$WANT_K" = 1 ]; then
    KD=$OUTDIR/kernels/$UNAME
    mkdir -p "$KD"
    [ -n "$KCONFIG" ] && cp "$KCONFIG" "$KD/config"
    [ -z "$KCONFIG" ] && [ -f "$O/config.gz" ] && gzip -dc "$O/config.gz" > "$KD/config"
    cp "$O/available_filter_functions.gz" "$KD/available_filter_functions.gz"
    ksz=$(wc -c < "$O/kallsyms.gz")
    if [ "$ksz" -lt 2000000 ]; then
        cp "$O/kallsyms.gz" "$KD/kallsyms.gz"
    else
        # too big to commit: keep the full copy in the cache; symbols_subset.sh
        # extracts the symbols used by captures (+ neighbours) into the repo.
        cp "$O/kallsyms.gz" "$CACHE/kernels/kallsyms-$UNAME.gz"
        echo "kallsyms.gz is $ksz bytes: kept in $CACHE/kernels/kallsyms-$UNAME.gz" >&2
    fi
    cp "$O/dmesg.txt" "$KD/dmesg.txt"
fi
echo "ok: $OUTDIR/$DATAFILE ($(wc -l < "$OUTDIR/$DATAFILE") lines, ${secs}s)" >&2
