#ifndef FTRIAGE_PARSER_SYSCOUNT_READER_H_
#define FTRIAGE_PARSER_SYSCOUNT_READER_H_

#include <memory>
#include <string_view>

#include "parser/trace_reader.h"

namespace ftriage::parser {

// Reads the output of bcc's syscount (tools/syscount.py and
// libbpf-tools/syscount.c; formats.md F5.2), besides what BccTextReader
// reads (its banner, "^C", "Detaching..." and empty lines):
//
//   [09:44:16]                          an interval: the time of its rows
//   SYSCALL                   COUNT
//   SYSCALL                   COUNT        TIME (us)     (-L; -m: ms)
//   PID    COMM               COUNT                      (-P)
//     table header: which table follows and the latency unit
//   write                     10739
//   [unknown: 321]               32            4.965
//     by syscall: kSummary, func = syscall name, value = count; with -L
//     text = the total latency as printed and duration_ns = it in ns when
//     a header gave the unit
//   13820  vim                  548
//     by process: kSummary, pid = tgid = PID, comm = COMM, value = count
//
// The errno of -e and -x is printed nowhere (not even in the banner).
std::unique_ptr<FormatReader> CreateSyscountReader(const ReaderContext& ctx);

// kSure for a table header and for the "Tracing ... syscalls, printing
// top N" banner, kMaybe for an interval time or a row.
SniffScore SniffSyscountLine(std::string_view line);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_SYSCOUNT_READER_H_
