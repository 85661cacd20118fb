#ifndef FTRIAGE_CORE_CPU_COUNT_H_
#define FTRIAGE_CORE_CPU_COUNT_H_

namespace ftriage {

// How many CPUs this process may run on at once: its affinity mask (taskset
// pins it), not the machine's count; at least 1. Work is split across
// threads only when there are CPUs to run them.
unsigned UsableCpus();

}  // namespace ftriage

#endif  // FTRIAGE_CORE_CPU_COUNT_H_
