#!/usr/bin/env python3
"""Generates large, realistic function-tracer logs with stack traces.

The companion of gen_trace.py (function_graph) for the `function` tracer
with `options/func_stack_trace` on, for ftriage benchmarks. Its records are
learned from the real captures in testdata/real/ (by default every
*func-stack*.txt there): each function hit, with the `<stack trace>` that
follows it when the capture has one, so names and stack depths are those
of real kernels; only their arrangement is synthetic. The line layout
follows kernel/trace/trace_output.c (trace_print_context: "%16s-%-7d
[%03d] " then the flags and "%5lu.%06lu: ") and kernel/trace/trace_output.c
trace_stack_print (" => sym"), as /sys/kernel/tracing/trace prints them.

Records of CPUs are interleaved in timestamp order, each CPU running a task
that changes now and then, with an occasional 'CPU:N [LOST M EVENTS]' line.

  tools/gen_function_trace.py --bytes 100M --cpus 8 -o big.txt

Deterministic for a given --seed and set of learned files. Stdlib only.
"""

import argparse
import random
import re
import sys

from gen_trace import learned_paths, parse_size

# "             ftw-95      [001] .....     2.758890: do_sys_openat2 <-..."
_RECORD = re.compile(r"^\s*\S+-\d+\s+\[\d+\] \S+\s+\d+\.\d+: (.*)$")
_STACK = re.compile(r"^ => ")

# The kernel's header, without its "entries-in-buffer" line: the count is
# not known before the records are written.
HEADER = """# tracer: function
#
#                                _-----=> irqs-off/BH-disabled
#                               / _----=> need-resched
#                              | / _---=> hardirq/softirq
#                              || / _--=> preempt-depth
#                              ||| / _-=> migrate-disable
#                              |||| /     delay
#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
#              | |         |   |||||     |         |
"""

COMMS = ["bash", "ftw", "kworker/u4:1", "systemd-journal", "sshd", "cc1",
         "nginx", "containerd", "rcu_sched", "ksoftirqd/0"]


def learn(paths):
    """Returns the records of |paths|: (body, [stack lines]) per hit."""
    records = []
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
        for line in lines:
            m = _RECORD.match(line)
            if m:
                body = m.group(1)
                if body == "<stack trace>":
                    if records:
                        records[-1][1].append([])
                elif " <-" in body:
                    records.append((body, []))
            elif _STACK.match(line) and records and records[-1][1]:
                records[-1][1][-1].append(line)
    # A hit's stack follows it directly; keep the first one only.
    return [(body, stacks[0] if stacks else []) for body, stacks in records]


def context(comm, pid, cpu, ts_us):
    return "%16s-%-7d [%03d] ..... %5d.%06d: " % (
        comm[:16], pid, cpu, ts_us // 1000000, ts_us % 1000000)


def generate(records, size, cpus, lost_rate, rng, out):
    tasks = [(rng.choice(COMMS), rng.randint(2, 40000)) for _ in range(cpus)]
    ts_us = 1000000
    written = 0
    chunks = []
    while written < size:
        cpu = rng.randrange(cpus)
        if rng.random() < 0.002:
            tasks[cpu] = (rng.choice(COMMS), rng.randint(2, 40000))
        comm, pid = tasks[cpu]
        ts_us += rng.randint(0, 3)
        body, stack = rng.choice(records)
        text = context(comm, pid, cpu, ts_us) + body + "\n"
        if stack:
            ts_us += rng.randint(0, 2)
            text += context(comm, pid, cpu, ts_us) + "<stack trace>\n"
            text += "\n".join(stack) + "\n"
        if rng.random() < lost_rate:
            text += "CPU:%d [LOST %d EVENTS]\n" % (cpu, rng.randint(1, 5000))
        chunks.append(text)
        written += len(text)
        if len(chunks) >= 4096:
            out.write("".join(chunks))
            chunks.clear()
    out.write("".join(chunks))


def main():
    default_learn = learned_paths("*func-stack*.txt")
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bytes", type=parse_size, default=parse_size("100M"),
                   help="output size, suffixes K/M/G (default 100M)")
    p.add_argument("--cpus", type=int, default=8)
    p.add_argument("--lost-rate", type=float, default=0.0001,
                   help="chance per record of a 'CPU:N [LOST M EVENTS]' gap")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--learn", nargs="*", default=default_learn,
                   help="function-tracer captures to learn records from")
    p.add_argument("-o", "--output", default="-")
    a = p.parse_args()
    records = learn(a.learn)
    if not records:
        sys.exit("gen_function_trace.py: no function hits in --learn files")
    out = sys.stdout if a.output == "-" else open(a.output, "w")
    out.write(HEADER)
    generate(records, a.bytes, a.cpus, a.lost_rate,
             random.Random(a.seed), out)
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
