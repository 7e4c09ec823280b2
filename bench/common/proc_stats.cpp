#include "proc_stats.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace wk::bench {
namespace {

namespace fs = std::filesystem;

std::string proc(pid_t pid, const char* file) {
  return "/proc/" + std::to_string(pid) + "/" + file;
}

// The fields of /proc/PID/stat after the command name, which may itself hold spaces and parentheses.
std::vector<std::string> stat_fields(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  const auto close = line.rfind(')');
  std::vector<std::string> fields;
  if (close == std::string::npos) return fields;
  std::istringstream rest(line.substr(close + 2));
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;  // fields[0] is field 3 (state), fields[1] field 4 (ppid), fields[11] field 14 (utime)
}

}  // namespace

std::optional<ProcMemory> memory_of(pid_t pid) {
  std::ifstream in(proc(pid, "smaps_rollup"));
  if (!in) return std::nullopt;
  ProcMemory m;
  for (std::string line; std::getline(in, line);) {  // the first line is the address range: skipped
    std::istringstream fields(line);
    std::string key;
    long kib = 0;
    if (!(fields >> key >> kib)) continue;
    if (key == "Pss:")
      m.pss_kib = kib;
    else if (key == "Pss_Anon:")
      m.pss_anon_kib = kib;
    else if (key == "Pss_File:")
      m.pss_file_kib = kib;
    else if (key == "Rss:")
      m.rss_kib = kib;
  }
  return m;
}

double cpu_seconds_of(pid_t pid) {
  const auto f = stat_fields(proc(pid, "stat"));
  if (f.size() < 13) return 0;
  return static_cast<double>(std::stol(f[11]) + std::stol(f[12])) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long wakeups_of(pid_t pid) {
  long sum = 0;
  std::error_code ec;
  for (const auto& task : fs::directory_iterator(proc(pid, "task"), ec)) {
    std::ifstream in(task.path() / "status");
    for (std::string line; std::getline(in, line);)
      if (line.rfind("voluntary_ctxt_switches:", 0) == 0) sum += std::stol(line.substr(24));
  }
  return sum;
}

std::vector<pid_t> process_tree(pid_t root, std::string_view match) {
  std::map<pid_t, pid_t> parent;
  std::set<pid_t> matched;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = std::stoi(name);
    const auto f = stat_fields(entry.path() / "stat");
    if (f.size() > 1) parent[pid] = std::stoi(f[1]);
    if (!match.empty()) {
      std::ifstream in(entry.path() / "cmdline");
      std::string cmdline(8192, '\0');  // arguments are NUL-separated; the profile dir is near the front
      in.read(cmdline.data(), static_cast<std::streamsize>(cmdline.size()));
      cmdline.resize(static_cast<std::size_t>(in.gcount()));
      if (cmdline.find(match) != std::string::npos) matched.insert(pid);
    }
  }
  std::set<pid_t> tree = matched;
  if (parent.count(root)) tree.insert(root);
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [pid, ppid] : parent)
      if (tree.count(ppid) && tree.insert(pid).second) grew = true;
  }
  return {tree.begin(), tree.end()};
}

}  // namespace wk::bench
