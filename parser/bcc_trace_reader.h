#ifndef FTRIAGE_PARSER_BCC_TRACE_READER_H_
#define FTRIAGE_PARSER_BCC_TRACE_READER_H_

#include <memory>
#include <string_view>

#include "parser/trace_reader.h"

namespace ftriage::parser {

// Reads the output of bcc's trace tool (tools/trace.py, packaged as
// trace-bpfcc; formats.md F5.1), besides what BccTextReader reads:
//
//   TIME     CPU PID     TID     COMM            FUNC             -
//   PID     TID     COMM            FUNC             -   (since 2017-12)
//   PID    TID    COMM         FUNC             -        (2016-12..2017-12)
//   PID    COMM         FUNC             -               (before 2016-12)
//     header: says which columns the rows after it have. TIME is -T
//     "05:31:57", -t seconds since start or -u unix seconds; CPU is -C.
//     Without a header each row's shape says which columns it has.
//   3010    3017    dockerd         graft_tree       ffffffe4
//   3010    3017    dockerd         __arm64_sys_mount ffffffffffffffe4
//     a message that is a bare number: kReturnProbe, value = its bits
//   05:31:57 3388   bash         write            write failed: -1
//   13:22:01 25  2627    2629    automount       pthread_create   ...
//   1294576 1294584 CPU 0/KVM       clockevents_program_event
//   01:23:51 0      swapper/0    block_rq_complete sectors=8
//     any other message: kTracepoint, func = FUNC, text = message.
//     PID is the tgid, TID the thread (TraceEvent::pid); without a TID
//     column both are PID. COMM may hold spaces; FUNC overflows its column.
//           do_sys_open+0x1 [kernel]                   -K / -U frame
//           7f6c72b6497a __lll_unlock_wake+0x1a [libpthread-2.23.so]
//                                                      -a: address first
//           -14                                        stack not captured
//     one kStackTrace after the row: frames innermost first as printed
//     (kernel then user with -K -U), without addresses, with the row's
//     task and FUNC; an empty line or any unindented line ends it
//   -->COUNT 271
//     -A: the row (and stack) above was seen 271 times: kSummary with the
//     row's task and FUNC, value = 271
//   Lost 764896 samples            Possibly lost 12 samples
//     kLost, value = count, and a lost_events diagnostic
std::unique_ptr<FormatReader> CreateBccTraceReader(const ReaderContext& ctx);

// kSure for a header row, kMaybe for a record row or a lost-samples line.
SniffScore SniffBccTraceLine(std::string_view line);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_BCC_TRACE_READER_H_
