#pragma once
// A kiosk's side of POST /v1/tickets for the benchmarks: one libcurl handle, so one kept-alive TLS
// connection to the service, with the kiosk's token and the service's CA, as a real kiosk holds it.
#include <curl/curl.h>

#include <string>

namespace wk::bench {

class TicketPoster {
 public:
  TicketPoster(const std::string& tickets_url, const std::string& ca_file, const std::string& kiosk_token)
      : handle_(curl_easy_init()) {
    const std::string auth = "Authorization: Bearer " + kiosk_token;
    headers_ = curl_slist_append(nullptr, auth.c_str());
    headers_ = curl_slist_append(headers_, "Content-Type: application/json");
    curl_easy_setopt(handle_, CURLOPT_URL, tickets_url.c_str());
    curl_easy_setopt(handle_, CURLOPT_CAINFO, ca_file.c_str());
    curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers_);
    curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, &TicketPoster::discard);
  }
  ~TicketPoster() {
    curl_slist_free_all(headers_);
    curl_easy_cleanup(handle_);
  }
  TicketPoster(const TicketPoster&) = delete;
  TicketPoster& operator=(const TicketPoster&) = delete;

  // The HTTP status, or 0 when no answer came.
  long post(const std::string& body) {
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, body.c_str());
    long status = 0;
    if (curl_easy_perform(handle_) == CURLE_OK) curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
    long opened = 0;
    curl_easy_getinfo(handle_, CURLINFO_NUM_CONNECTS, &opened);
    connects_ += opened;
    return status;
  }
  long connects() const { return connects_; }  // connections opened: 1 while keep-alive holds

 private:
  static size_t discard(char*, size_t size, size_t n, void*) { return size * n; }
  CURL* handle_;
  curl_slist* headers_ = nullptr;
  long connects_ = 0;
};

}  // namespace wk::bench
