#!/bin/bash
# Regenerate OUTDIR/README.md (one row per capture) from the *.meta files
# that capture.sh writes next to each capture.
# Usage: tools/capture/mkreadme.sh [OUTDIR]   (default testdata/real)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../../testdata/real}
cd "$OUT"
field() { sed -n "s/^$1: //p" "$2" | head -n1; }
{
cat <<'EOF'
# Real ftrace captures

Every `*.txt` here is the verbatim content of `/sys/kernel/tracing/trace`
produced by a real Debian kernel booted under QEMU (TCG, 2 vCPUs) by
`tools/capture/capture.sh`; nothing is edited.  Next to each capture,
`NAME.meta` records `uname -r`, the tracefs commands run in the guest, the
effective `trace_options`, the exact host command and the QEMU command line.
The workload is `tools/capture/workloads/ftw.c`: it writes a
`ftriage: <what>` line to `trace_marker` before each syscall and
`ftriage: <what> -> <ret> (<errno>)` after it, so the markers show which
invocation is the failing one.  Tracing is limited to the workload's pid
(`set_ftrace_pid`, `set_event_pid`).  Kernels are booted with `nokaslr`.

`kernels/<uname -r>/` holds, for each kernel: `config` (Debian's
`/boot/config-*`, or the build's `.config`), `kallsyms.gz` (`/proc/kallsyms`
of a capture boot, whole, gzip), `available_filter_functions.gz` and the
boot `dmesg.txt`.

Profiles (see `tools/capture/capture.sh`):

| profile | tracer | set_graph_function / set_ftrace_filter | options switched on | events |
|---|---|---|---|---|
| fgraph | function_graph | `__x64_sys_<syscall>` | funcgraph-proc, funcgraph-abstime | syscalls:sys_enter/sys_exit_<syscall> |
| fgraph-default | function_graph | `__x64_sys_<syscall>` | none (defaults: CPU, overhead, duration, irqs) | none |
| fgraph-tail | function_graph | `__x64_sys_<syscall>` | funcgraph-tail | none |
| fgraph-retval | function_graph | `__x64_sys_<syscall>` | funcgraph-proc, funcgraph-abstime, funcgraph-retval | syscalls:sys_enter/sys_exit_<syscall> |
| fgraph-default-retval | function_graph | `__x64_sys_<syscall>` | funcgraph-retval | none |
| fgraph-tail-retval | function_graph | `__x64_sys_<syscall>` | funcgraph-tail, funcgraph-retval | none |
| fgraph-retval-hex | function_graph | `__x64_sys_<syscall>` | funcgraph-retval, funcgraph-retval-hex | none |
| fgraph-depth3 | function_graph | `__x64_sys_<syscall>`, `max_graph_depth` = 3 | funcgraph-proc, funcgraph-abstime | syscalls:sys_enter/sys_exit_<syscall> |
| fgraph-thresh | function_graph | `__x64_sys_<syscall>`, `tracing_thresh` = 20 µs (returns only) | funcgraph-proc, funcgraph-abstime | syscalls:sys_enter/sys_exit_<syscall> |
| func-stack | function | a few functions on the syscall's path (see .meta) | func_stack_trace | syscalls:sys_enter/sys_exit_<syscall> |

Scenarios: `openat` = missing path (ENOENT) then existing file (fd);
`bpf` = `BPF_MAP_CREATE` array with key_size 8 (EINVAL) then a valid array map;
`mount` = unknown fstype `ftriagefs` (ENODEV) then tmpfs (0) + umount;
`-bad` / `-good` = only the failing / only the succeeding call;
`madvise-soft-offline` = `madvise(MADV_SOFT_OFFLINE)` on one anonymous page,
run as root: the same call succeeds or fails depending on the kernel config
(see below).

| file | lines | kernel (uname -r) | tracer | options / filters | workload | command |
|---|---|---|---|---|---|---|
EOF
for m in *.meta; do
    [ -e "$m" ] || continue
    t=${m%.meta}.txt
    k=$(field 'uname -r' "$m")
    tr=$(field current_tracer "$m")
    prof=$(field profile "$m")
    g=$(field set_graph_function "$m" | sed 's/ *$//')
    f=$(field set_ftrace_filter "$m" | sed 's/ *$//')
    ev=$(field set_event "$m" | sed 's/ *$//')
    o=$(sed -n '/^## tracefs setup/,/^$/p' "$m" | sed -nE "s#^echo '([^']*)' > /sys/kernel/tracing/options/(.*)\$#\2=\1#p" | paste -sd ' ')
    opts=""
    [ -n "$g" ] && opts+="set_graph_function: $g; "
    [ -n "$f" ] && opts+="set_ftrace_filter: $f; "
    opts+="options: ${o:-defaults}"
    [ -n "$ev" ] && opts+="; events: $ev"
    sc=$(field scenario "$m" | cut -d' ' -f1)
    cmd=$(field 'capture command' "$m")
    printf '| %s | %s | %s | %s (%s) | %s | ftw %s | `%s` |\n' "$t" "$(wc -l < "$t")" "$k" "$tr" "$prof" "$opts" "$sc" "$cmd"
done
cat <<'NOTES'

## Notable content (found by grep, regenerated with the table)

* Both the failing and the succeeding call are in the files without `-bad`/`-good`;
  the failing one is the call between the `ftriage: ... (invalid|missing|unknown ...)`
  markers, whose `sys_X -> 0xffff...` exit event is a negative errno.
* Some fgraph files start with a depth-0 leaf that has no matching entry
  (e.g. `mutex_unlock();`), apparently from the workload's own `tracing_on` write.
* 6.1 prints the ftrace trampoline frame of `<stack trace>` blocks as a raw address
  (` => 0xffffffffc0201083`), 6.12 as ` => [FTRACE TRAMPOLINE]`.
* PREEMPT_RT (`*-rt-amd64`) function traces have 7 latency-flag columns
  (need-resched-lazy, preempt-lazy-depth) instead of 5.
* `*_fgraph_madvise-soft-offline.txt` is a good/bad pair that differs only by
  kernel config: `6.1.0-56-amd64` (`CONFIG_MEMORY_FAILURE=y`) returns 0, with
  `do_madvise` -> `capable`, `get_user_pages_fast`, `_printk`, `soft_offline_page`
  (-> `get_hwpoison_page`, `isolate_lru_page`, `migrate_pages`, `page_handle_poison`);
  `6.1.0-56-cloud-amd64` returns -EINVAL from a leaf `do_madvise();`
  (`madvise_behavior_valid` is inlined).  The cloud config has no
  `CONFIG_MEMORY_FAILURE` line at all (not even `is not set`): it is hidden
  because `# CONFIG_X86_MCE is not set` drops `X86_SUPPORTS_MEMORY_FAILURE` ->
  `ARCH_SUPPORTS_MEMORY_FAILURE`, on which `MEMORY_FAILURE` depends.  Compare
  `kernels/6.1.0-56-amd64/config` with `kernels/6.1.0-56-cloud-amd64/config`.
NOTES
echo '* `*_fgraph-depth3_bpf-bad.txt` and `*_fgraph-thresh_bpf-bad.txt` are the
  failing `bpf()` of `*_fgraph_bpf-bad.txt` captured with `max_graph_depth`
  = 3 (no call below depth 2: `capable();` and `map_create();` are leaves)
  and with `tracing_thresh` = 20 (only `} /* f */` returns of calls that took
  20 us or more): against `*_fgraph_bpf-good.txt` the calls they hide look
  like calls BAD never made.
* Timer interrupts nested inside a syscall graph (`irq_enter_rcu`, `__sysvec_apic_timer_interrupt`):'
for f in *.txt; do
    grep -q 'irq_enter_rcu' "$f" && echo "  \`$f\`"
done
echo '* Closing braces with a `/* func */` comment without funcgraph-tail (the entry is'
echo '  missing from that CPU'"'"'s buffer: the task migrated while it slept):'
for f in *.txt; do
    case $f in *-tail* | *-thresh*) continue ;; esac  # tails printed on purpose
    grep -q '} /\*' "$f" && echo "  \`$f\`"
done
true
} > README.md.tmp
mv README.md.tmp README.md
echo "wrote $OUT/README.md" >&2
