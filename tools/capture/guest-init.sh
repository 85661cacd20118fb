#!/bin/busybox sh
# shellcheck shell=dash
# /init of the ftriage capture VM (busybox initramfs built by capture.sh).
# Reads /capture.conf, configures ftrace, runs the workload, and streams a tar
# of the results to the second serial port (/dev/ttyS1), or with
# DUMP_VIA=debugcon to QEMU's isa-debugcon port 0xe9, which the host
# writes to a file.  The kernel console stays on ttyS0, so kernel messages
# can never interleave with the dump.  Size and md5 of the tar are printed on
# the console (FTRIAGE-DUMP line) so the host can verify a byte-exact copy.
/bin/busybox --install -s /bin
export PATH=/bin
mkdir -p /proc /sys /dev /tmp /mnt /out
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
T=/sys/kernel/tracing
[ -e $T/trace ] || T=/sys/kernel/debug/tracing

. /capture.conf

LOG=/out/setup.log
ERR=/out/errors.log
: > $LOG
: > $ERR
# tfs FILE VALUE [append]: write VALUE to tracefs FILE and record the command
tfs() {
    if [ "$3" = append ]; then
        echo "echo '$2' >> $T/$1" >> $LOG
        echo "$2" >> $T/$1 2>>$ERR || { echo "FAILED: echo '$2' >> $1" | tee -a $ERR; return 1; }
    else
        echo "echo '$2' > $T/$1" >> $LOG
        echo "$2" > $T/$1 2>>$ERR || { echo "FAILED: echo '$2' > $1" | tee -a $ERR; return 1; }
    fi
}

echo "FTRIAGE-BEGIN $(uname -r) tracer=$TRACER scenario=$SCENARIO"
echo "test file for ftriage openat" > /etc/ftriage.conf

tfs tracing_on 0
tfs current_tracer nop
[ -n "$TRACE_CLOCK" ] && tfs trace_clock "$TRACE_CLOCK"
[ -n "$BUFFER_KB" ] && tfs buffer_size_kb "$BUFFER_KB"
# TRACE_FILES: "max_graph_depth=3 tracing_thresh=20", set before the tracer starts
for kv in $TRACE_FILES; do tfs "${kv%%=*}" "${kv#*=}"; done
for f in $GRAPH_FUNCS; do tfs set_graph_function "$f" append; done
for f in $FILTER_FUNCS; do tfs set_ftrace_filter "$f" append; done
tfs current_tracer "$TRACER"
for o in $TRACE_OPTS; do
    name=${o%%=*}; val=${o#*=}
    if [ -e $T/options/$name ]; then
        tfs options/$name "$val"
    else
        echo "FAILED: no option $name" | tee -a $ERR
    fi
done
for e in $EVENTS; do tfs events/$e/enable 1; done
echo "echo > $T/trace" >> $LOG
echo > $T/trace

# The workload runs as the pid written to set_ftrace_pid/set_event_pid
# (sh execs ftw, keeping the pid).  ftw switches tracing_on 1 -> 0 itself.
echo "sh -c 'echo \$\$ > set_ftrace_pid; echo \$\$ > set_event_pid; exec /bin/ftw $SCENARIO'" >> $LOG
sh -c "echo \$\$ > $T/set_ftrace_pid && echo \$\$ > $T/set_event_pid && exec /bin/ftw $SCENARIO" \
    || echo "FAILED: workload exit $?" | tee -a $ERR
echo 0 > $T/tracing_on

cat $T/trace > /out/trace.txt
if [ "$CONSOLE_DUMP" = sysrq ]; then
    # Print the ring buffer on the kernel console (ttyS0), as sysrq 'z' or
    # ftrace_dump_on_oops do; `trace` was read above (non-consuming), the dump
    # consumes the buffer.  printk to a legacy console is synchronous, so the
    # dump is complete on ttyS0 when the write returns.
    echo "echo 1 > /proc/sys/kernel/sysrq" >> $LOG
    echo 1 > /proc/sys/kernel/sysrq
    echo "echo z > /proc/sysrq-trigger" >> $LOG
    echo z > /proc/sysrq-trigger || echo "FAILED: sysrq z" | tee -a $ERR
fi
uname -r > /out/uname-r.txt
uname -a > /out/uname-a.txt
cat /proc/cmdline > /out/cmdline.txt
cat $T/current_tracer > /out/current_tracer.txt
cat $T/trace_options > /out/trace_options.txt
cat $T/trace_clock > /out/trace_clock.txt
cat $T/buffer_size_kb > /out/buffer_size_kb.txt
cat $T/max_graph_depth > /out/max_graph_depth.txt 2>/dev/null
cat $T/tracing_thresh > /out/tracing_thresh.txt 2>/dev/null
cat $T/set_graph_function > /out/set_graph_function.txt 2>/dev/null
cat $T/set_ftrace_filter > /out/set_ftrace_filter.txt 2>/dev/null
cat $T/set_event > /out/set_event.txt
[ -r /proc/config.gz ] && cp /proc/config.gz /out/config.gz
if [ "$WANT_KALLSYMS" = 1 ]; then
    gzip -c /proc/kallsyms > /out/kallsyms.gz
    gzip -c $T/available_filter_functions > /out/available_filter_functions.gz
fi
dmesg > /out/dmesg.txt

cd /out && tar -cf /tmp/dump.tar * && cd /
size=$(wc -c < /tmp/dump.tar)
sum=$(md5sum /tmp/dump.tar | cut -d' ' -f1)
if [ "$DUMP_VIA" = debugcon ]; then
    /bin/portdump 0xe9 < /tmp/dump.tar
else
    stty -F /dev/ttyS1 raw -echo -opost 115200
    cat /tmp/dump.tar > /dev/ttyS1
fi
sleep 2
echo "FTRIAGE-DUMP size=$size md5=$sum"
sync
poweroff -f
