#pragma once
// QueueClient: the queue API over libcurl. TLS verification is always on, against the CA file from the
// config; connect timeout ~3 s, total ~10 s; one curl handle per client, so connections are kept alive.
// Not thread-safe: one client per thread.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace wk::net {

struct ClientOptions {
  std::string base_url;  // "https://localhost:8443"
  std::string ca_file;   // PEM
  std::string token;     // bearer token (read from the token file by the caller)
  long connect_timeout_ms = 3000;
  long total_timeout_ms = 10000;
  // When set and true, a call under way ends within about a second with code "cancelled": the sync
  // worker's stop() need not wait out a slow request.
  const std::atomic<bool>* cancel = nullptr;
  // The process's clock: when set, every call notes when (on it) the request went out and the answer came
  // in, so the service's Date can be compared with it (clock_offset_of).
  Clock clock = nullptr;
};

struct Response {
  long status = 0;
  std::string body;
  std::string etag;
  long retry_after_s = 0;      // from a Retry-After header in seconds (429, 503); 0 when absent
  std::optional<UnixMs> date;  // the service's clock, from the Date header (whole seconds)
  // On the client's clock (ClientOptions::clock): the request went out, the answer came in.
  std::optional<UnixMs> sent_at, received_at;
};

// The service's clock minus the client's, estimated from one answer (core's offset_from_answer); nullopt
// without a Date or without the client's times.
std::optional<std::int64_t> clock_offset_of(const Response& response);

// Reads a token file and refuses one that others may read (it must be 0600 or stricter).
Result<std::string> read_token_file(const std::string& path);

class QueueClient {
 public:
  explicit QueueClient(ClientOptions options);
  ~QueueClient();
  QueueClient(const QueueClient&) = delete;
  QueueClient& operator=(const QueueClient&) = delete;

  // A network or TLS failure is an Error (code "network" or "tls"; "config" for a URL that is not
  // https, "cancelled" when `cancel` was raised); any HTTP status is a Response.
  Result<Response> get(const std::string& path, const std::string& if_none_match = {});
  Result<Response> post(const std::string& path, const std::string& json_body);
  Result<Response> remove(const std::string& path);  // DELETE

  // A large file, streamed: GET with "Range: bytes=<from>-" when from > 0. Each piece of a 200 or 206
  // body goes to `sink`, which returns false to stop the transfer (error code "refused"); another status
  // comes back as a Response with its (bounded) body. No total timeout, but a transfer that moves fewer
  // than 1 byte/s for 30 s ends with "network". The Response's status says whether the range was honoured
  // (206) or the whole file comes (200).
  using Sink = std::function<bool(const Response& headers, std::string_view piece)>;
  Result<Response> download(const std::string& path, std::int64_t from, const Sink& sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wk::net
