#pragma once
// Internal to service/: one HTTP request and its answer as the routes see them, free of the server
// library that carried them (see http_server.hpp). Header names compare without case, as HTTP says.
#include <strings.h>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "service/long_poll_board.hpp"

namespace wk::service::http {

struct NoCase {
  bool operator()(const std::string& a, const std::string& b) const {
    return ::strcasecmp(a.c_str(), b.c_str()) < 0;
  }
};
using Headers = std::map<std::string, std::string, NoCase>;

struct Request {
  std::string method;                         // "GET", "POST", ...
  std::string path;                           // without the query
  std::map<std::string, std::string> params;  // the query, decoded
  Headers headers;
  std::string body;  // unpacked when it came gzip-encoded; never over kMaxBodyBytes
  std::string remote_addr;
  std::vector<std::string> matches;  // the route pattern's groups; [0] is the whole path
  // Set when the handler runs again after it parked (Response::park): how the wait ended.
  std::optional<LongPollBoard::Wait> waited;

  std::string get_header_value(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  bool has_param(const std::string& name) const { return params.count(name) > 0; }
  std::string get_param_value(const std::string& name) const {
    const auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  }
};

// A long-poll that found nothing yet: the server parks the connection, holding no thread, until `channel`
// is notified past `after` or `deadline`; then it runs the handler again with Request::waited set.
struct Park {
  std::string channel;
  std::int64_t after = 0;
  std::chrono::steady_clock::time_point deadline;
  std::string device;  // who waits, for the cap per device
};

// A body read from a file as it is sent, for answers too large to hold in memory (release files).
struct FileBody {
  std::string path;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

struct Response {
  int status = 200;
  std::string body;
  std::optional<FileBody> file;  // when set, the body is these bytes of the file and `body` stays empty
  Headers headers;
  std::optional<Park> park;

  void set_content(std::string content, const std::string& type) {
    body = std::move(content);
    headers["Content-Type"] = type;
  }
  void set_header(const std::string& name, const std::string& value) { headers[name] = value; }
  bool has_header(const std::string& name) const { return headers.count(name) > 0; }
};

}  // namespace wk::service::http
