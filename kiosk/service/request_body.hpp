#pragma once
// Internal to service/: a request body as it streams in, plain or gzip-packed, held only up to a limit
// of unpacked bytes. Past the limit it keeps nothing and only notes that the body was too large, so a
// huge or endless body never takes memory.
#include <cstddef>
#include <memory>
#include <string>

namespace wk::service::http {

class RequestBody {
 public:
  explicit RequestBody(std::size_t limit);
  ~RequestBody();
  RequestBody(const RequestBody&) = delete;
  RequestBody& operator=(const RequestBody&) = delete;

  // Before the first byte: the body comes gzip-packed. False when the unpacker cannot start.
  bool expect_gzip();
  void append(const char* data, std::size_t n);

  enum class Verdict { whole, too_large, bad_gzip };
  // After the last byte.
  Verdict verdict() const;
  std::string take() { return std::move(bytes_); }

 private:
  void keep(const char* data, std::size_t n);
  struct Inflater;
  std::size_t limit_;
  std::string bytes_;
  bool too_large_ = false, bad_gzip_ = false, gzip_ended_ = false;
  std::unique_ptr<Inflater> inflater_;
};

}  // namespace wk::service::http
