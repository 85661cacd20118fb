#include "core/cpu_count.h"

#include <sched.h>

#include <algorithm>
#include <thread>

namespace ftriage {

unsigned UsableCpus() {
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  if (sched_getaffinity(0, sizeof(cpus), &cpus) == 0) {
    return static_cast<unsigned>(std::max(1, CPU_COUNT(&cpus)));
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace ftriage
