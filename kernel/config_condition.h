#ifndef FTRIAGE_KERNEL_CONFIG_CONDITION_H_
#define FTRIAGE_KERNEL_CONFIG_CONDITION_H_

#include <string>
#include <string_view>
#include <vector>

#include "kernel/config_value.h"

namespace ftriage::kernel {

// Evaluates a C preprocessor #if expression (or the && of several, as the
// source index records them) the way the kernel's generated autoconf.h
// makes it for one configuration. Not a preprocessor: macros other than
// the Kconfig ones are not expanded, and whatever needs them is kUnknown.
//
//   defined(CONFIG_X), defined CONFIG_X   X=y, or a value (int/hex/string)
//   CONFIG_X                              1 when X=y, 0 when m or unset
//   CONFIG_X_MODULE                       defined when X=m
//   IS_ENABLED / IS_REACHABLE(CONFIG_X)   X=y or X=m
//   IS_BUILTIN(CONFIG_X), IS_MODULE(...)  X=y, X=m
//   integers, ! && || ?: ( ), comparison and arithmetic operators
//
// Other identifiers, options the lookup does not know, and text that does
// not parse are kUnknown for the smallest sub-expression containing them;
// && and || are three-valued (false && unknown = false, true || unknown =
// true).
Truth EvalCondition(std::string_view expr, const ConfigLookup& lookup);

// The CONFIG_ options |expr| names, in order of first appearance, each
// once, as written ("CONFIG_FOO_MODULE" stays so).
std::vector<std::string> ConditionOptions(std::string_view expr);

}  // namespace ftriage::kernel

#endif  // FTRIAGE_KERNEL_CONFIG_CONDITION_H_
