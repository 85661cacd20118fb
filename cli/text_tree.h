#ifndef FTRIAGE_CLI_TEXT_TREE_H_
#define FTRIAGE_CLI_TEXT_TREE_H_

#include <ostream>

#include "analysis/call_tree.h"
#include "analysis/tree_filter.h"

namespace ftriage::cli {

// A call's return value as shown: "-22 EINVAL", "0", "0xffffffff81000000",
// "true", "NULL", "void"; "" when none was traced.
std::string ReturnText(const analysis::CallNode& n);
// Its notes, comma-separated: "syscall bpf, retval from sys_exit, irq".
std::string Notes(const analysis::CallForest& f, const analysis::CallNode& n);

// Prints selected call trees the way function_graph does, one line per call
// (no separate closing lines), return values decoded:
//
//   busybox-210  (pid 210)
//       line   duration
//          2   42.100 us  __x64_sys_bpf() = -22 EINVAL  [syscall bpf]
//          3    0.239 us    bpf_check_uarg_tail_zero()
//          4          ?     f()  [no return seen]
void PrintTextTree(const analysis::CallForest& forest,
                   const analysis::TreeSelection& selection, bool color,
                   std::ostream& out);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_TEXT_TREE_H_
