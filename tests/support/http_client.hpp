#pragma once
// A tiny HTTPS client for tests, over libcurl with certificate verification always on: tests talk to a
// real wijkqueue over real TLS, trusting only the CA file they are given.
#include <map>
#include <string>
#include <vector>

namespace wk::test {

struct HttpResponse {
  long status = 0;  // 0 when no response came (see curl_code)
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case; the last value of a repeated header
  int curl_code = 0;                           // CURLcode: 0 ok, 60 bad certificate, 35 TLS handshake, ...
  std::string error;                           // curl's words for a failure

  std::string header(const std::string& lower_case_name) const;
};

struct HttpOptions {
  long timeout_ms = 10000;
  bool tls_1_1_only = false;   // offer TLS 1.1 and nothing newer (to see the server refuse it)
  std::string source_address;  // e.g. "127.0.0.2": another client address on loopback (all of 127/8 is)
  std::string tls12_ciphers;   // offer TLS 1.2 only, with just these suites (OpenSSL names)
};

inline HttpOptions with_timeout_ms(long ms) {
  HttpOptions o;
  o.timeout_ms = ms;
  return o;
}

// `token` empty: no Authorization header. A non-empty body without a Content-Type in `headers` is sent
// as application/json. `headers` are "Name: value" lines.
HttpResponse http_request(const std::string& method, const std::string& url, const std::string& ca_file,
                          const std::string& token = {}, const std::string& body = {},
                          const std::vector<std::string>& headers = {}, const HttpOptions& options = {});

}  // namespace wk::test
