#include "kernel/source_index.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/symbol_name.h"

namespace ftriage::kernel {
namespace {

// Entry points the SYSCALL_DEFINE and COMPAT_SYSCALL_DEFINE wrappers
// generate, and the source name their remainder takes.
constexpr std::array<std::pair<std::string_view, std::string_view>, 15>
    kSyscallWrappers = {{{"__x64_sys_", "sys_"},
                         {"__ia32_sys_", "sys_"},
                         {"__arm64_sys_", "sys_"},
                         {"__riscv_sys_", "sys_"},
                         {"__s390x_sys_", "sys_"},
                         {"__s390_sys_", "sys_"},
                         {"__se_sys_", "sys_"},
                         {"__do_sys_", "sys_"},
                         {"__ia32_compat_sys_", "compat_sys_"},
                         {"__x64_compat_sys_", "compat_sys_"},
                         {"__arm64_compat_sys_", "compat_sys_"},
                         {"__riscv_compat_sys_", "compat_sys_"},
                         {"__s390_compat_sys_", "compat_sys_"},
                         {"__se_compat_sys_", "compat_sys_"},
                         {"__do_compat_sys_", "compat_sys_"}}};

}  // namespace

std::string SourceNameOf(std::string_view trace_name) {
  std::string name = NormalizeSymbol(trace_name);
  for (const auto& [wrapper, source] : kSyscallWrappers) {
    if (name.starts_with(wrapper)) {
      return std::string(source) + name.substr(wrapper.size());
    }
  }
  return name;
}

SourceIndex::SourceIndex(SourceIndexData data) : data_(std::move(data)) {
  // Counting sort: names are dense ids, and a full kernel has ~700k
  // definitions.
  std::vector<uint32_t> start(data_.strings.size() + 1);
  for (const Definition& d : data_.definitions) ++start[d.name.value + 1];
  for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  by_name_.resize(data_.definitions.size());
  for (uint32_t i = 0; i < by_name_.size(); ++i) {
    by_name_[start[data_.definitions[i].name.value]++] = i;
  }
}

std::vector<const Definition*> SourceIndex::Lookup(
    std::string_view trace_name) const {
  std::vector<const Definition*> out;
  const StringId id = strings().Find(SourceNameOf(trace_name));
  if (id.is_none()) return out;
  auto it = std::ranges::lower_bound(by_name_, id.value, {}, [&](uint32_t i) {
    return data_.definitions[i].name.value;
  });
  for (; it != by_name_.end() && data_.definitions[*it].name == id; ++it) {
    out.push_back(&data_.definitions[*it]);
  }
  return out;
}

std::span<const CallSite> SourceIndex::CallsOf(const Definition& def) const {
  return std::span<const CallSite>(data_.calls)
      .subspan(def.first_call, def.call_count);
}

std::span<const Reference> SourceIndex::ReferencesTo(
    std::string_view identifier) const {
  const StringId id = strings().Find(identifier);
  if (id.is_none()) return {};
  // Not std::ranges::equal_range: clang 14 cannot instantiate the
  // ranges::subrange of libstdc++ 12 (the fuzz build).
  const auto& refs = data_.references;
  auto lo = std::lower_bound(
      refs.begin(), refs.end(), id,
      [](const Reference& r, StringId v) { return r.name < v; });
  auto hi = std::upper_bound(
      lo, refs.end(), id,
      [](StringId v, const Reference& r) { return v < r.name; });
  return {lo, hi};
}

std::span<const MakefileGate> SourceIndex::FileGates(FileId file) const {
  const SourceFile& f = data_.files[file.value];
  return std::span<const MakefileGate>(data_.gates)
      .subspan(f.first_gate, f.gate_count);
}

std::string_view SourceIndex::FilePath(FileId file) const {
  return String(data_.files[file.value].path);
}

FileId SourceIndex::FindFile(std::string_view path) const {
  auto it = std::ranges::lower_bound(
      data_.files, path, {},
      [&](const SourceFile& f) { return String(f.path); });
  if (it == data_.files.end() || String(it->path) != path) return {};
  return FileId{static_cast<uint32_t>(it - data_.files.begin())};
}

}  // namespace ftriage::kernel
