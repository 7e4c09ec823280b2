#pragma once
// A small real filesystem for disk-full tests: a tmpfs of a few MiB mounted on a fresh temp dir, which a
// test fills to the last byte with a filler file and empties again. Mounting needs root (or CAP_SYS_ADMIN),
// as `make test` has on the machines it installs packages on; without it the constructor throws with those
// words, so the test fails visibly instead of passing for nothing. Unmounted (lazily) when it goes away.
#include <cstdint>
#include <string>

#include "support/temp_dir.hpp"

namespace wk::test {

class SmallDisk {
 public:
  explicit SmallDisk(int size_mib);
  ~SmallDisk();
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  const std::string& path() const { return dir_.path(); }
  // Writes a filler file until the filesystem says ENOSPC; returns the bytes it took.
  std::uint64_t fill();
  // Removes the filler: the space is back.
  void make_room();
  std::uint64_t free_bytes() const;

 private:
  TempDir dir_{"small-disk"};
  std::string filler_;
};

}  // namespace wk::test
