#include "support/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace wk::test {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  std::string line(data, size * n);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    (*static_cast<std::map<std::string, std::string>*>(user))[lower(line.substr(0, colon))] = value;
  }
  return size * n;
}

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

}  // namespace

std::string HttpResponse::header(const std::string& lower_case_name) const {
  const auto it = headers.find(lower_case_name);
  return it == headers.end() ? std::string() : it->second;
}

HttpResponse http_request(const std::string& method, const std::string& url, const std::string& ca_file,
                          const std::string& token, const std::string& body,
                          const std::vector<std::string>& headers, const HttpOptions& options) {
  static CurlGlobal global;  // once, before the first handle, thread-safe by the static's initialisation
  HttpResponse r;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    r.curl_code = CURLE_FAILED_INIT;
    r.error = "curl_easy_init failed";
    return r;
  }
  CURL* c = curl.get();
  char errbuf[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CAINFO, ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);  // only the given CA: never the system's store
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, options.timeout_ms);
  if (!options.tls12_ciphers.empty()) {
    curl_easy_setopt(
        c, CURLOPT_SSLVERSION,
        static_cast<long>(CURL_SSLVERSION_TLSv1_2) | static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_2));
    curl_easy_setopt(c, CURLOPT_SSL_CIPHER_LIST, options.tls12_ciphers.c_str());
  }
  if (!options.source_address.empty())
    curl_easy_setopt(c, CURLOPT_INTERFACE, ("host!" + options.source_address).c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
  if (options.tls_1_1_only) {
    curl_easy_setopt(
        c, CURLOPT_SSLVERSION,
        static_cast<long>(CURL_SSLVERSION_TLSv1_1) | static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_1));
    // OpenSSL 3 refuses TLS 1.1 on its own side unless the security level is lowered: lower it, so
    // that only the server can be the one that says no.
    curl_easy_setopt(c, CURLOPT_SSL_CIPHER_LIST, "DEFAULT:@SECLEVEL=0");
  }

  if (method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }

  curl_slist* list = nullptr;
  bool has_type = false;
  for (const auto& h : headers) {
    list = curl_slist_append(list, h.c_str());
    has_type = has_type || lower(h).starts_with("content-type:");
  }
  if (!body.empty() && !has_type) list = curl_slist_append(list, "Content-Type: application/json");
  const std::string auth = "Authorization: Bearer " + token;
  if (!token.empty()) list = curl_slist_append(list, auth.c_str());
  // curl sends "Expect: 100-continue" for larger bodies and waits for it; the test wants the plain exchange.
  list = curl_slist_append(list, "Expect:");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);

  const CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(list);
  r.curl_code = static_cast<int>(rc);
  if (rc != CURLE_OK) {
    r.error = std::string(curl_easy_strerror(rc)) + (errbuf[0] != '\0' ? std::string(": ") + errbuf : "");
    return r;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  return r;
}

}  // namespace wk::test
