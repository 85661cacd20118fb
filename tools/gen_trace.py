#!/usr/bin/env python3
"""Generates large, realistic function_graph logs for ftriage benchmarks.

The call subtrees are learned from the real captures in testdata/real/ (by
default every *fgraph*.txt there), so names, nesting and leaf durations are
those of real kernels; only their arrangement is synthetic. The line layout
follows kernel/trace/trace_functions_graph.c (print_graph_prologue,
print_graph_duration, print_graph_irq, verif_pid), so the output reads like
/sys/kernel/tracing/trace with the chosen options.

Stream mode (default) writes --bytes of trace: per-CPU streams of subtrees,
merged by timestamp like the kernel merges its per-CPU ring buffers, with
occasional irq sections, context-switch banners, lost-event lines and
trace_marker comments.

  tools/gen_trace.py --bytes 100M --cpus 8 --columns abstime-proc -o big.txt

Pair mode writes GOOD and BAD files, each ONE root call of about N calls;
BAD is GOOD with a deleted subtree near the end, a changed callee and an
early return (the failing path), for alignment (diff) benchmarks.

  tools/gen_trace.py --diff-pair 100000 -o /tmp/pair   # /tmp/pair.good.txt

Deterministic for a given --seed and set of learned files. Stdlib only.
"""

import argparse
import glob
import heapq
import os
import random
import re
import sys

ENTRY, LEAF, EXIT = 0, 1, 2

# Prologue columns, in kernel order; each optional.
_ABSTIME = re.compile(r"\s*\d+\.\d+ \|\s")
_CPU = re.compile(r"\s*\d+\)\s")
_PROC = re.compile(r"\s*\S+-\d+\s+\|\s")
_RETVAL = re.compile(r"/\* (?:\S+ )?= (\S+) \*/\s*$")


class Template:
    """One learned subtree: ops of (relative depth, kind, name, duration)."""

    __slots__ = ("ops", "calls", "name")

    def __init__(self, ops):
        self.ops = ops
        self.calls = sum(1 for op in ops if op[1] != EXIT)
        self.name = ops[0][2]


def _function_column(line):
    """Returns the text after the duration column's '|', or None."""
    rest = line
    m = _ABSTIME.match(rest)
    if m:
        rest = rest[m.end():]
    m = _CPU.match(rest)
    if not m:
        return None
    rest = rest[m.end():]
    m = _PROC.match(rest)
    if m:
        rest = rest[m.end():]
    bar = rest.find("|")
    # The duration column never holds a '|', a comment in the function
    # column may.
    if bar < 0:
        return None
    return rest[bar + 1:]


def _duration_ns(line):
    m = re.search(r"(\d+)(?:\.(\d+))? us", line)
    if not m:
        return None
    frac = (m.group(2) or "").ljust(3, "0")[:3]
    return int(m.group(1)) * 1000 + int(frac)


def _is_syscall(name):
    return re.match(r"__(x64|ia32|x32|arm64)_sys_|__do_sys_|__se_sys_",
                    name) is not None


class Corpus:
    """Subtrees, comments and return values learned from real captures."""

    def __init__(self, paths):
        self.templates = []  # every complete subtree, roots included
        self.roots = []  # complete depth-0 subtrees
        self.leaf_names = []
        self.inner_names = []
        self.comments = []  # depth-0 "/* ... */" lines (markers, events)
        self.retvals = {}  # function -> printed return values seen
        for path in paths:
            self._learn(path)
        if not self.templates:
            sys.exit("gen_trace: no function_graph subtree found in input")
        self.leaf_names = sorted(set(self.leaf_names))
        # Syscall entry points never nest: keep them as roots only.
        self.inner_names = sorted(n for n in set(self.inner_names)
                                  if not _is_syscall(n))
        self.big = [t for t in self.templates if t.calls >= 2]
        self.by_size = sorted((t for t in self.templates
                               if not _is_syscall(t.name)),
                              key=lambda t: t.calls)

    def _learn(self, path):
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
        ops = []  # (absolute depth, kind, name, duration)
        stack = []  # (depth, name, index of the entry op)
        for line in lines:
            if line.startswith("#"):
                continue
            col = _function_column(line)
            if col is None or not col.startswith("  "):
                continue
            text = col[2:]
            body = text.lstrip(" ")
            depth = (len(text) - len(body)) // 2
            rm = _RETVAL.search(body)
            if body.startswith("/*"):
                if depth == 0 and not stack and "ftriage:" not in body:
                    self.comments.append(body.rstrip())
                continue
            dur = _duration_ns(line.split("|")[-2] if "|" in line else "")
            if body.startswith("}"):
                while stack and stack[-1][0] > depth:
                    stack.pop()  # lost exits: drop the unfinished ones
                if not stack or stack[-1][0] != depth:
                    continue
                _, name, start = stack.pop()
                ops.append((depth, EXIT, name, dur or 0))
                if rm:
                    self.retvals.setdefault(name, []).append(rm.group(1))
                sub = [(d - depth, k, n, t) for d, k, n, t in ops[start:]]
                tpl = Template(sub)
                self.templates.append(tpl)
                if depth == 0:
                    self.roots.append(tpl)
                self.inner_names.append(name)
                continue
            m = re.match(r"([\w.$\[\]]+)\(\)\s*(\{|;)", body)
            if not m:
                continue
            name = m.group(1)
            if m.group(2) == "{":
                while stack and stack[-1][0] >= depth:
                    stack.pop()
                stack.append((depth, name, len(ops)))
                ops.append((depth, ENTRY, name, 0))
            else:
                ops.append((depth, LEAF, name, dur or 500))
                self.leaf_names.append(name)
                if rm:
                    self.retvals.setdefault(name, []).append(rm.group(1))


# An irq section: the real captures filter by pid, so none has one; this
# is the usual x86 timer interrupt shape (synthetic, names from 6.1).
_IRQ_OPS = [
    (0, ENTRY, "__sysvec_apic_timer_interrupt", 0),
    (1, ENTRY, "hrtimer_interrupt", 0),
    (2, LEAF, "_raw_spin_lock_irqsave", 310),
    (2, LEAF, "ktime_get_update_offsets_now", 420),
    (2, ENTRY, "__hrtimer_run_queues", 0),
    (3, LEAF, "__remove_hrtimer", 380),
    (3, LEAF, "_raw_spin_unlock_irqrestore", 290),
    (3, ENTRY, "tick_sched_timer", 0),
    (4, LEAF, "ktime_get", 350),
    (4, LEAF, "tick_sched_do_timer", 300),
    (4, ENTRY, "update_process_times", 0),
    (5, LEAF, "account_process_tick", 640),
    (5, LEAF, "hrtimer_run_queues", 330),
    (5, LEAF, "scheduler_tick", 2100),
    (4, EXIT, "update_process_times", 0),
    (3, EXIT, "tick_sched_timer", 0),
    (3, LEAF, "_raw_spin_lock_irq", 280),
    (2, EXIT, "__hrtimer_run_queues", 0),
    (2, LEAF, "hrtimer_update_next_event", 450),
    (2, LEAF, "_raw_spin_unlock_irqrestore", 270),
    (2, LEAF, "tick_program_event", 1900),
    (1, EXIT, "hrtimer_interrupt", 0),
    (0, EXIT, "__sysvec_apic_timer_interrupt", 0),
]

_COMMS = ["ftw", "bash", "kworker/0:1", "systemd-journal", "sshd", "cc1",
          "rcu_sched", "ksoftirqd/1", "python3", "containerd"]

_MARKS = ((1000000000, "$"), (100000000, "@"), (10000000, "*"),
          (1000000, "#"), (100000, "!"), (10000, "+"))


def format_duration(ns):
    """print_graph_duration() for a known duration, with the overhead mark."""
    mark = " "
    for limit, sym in _MARKS:
        if ns > limit:
            mark = sym
            break
    us, rem = divmod(ns, 1000)
    s = str(us)
    n = len(s)
    if n < 7:
        frac = "%03d" % rem
        frac = frac[:min(5, 8 - n) - 1]
        s += "." + frac
        n += len(frac) + 1
    return mark + " " + s + " us " + " " * max(0, 8 - n) + "|  "


_NO_DURATION = "              |  "


def format_proc(comm, pid):
    """print_graph_proc(): comm cut to 7 chars, centred in 14 columns."""
    text = "%s-%d" % (comm[:7], pid)
    spaces = max(0, 14 - len(text))
    return " " * (spaces // 2) + text + " " * (spaces - spaces // 2)


class Layout:
    """Builds the prologue of a line for the chosen columns."""

    def __init__(self, columns, cpus):
        self.abstime_proc = columns == "abstime-proc"
        self.cpu_width = len(str(max(cpus - 1, 0)))

    def header(self):
        if self.abstime_proc:
            return ("# tracer: function_graph\n#\n"
                    "#     TIME        CPU  TASK/PID         DURATION"
                    "                  FUNCTION CALLS\n"
                    "#      |          |     |    |           |   |"
                    "                     |   |   |   |\n")
        return ("# tracer: function_graph\n#\n"
                "# CPU  DURATION                  FUNCTION CALLS\n"
                "# |     |   |                     |   |   |   |\n")

    def cpu(self, cpu):
        return " %*d) " % (self.cpu_width, cpu)

    def prefix(self, ts_ns, cpu, proc):
        if not self.abstime_proc:
            return self.cpu(cpu)
        us = ts_ns // 1000
        return "%5d.%06d |  %s%s | " % (us // 1000000, us % 1000000,
                                        self.cpu(cpu), proc)

    def banner(self, cpu, prev_proc, proc):
        return (" ------------------------------------------\n"
                "%s%s => %s\n"
                " ------------------------------------------\n\n"
                % (self.cpu(cpu), prev_proc, proc))


def _retval(corpus, rng, name):
    seen = corpus.retvals.get(name)
    return rng.choice(seen) if seen else "0x0"


def render_ops(ops, base, ts, layout, cpu, proc, corpus, rng, retval,
               out, on_line=None):
    """Appends (timestamp, text) lines for |ops| at depth |base| to |out|.

    Returns the clock after the last line. |on_line| may add lines before
    op i (an irq section) and returns (clock, whether op i is lost).
    """
    starts = []
    for i, (d, kind, name, dur) in enumerate(ops):
        if on_line is not None:
            # An irq before an exit nests inside the call being closed.
            ts, lost = on_line(i, base + d + (kind == EXIT), ts, out)
            if lost:
                # The call still ran, its line never reached the buffer.
                if kind == ENTRY:
                    starts.append(ts)
                elif kind == EXIT and starts:
                    starts.pop()
                ts += dur + 400
                continue
        indent = "  " * (base + d)
        if kind == ENTRY:
            starts.append(ts)
            out.append((ts, layout.prefix(ts, cpu, proc) + _NO_DURATION +
                        indent + name + "() {\n"))
            ts += 180 + rng.randrange(600)
        elif kind == LEAF:
            tail = (" /* = %s */" % _retval(corpus, rng, name)) if retval else ""
            out.append((ts, layout.prefix(ts, cpu, proc) +
                        format_duration(dur) + indent + name + "();" + tail +
                        "\n"))
            ts += dur + 150 + rng.randrange(500)
        else:
            start = starts.pop() if starts else ts
            ts += 120 + rng.randrange(300)
            tail = (" /* %s = %s */" % (name, _retval(corpus, rng, name))
                    if retval else "")
            out.append((ts, layout.prefix(ts, cpu, proc) +
                        format_duration(ts - start) + indent + "}" + tail +
                        "\n"))
    return ts


class CpuStream:
    """The lines one CPU's ring buffer would hold, in time order."""

    def __init__(self, cpu, args, corpus, layout, rng):
        self.cpu = cpu
        self.args = args
        self.corpus = corpus
        self.layout = layout
        self.rng = rng
        self.ts = 5000000000 + rng.randrange(1000000)
        self.next_pid = 100 + 1000 * cpu
        self.task = self._new_task()

    def _new_task(self):
        self.next_pid += 1 + self.rng.randrange(7)
        return (self.rng.choice(_COMMS), self.next_pid)

    def lines(self):
        """Yields (timestamp, cpu, text) forever."""
        rng = self.rng
        args = self.args
        corpus = self.corpus
        layout = self.layout
        cpu = self.cpu
        while True:
            out = []
            r = rng.random()
            if r < args.switch_rate:
                old = self.task
                self.task = self._new_task()
                out.append((self.ts, layout.banner(cpu, format_proc(*old),
                                                   format_proc(*self.task))))
            elif r < args.switch_rate + 0.01 and corpus.comments:
                out.append((self.ts, layout.prefix(
                    self.ts, cpu, format_proc(*self.task)) + _NO_DURATION +
                    rng.choice(corpus.comments) + "\n"))
            # Mostly whole syscalls, sometimes a subtree seen from its root
            # (set_graph_function on an inner function, or a trace that
            # starts mid-call).
            if corpus.roots and rng.random() < 0.5:
                tpl = rng.choice(corpus.roots)
            else:
                tpl = rng.choice(corpus.big)
            proc = format_proc(*self.task)
            self.ts = render_ops(tpl.ops, 0, self.ts, layout, cpu, proc,
                                 corpus, rng, args.retval, out,
                                 self._disturb(proc))
            self.ts += 1000 + rng.randrange(200000)  # idle until next call
            for ts, text in out:
                yield ts, cpu, text

    def _disturb(self, proc):
        rng = self.rng
        args = self.args
        state = {"drop": 0}

        def on_line(i, depth, ts, out):
            if state["drop"]:
                state["drop"] -= 1
                return ts, True
            if i == 0:
                return ts, False
            r = rng.random()
            if r < args.irq_rate:
                out.append((ts, self.layout.prefix(ts, self.cpu, proc) +
                            "  ==========> |\n"))
                ts = render_ops(_IRQ_OPS, depth, ts + 300, self.layout,
                                self.cpu, proc, self.corpus, rng,
                                args.retval, out)
                out.append((ts, self.layout.prefix(ts, self.cpu, proc) +
                            "  <========== |\n"))
                return ts + 200, False
            if r < args.irq_rate + args.lost_rate:
                # The kernel prints the count where reading resumes; the
                # lines of the gap are gone.
                n = 1 + rng.randrange(40)
                out.append((ts, "CPU:%d [LOST %d EVENTS]\n" % (self.cpu, n)))
                state["drop"] = n - 1
                return ts, True
            return ts, False

        return on_line


def parse_size(text):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]?)B?", text.strip().upper())
    if not m:
        raise argparse.ArgumentTypeError("bad size: " + text)
    mult = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)]
    return int(float(m.group(1)) * mult)


def write_stream(args, corpus, out):
    layout = Layout(args.columns, args.cpus)
    rng = random.Random(args.seed)
    streams = [CpuStream(c, args, corpus, layout,
                         random.Random(rng.getrandbits(64)))
               for c in range(args.cpus)]
    header = layout.header()
    out.write(header)
    written = len(header)
    buf = []
    buf_bytes = 0
    # Like the kernel's iterator over per-CPU buffers: the oldest next
    # entry first; ties go to the lower CPU.
    for _, _, text in heapq.merge(*(s.lines() for s in streams)):
        buf.append(text)
        buf_bytes += len(text)
        if written + buf_bytes >= args.bytes:
            break
        if buf_bytes >= 1 << 20:
            out.write("".join(buf))
            written += buf_bytes
            buf.clear()
            buf_bytes = 0
    out.write("".join(buf))


# --- pair mode --------------------------------------------------------------


def build_pair_ops(corpus, n, rng):
    """One root call of about |n| calls, as ops: real subtrees under layers
    of real intermediate function names (a deep syscall that loops)."""
    ops = []
    root = "__x64_sys_mount"
    ops.append((0, ENTRY, root, 0))
    fill(corpus, ops, 1, n - 1, rng)
    ops.append((0, EXIT, root, 0))
    return ops


def fill(corpus, ops, depth, budget, rng):
    """Appends children at |depth| holding about |budget| calls."""
    if budget > 3000:
        fanout = 4 + rng.randrange(13)
        each = (budget - fanout) // fanout
        for _ in range(fanout):
            name = rng.choice(corpus.inner_names)
            ops.append((depth, ENTRY, name, 0))
            fill(corpus, ops, depth + 1, each, rng)
            ops.append((depth, EXIT, name, 0))
        return
    sizes = [t.calls for t in corpus.by_size]
    while budget > 0:
        # The largest fitting subtree or smaller, chosen at random.
        hi = _bisect_right(sizes, budget)
        if hi == 0:
            break
        tpl = corpus.by_size[rng.randrange(hi)]
        ops.extend((depth + d, k, nm, t) for d, k, nm, t in tpl.ops)
        budget -= tpl.calls


def _bisect_right(a, x):
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _subtree_end(ops, i):
    """Index after the subtree starting at ops[i]."""
    if ops[i][1] != ENTRY:
        return i + 1
    depth = ops[i][0]
    j = i + 1
    while not (ops[j][0] == depth and ops[j][1] == EXIT):
        j += 1
    return j + 1


def make_bad(corpus, good, rng):
    """GOOD with three edits; returns (ops, failing call index in ops)."""
    ops = list(good)
    n = len(ops)
    # 1. A changed callee in the middle: a leaf calls another function.
    for i in range(n // 2, n):
        d, k, name, t = ops[i]
        if k == LEAF:
            other = rng.choice([x for x in corpus.leaf_names if x != name])
            ops[i] = (d, k, other, t)
            break
    # 2. A deleted subtree near the end (90%): a call with a few callees.
    for i in range(n * 9 // 10, n):
        if ops[i][1] == ENTRY and ops[i][0] >= 2:
            end = _subtree_end(ops, i)
            if end - i <= max(40, n // 500):
                del ops[i:end]
                break
    # 3. An early return further on (97%): an inner call stops after its
    # first callee, and fails; its callers return the error.
    n = len(ops)
    for i in range(n * 97 // 100, n):
        if ops[i][1] != ENTRY or ops[i][0] < 2:
            continue
        end = _subtree_end(ops, i)
        first = i + 1
        if first >= end - 1:
            continue
        first_end = _subtree_end(ops, first)
        if first_end >= end - 1:
            continue
        depth = ops[i][0]
        callers = []  # (depth, name) of the calls open at ops[i]
        for d, k, nm, _ in ops[:i]:
            if k == ENTRY:
                callers.append((d, nm))
            elif k == EXIT:
                callers.pop()
        ops = ops[:first_end] + [(depth, EXIT, ops[i][2], 0)]
        # Its callers return right after it, passing the error up.
        ops += [(d, EXIT, nm, 0) for d, nm in reversed(callers)]
        return ops, i
    return ops, None


def write_pair(args, corpus):
    rng = random.Random(args.seed)
    good = build_pair_ops(corpus, args.diff_pair, rng)
    bad, failing = make_bad(corpus, good, rng)
    layout = Layout(args.columns, 1)
    proc = format_proc("ftw", 95)
    for suffix, ops in (("good", good), ("bad", bad)):
        lines = []
        fail_depth = bad[failing][0] if suffix == "bad" and failing else None
        ts = 5000000000
        starts = []
        text_rng = random.Random(args.seed + 1)
        for idx, (d, kind, name, dur) in enumerate(ops):
            indent = "  " * d
            pre = layout.prefix(ts, 0, proc)
            if kind == ENTRY:
                starts.append(ts)
                lines.append(pre + _NO_DURATION + indent + name + "() {\n")
                ts += 200 + text_rng.randrange(500)
            elif kind == LEAF:
                tail = " /* = 0x0 */" if args.retval else ""
                lines.append(pre + format_duration(dur) + indent + name +
                             "();" + tail + "\n")
                ts += dur + 150 + text_rng.randrange(400)
            else:
                start = starts.pop()
                ts += 150
                value = "0x0"
                # BAD: the failing call and every caller return -22.
                if fail_depth is not None and idx >= len(ops) - fail_depth - 1:
                    value = "-22"
                tail = (" /* %s = %s */" % (name, value)
                        if args.retval or value != "0x0" else "")
                lines.append(layout.prefix(ts, 0, proc) +
                             format_duration(ts - start) + indent + "}" +
                             tail + "\n")
        path = "%s.%s.txt" % (args.output, suffix)
        with open(path, "w", encoding="utf-8") as f:
            f.write(layout.header())
            f.writelines(lines)
        calls = sum(1 for op in ops if op[1] != EXIT)
        print("%s: %d calls, %d lines" % (path, calls, len(lines)),
              file=sys.stderr)


def learned_paths(pattern):
    """The real captures in testdata/real/ matching |pattern|, sorted."""
    here = os.path.dirname(os.path.abspath(__file__))
    return sorted(glob.glob(os.path.join(here, "..", "testdata", "real", pattern)))


def main():
    default_learn = learned_paths("*fgraph*.txt")
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bytes", type=parse_size, default=parse_size("10M"),
                   help="output size, suffixes K/M/G (default 10M)")
    p.add_argument("--cpus", type=int, default=2, help="2..64 (default 2)")
    p.add_argument("--columns", choices=("default", "abstime-proc"),
                   default="abstime-proc")
    p.add_argument("--retval", action="store_true",
                   help="funcgraph-retval tails: 'f(); /* = 0x0 */'")
    p.add_argument("--irq-rate", type=float, default=0.0005,
                   help="chance per line of an irq section")
    p.add_argument("--lost-rate", type=float, default=0.00002,
                   help="chance per line of a 'CPU:N [LOST M EVENTS]' gap")
    p.add_argument("--switch-rate", type=float, default=0.05,
                   help="chance per root call of a context switch")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--learn", nargs="*", default=default_learn,
                   help="real function_graph captures to learn subtrees from")
    p.add_argument("--diff-pair", type=int, metavar="N",
                   help="write PREFIX.good.txt and PREFIX.bad.txt instead: "
                        "one root call of about N calls each")
    p.add_argument("-o", "--output", help="output file (pair mode: prefix)")
    args = p.parse_args()
    if not 1 <= args.cpus <= 64:
        p.error("--cpus must be in 1..64")
    corpus = Corpus(args.learn)
    if args.diff_pair:
        if not args.output:
            p.error("--diff-pair needs -o PREFIX")
        write_pair(args, corpus)
        return
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            write_stream(args, corpus, f)
    else:
        try:
            write_stream(args, corpus, sys.stdout)
        except BrokenPipeError:
            sys.stderr.close()


if __name__ == "__main__":
    main()
