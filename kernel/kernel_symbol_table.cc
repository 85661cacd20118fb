#include "kernel/kernel_symbol_table.h"

#include <string>

#include "core/symbol_name.h"

namespace ftriage {
namespace {

// Only names with a decoration NormalizeSymbol strips need the (allocating)
// call; most kernel symbols have none.
bool MayBeDecorated(std::string_view name) {
  return name.find_first_of(".+( \t") != std::string_view::npos;
}

}  // namespace

KernelSymbolTable::KernelSymbolTable()
    : pool_(std::make_unique<StringPool>()) {}

void KernelSymbolTable::Add(std::string_view name, char type,
                            std::string_view module, LineNo line) {
  entries_.push_back(Entry{.name = pool_->Intern(name),
                           .module = pool_->Intern(module),
                           .line = line,
                           .type = type});
}

void KernelSymbolTable::BuildIndex() {
  const size_t listed = pool_->size();
  base_of_.resize(listed);
  for (uint32_t i = 0; i < listed; ++i) {
    const std::string_view name = pool_->Get(StringId{i});
    base_of_[i] = MayBeDecorated(name) ? pool_->Intern(NormalizeSymbol(name))
                                       : StringId{i};
  }
  // Base names interned just now are their own base.
  for (uint32_t i = static_cast<uint32_t>(listed); i < pool_->size(); ++i) {
    base_of_.push_back(StringId{i});
  }
  // Counting sort of the entries by base name; stable, so file order is kept
  // inside each group.
  base_begin_.assign(pool_->size() + 1, 0);
  for (const Entry& e : entries_)
    ++base_begin_[base_of_[e.name.value].value + 1];
  for (size_t i = 1; i < base_begin_.size(); ++i) {
    base_begin_[i] += base_begin_[i - 1];
  }
  std::vector<uint32_t> next(base_begin_.begin(), base_begin_.end() - 1);
  by_base_.resize(entries_.size());
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    by_base_[next[base_of_[entries_[i].name.value].value]++] = i;
  }
}

std::span<const uint32_t> KernelSymbolTable::Group(StringId base) const {
  if (base.is_none() || base.value + 1 >= base_begin_.size()) return {};
  const uint32_t begin = base_begin_[base.value];
  return std::span<const uint32_t>(by_base_).subspan(
      begin, base_begin_[base.value + 1] - begin);
}

KernelSymbol KernelSymbolTable::Expand(const Entry& e) const {
  return KernelSymbol{.name = pool_->Get(e.name),
                      .type = e.type,
                      .module = pool_->Get(e.module),
                      .line = e.line};
}

std::vector<KernelSymbol> KernelSymbolTable::Find(std::string_view name) const {
  std::vector<KernelSymbol> out;
  const StringId id = pool_->Find(name);
  if (id.is_none() || id.value >= base_of_.size()) return out;
  for (uint32_t i : Group(base_of_[id.value])) {
    if (entries_[i].name == id) out.push_back(Expand(entries_[i]));
  }
  return out;
}

std::vector<KernelSymbol> KernelSymbolTable::FindVariants(
    std::string_view name) const {
  std::vector<KernelSymbol> out;
  StringId base = pool_->Find(name);
  if (!base.is_none() && base.value < base_of_.size()) {
    base = base_of_[base.value];
  } else if (MayBeDecorated(name)) {
    base = pool_->Find(NormalizeSymbol(name));
  }
  for (uint32_t i : Group(base)) out.push_back(Expand(entries_[i]));
  return out;
}

}  // namespace ftriage
