#ifndef FTRIAGE_ANALYSIS_CPU_SET_H_
#define FTRIAGE_ANALYSIS_CPU_SET_H_

#include <cstdint>
#include <set>
#include <vector>

namespace ftriage::analysis {

// The CPUs of millions of calls, collected one call at a time: a CPU seen
// before costs a bit test (interleaved CPUs change at nearly every call);
// numbers beyond kBits (a damaged trace) go to the set each time.
class CpuSet {
 public:
  void Add(int32_t cpu) {
    if (cpu < 0) return;
    if (cpu < kBits) {
      if (seen_[static_cast<size_t>(cpu)]) return;
      seen_[static_cast<size_t>(cpu)] = true;
    }
    cpus_.insert(cpu);
  }
  void Merge(const CpuSet& other) {
    for (int32_t cpu : other.cpus_) Add(cpu);
  }
  const std::set<int32_t>& cpus() const { return cpus_; }

 private:
  static constexpr int32_t kBits = 4096;
  std::vector<bool> seen_ = std::vector<bool>(kBits, false);
  std::set<int32_t> cpus_;
};

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_CPU_SET_H_
