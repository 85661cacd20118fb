#ifndef FTRIAGE_ANALYSIS_SOURCE_SEQUENCE_H_
#define FTRIAGE_ANALYSIS_SOURCE_SEQUENCE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/source_call_graph.h"
#include "kernel/source_index.h"

namespace ftriage::analysis {

// One call in a function's source, as the compiled function makes it: the
// calls of callees inlined into it appear in their place, with the chain of
// inlined callees they come through.
struct SourceStep {
  std::string callee;            // source name ("security_bpf")
  std::vector<std::string> via;  // inlined callees it sits in, outermost first
  std::string path;              // of the call site, relative to the root
  uint32_t line = 0;
  std::string condition;  // #if condition at the call site ("" none)
};

// The calls |function|'s body makes, in source order, splicing in the body
// of every callee |inlined| says has no code of its own (to |max_depth|
// levels, at most |max_steps| steps; a callee already being spliced is not
// spliced again). Callees the index defines nowhere (macros, assembly) are
// left out unless |keep| accepts them; calls through members (ops->f())
// are left out. Of several definitions of |function| the one calling the
// most names |keep| accepts is used, among those for |arch| (ForArch).
std::vector<SourceStep> InlinedCallSequence(
    const kernel::SourceIndex& index, std::string_view function,
    const std::function<bool(const std::string&)>& inlined,
    const std::function<bool(const std::string&)>& keep, std::string_view arch,
    size_t max_depth, size_t max_steps);

// |names| (functions known to be on one call chain in unknown order) put in
// call order by the source call graph: starting from the one no other
// reaches, each next is the nearest reachable from the current one. Every
// link carries the functions between (empty when the call is direct).
// Names not reachable are left out of the chain.
struct ChainLink {
  std::string function;
  std::vector<std::string> between;  // source path from the previous link
};
std::vector<ChainLink> OrderByCalls(const kernel::SourceCallGraph& graph,
                                    const std::vector<std::string>& names,
                                    size_t max_depth);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_SOURCE_SEQUENCE_H_
