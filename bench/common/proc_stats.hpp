// What /proc tells about a running process, read the same way for our kiosk, the service and Chromium's
// process tree, so every ratio in the table compares like with like.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string_view>
#include <vector>

namespace wk::bench {

struct ProcMemory {
  long pss_kib = 0;       // this process's share of every page it maps (shared pages split between users)
  long pss_anon_kib = 0;  // of which anonymous memory (heap, stacks)
  long pss_file_kib = 0;  // of which mapped files (code, fonts)
  long rss_kib = 0;
};

// From /proc/PID/smaps_rollup; nothing when the process is gone.
std::optional<ProcMemory> memory_of(pid_t pid);

// User + system CPU time the process has used, in seconds (all its threads).
double cpu_seconds_of(pid_t pid);

// Voluntary context switches summed over the process's threads: how often it woke up.
long wakeups_of(pid_t pid);

// ROOT and every process descended from it, plus any process whose command line contains MATCH (when not
// empty): Chromium double-forks its crash handler away from the tree, but it carries the profile dir.
std::vector<pid_t> process_tree(pid_t root, std::string_view match = {});

}  // namespace wk::bench
