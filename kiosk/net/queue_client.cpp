#include "net/queue_client.hpp"

#include <curl/curl.h>

#include "core/clock_offset.hpp"

#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

namespace wk::net {
namespace {

constexpr std::size_t kMaxResponseBytes = 4 * 1024 * 1024;  // far above any API answer; stops a runaway

// curl_global_init is not thread-safe and must run once before any handle exists.
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool is_tls_failure(CURLcode rc) {
  switch (rc) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
      return true;
    default:
      return false;
  }
}

// A handshake that the network ended (the connection reset or closed under it: OpenSSL's SSL_ERROR_SYSCALL
// or an unexpected EOF) is curl's CURLE_SSL_CONNECT_ERROR too, but no certificate is to blame: a service
// restarting or a flaky line, which the kiosk retries like any other unreachable service.
bool handshake_cut_off(CURLcode rc, std::string_view errbuf) {
  if (rc != CURLE_SSL_CONNECT_ERROR) return false;
  for (std::string_view cut : {"SSL_ERROR_SYSCALL", "unexpected eof", "Connection reset", "Broken pipe"})
    if (errbuf.find(cut) != std::string_view::npos) return true;
  return false;
}

Error error_for(CURLcode rc, const char* errbuf, const std::string& url) {
  std::string detail = std::string("curl ") + std::to_string(static_cast<int>(rc)) + " (" +
                       curl_easy_strerror(rc) + ")" + (errbuf[0] != '\0' ? std::string(": ") + errbuf : "") +
                       " [" + url + "]";
  if (rc == CURLE_ABORTED_BY_CALLBACK)
    return make_error("cancelled", "The call to the queue service was stopped.", std::move(detail));
  if (is_tls_failure(rc) && !handshake_cut_off(rc, errbuf))
    return make_error(
        "tls",
        "The queue service's certificate could not be verified, so nothing was sent. Tickets are "
        "kept on the kiosk; please ask IT to check the service's certificate and the CA file.",
        std::move(detail));
  if (rc == CURLE_OPERATION_TIMEDOUT)
    return make_error("network",
                      "The queue service did not answer in time. Tickets are kept on the kiosk and sent when "
                      "it answers again.",
                      std::move(detail));
  return make_error("network",
                    "The queue service cannot be reached. Tickets are kept on the kiosk and sent when it is "
                    "back.",
                    std::move(detail));
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

bool header_is(const std::string& line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  return true;
}

}  // namespace

struct QueueClient::Impl {
  ClientOptions opt;
  CURL* curl = nullptr;
  Response response;
  bool too_large = false;
  const QueueClient::Sink* sink = nullptr;  // set during download(): a 2xx body goes there
  bool sink_refused = false;
  char errbuf[CURL_ERROR_SIZE] = {};

  static std::size_t on_body(char* data, std::size_t size, std::size_t n, void* self) {
    auto* impl = static_cast<Impl*>(self);
    if (impl->sink != nullptr) {
      long status = 0;
      curl_easy_getinfo(impl->curl, CURLINFO_RESPONSE_CODE, &status);
      if (status == 200 || status == 206) {
        impl->response.status = status;
        if ((*impl->sink)(impl->response, std::string_view(data, size * n))) return size * n;
        impl->sink_refused = true;
        return 0;
      }
    }
    if (impl->response.body.size() + size * n > kMaxResponseBytes) {
      impl->too_large = true;
      return 0;  // ends the transfer with CURLE_WRITE_ERROR
    }
    impl->response.body.append(data, size * n);
    return size * n;
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* self) {
    auto* impl = static_cast<Impl*>(self);
    const std::string line(data, size * n);
    // A new status line starts a new set of headers (e.g. after a 100 Continue): forget the old ones.
    if (line.rfind("HTTP/", 0) == 0) {
      impl->response.etag.clear();
      impl->response.retry_after_s = 0;
      impl->response.date.reset();
    } else if (header_is(line, "date")) {
      // A Date the kiosk cannot read is as good as none: nothing is learned from this answer.
      if (auto d = parse_http_date(trim(line.substr(5)))) impl->response.date = d.value();
    } else if (header_is(line, "etag")) {
      impl->response.etag = trim(line.substr(5));
    } else if (header_is(line, "retry-after")) {
      // Only the delay-seconds form; an HTTP date is left to the caller's own backoff.
      const std::string v = trim(line.substr(12));
      char* end = nullptr;
      const long s = std::strtol(v.c_str(), &end, 10);
      if (!v.empty() && end != nullptr && *end == '\0' && s > 0) impl->response.retry_after_s = s;
    }
    return size * n;
  }

  static int on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* cancel = static_cast<Impl*>(self)->opt.cancel;
    return cancel != nullptr && cancel->load() ? 1 : 0;
  }

  // Options that hold for every call of this client. The security ones are set here and nowhere else,
  // and nothing can turn them off.
  void configure() {
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for timeouts
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    // Trust the configured CA only: not the system's directory of public CAs as well.
    curl_easy_setopt(curl, CURLOPT_CAINFO, opt.ca_file.c_str());
    curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, opt.connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, opt.total_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "wijkkiosk/0.1");
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Impl::on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &Impl::on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, this);
    if (opt.cancel != nullptr) {
      curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
      curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &Impl::on_progress);
      curl_easy_setopt(curl, CURLOPT_XFERINFODATA, this);
    }
  }

  Result<Response> perform(const std::string& path, bool json_body, const std::string& if_none_match,
                           const std::string& range = {}) {
    const std::string url = opt.base_url + path;
    if (opt.base_url.rfind("https://", 0) != 0)
      return make_error("config", "The queue service address must start with https://.", opt.base_url);
    if (opt.ca_file.empty())
      return make_error("config", "The kiosk has no CA file to check the queue service with.",
                        "ca_file empty");
    for (char c : opt.token + if_none_match)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        return make_error("config", "The kiosk's token holds characters a token cannot have.",
                          "control character");
    if (curl == nullptr)
      return make_error("network", "The kiosk could not prepare a network call.", "curl init");
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> list(headers(json_body, if_none_match, range),
                                                                     &curl_slist_free_all);
    response = Response{};
    too_large = false;
    sink_refused = false;
    errbuf[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list.get());
    if (opt.clock) response.sent_at = opt.clock();
    const CURLcode rc = curl_easy_perform(curl);
    if (opt.clock) response.received_at = opt.clock();
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);  // the handle must not keep a freed list
    if (too_large)
      return make_error("network", "The queue service sent an answer that is far too large.",
                        "[" + url + "]");
    if (sink_refused)
      return make_error("refused", "The download was stopped: the data was not what was expected.",
                        "[" + url + "]");
    if (rc != CURLE_OK) return error_for(rc, errbuf, url);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return std::move(response);
  }

  curl_slist* headers(bool json_body, const std::string& if_none_match, const std::string& range) const {
    curl_slist* list = nullptr;
    if (!range.empty()) list = curl_slist_append(list, ("Range: " + range).c_str());
    if (!opt.token.empty()) list = curl_slist_append(list, ("Authorization: Bearer " + opt.token).c_str());
    list = curl_slist_append(list, "Accept: application/json");
    if (json_body) list = curl_slist_append(list, "Content-Type: application/json");
    if (!if_none_match.empty()) list = curl_slist_append(list, ("If-None-Match: " + if_none_match).c_str());
    return list;
  }
};

std::optional<std::int64_t> clock_offset_of(const Response& r) {
  if (!r.date || !r.sent_at || !r.received_at) return std::nullopt;
  return offset_from_answer(*r.date, *r.sent_at, *r.received_at);
}

QueueClient::QueueClient(ClientOptions options) : impl_(std::make_unique<Impl>()) {
  init_curl_once();
  impl_->opt = std::move(options);
  impl_->curl = curl_easy_init();
  if (impl_->curl != nullptr) impl_->configure();
}

QueueClient::~QueueClient() {
  if (impl_->curl != nullptr) curl_easy_cleanup(impl_->curl);
}

// The method is set on the one handle for each call: a DELETE before must not turn this call into one.
Result<Response> QueueClient::get(const std::string& path, const std::string& if_none_match) {
  if (impl_->curl != nullptr) {
    curl_easy_setopt(impl_->curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(impl_->curl, CURLOPT_CUSTOMREQUEST, nullptr);
  }
  return impl_->perform(path, false, if_none_match);
}

Result<Response> QueueClient::remove(const std::string& path) {
  if (impl_->curl != nullptr) {
    curl_easy_setopt(impl_->curl, CURLOPT_HTTPGET, 1L);  // no body goes out
    curl_easy_setopt(impl_->curl, CURLOPT_CUSTOMREQUEST, "DELETE");
  }
  return impl_->perform(path, false, {});
}

Result<Response> QueueClient::download(const std::string& path, std::int64_t from, const Sink& sink) {
  if (impl_->curl == nullptr) return impl_->perform(path, false, {});
  curl_easy_setopt(impl_->curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(impl_->curl, CURLOPT_CUSTOMREQUEST, nullptr);
  // A release may take minutes on a slow line: no total limit, but a stalled one ends.
  curl_easy_setopt(impl_->curl, CURLOPT_TIMEOUT_MS, 0L);
  curl_easy_setopt(impl_->curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(impl_->curl, CURLOPT_LOW_SPEED_TIME, 30L);
  impl_->sink = &sink;
  auto result = impl_->perform(path, false, {}, from > 0 ? "bytes=" + std::to_string(from) + "-" : "");
  impl_->sink = nullptr;
  curl_easy_setopt(impl_->curl, CURLOPT_TIMEOUT_MS, impl_->opt.total_timeout_ms);
  curl_easy_setopt(impl_->curl, CURLOPT_LOW_SPEED_LIMIT, 0L);
  curl_easy_setopt(impl_->curl, CURLOPT_LOW_SPEED_TIME, 0L);
  return result;
}

Result<Response> QueueClient::post(const std::string& path, const std::string& json_body) {
  if (impl_->curl != nullptr) {
    curl_easy_setopt(impl_->curl, CURLOPT_POST, 1L);
    curl_easy_setopt(impl_->curl, CURLOPT_CUSTOMREQUEST, nullptr);
    curl_easy_setopt(impl_->curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(json_body.size()));
    curl_easy_setopt(impl_->curl, CURLOPT_POSTFIELDS, json_body.data());  // json_body outlives the call
  }
  return impl_->perform(path, true, {});
}

}  // namespace wk::net
