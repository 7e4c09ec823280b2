#include "service/http_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdarg>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

#include "service/request_body.hpp"
#include "service/worker_pool.hpp"

namespace wk::service::http {
namespace {

using SteadyClock = std::chrono::steady_clock;

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now().time_since_epoch()).count();
}

// Mozilla's "intermediate" profile in GnuTLS's words: TLS 1.2 and 1.3, forward secrecy, AEAD suites only
// (no CBC, no SHA-1 MAC), in the server's order.
constexpr const char* kTlsPriorities =
    "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305:"
    "-MAC-ALL:+AEAD:-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:+DHE-RSA:%SERVER_PRECEDENCE";

// Connections the library may hold beyond max_connections while the longest-owing ones are shed.
constexpr unsigned kSheddingRoom = 256;

// Up to this much of a body over the limit is read (and dropped) so that the 413 arrives whole.
constexpr unsigned long long kDrainUpToBytes = 1024 * 1024;

// One connection, watched for the request deadline, from its accept to its close.
struct Watch {
  int fd = -1;
  std::atomic<std::int64_t> since_ms{0};  // since when it owes us a whole request
  std::atomic<bool> busy{false};          // its request is being answered: no deadline then
  bool cut = false;                       // the watchdog shut it down (under State::watch_mu)
};

// One request, from its head to its answer.
struct Exchange {
  enum class Phase { reading, running, ready, answered };
  MHD_Connection* conn = nullptr;
  Watch* watch = nullptr;
  Request req;
  Response res;
  SteadyClock::time_point started = SteadyClock::now();
  Phase phase = Phase::reading;
  std::unique_ptr<RequestBody> body;  // as it streams in; moved into req.body once whole
};

}  // namespace

struct HttpServer::State {
  HttpServerOptions o;
  HttpHooks hooks;
  LongPollBoard& board;
  int listen_fd = -1;
  int port = 0;
  bool ipv6 = false;
  MHD_Daemon* daemon = nullptr;
  std::unique_ptr<WorkerPool> pool;
  std::atomic<bool> accepting_work{false};

  std::mutex watch_mu;
  std::unordered_set<Watch*> watches;
  std::thread watchdog;

  std::mutex run_mu;
  std::condition_variable run_cv;
  bool stop_requested = false;
  std::atomic<bool> running{false};

  State(HttpServerOptions options, HttpHooks h, LongPollBoard& b)
      : o(std::move(options)), hooks(std::move(h)), board(b) {}
};

namespace {

using State = HttpServer::State;

void warn(State& s, const std::string& line) {
  if (s.hooks.warn) s.hooks.warn(line);
}

void error_body(Response& res, int status, const char* code, const char* message) {
  res = Response{};
  res.status = status;
  const std::string body =
      std::string(R"({"error":{"code":")") + code + R"(","message":")" + message + "\"}}";
  res.set_content(body, "application/json");
}

MHD_Result answer(State& s, Exchange& ex) {
  // A release file is opened before the answer is finished, so what is counted and logged as sent is what
  // is sent: the file, or the error that it could not be opened.
  int fd = -1;
  if (ex.res.file) {
    fd = ::open(ex.res.file->path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      warn(s, "http: a release file could not be opened");
      error_body(ex.res, 500, "internal_error", "The service failed; please try again later.");
    }
  }
  if (s.hooks.finish) s.hooks.finish(ex.res);
  MHD_Response* r = nullptr;
  if (fd >= 0) {
    // The library reads the file in pieces as the connection drains, so a large file costs one buffer per
    // connection, never its size. It owns the descriptor from here and closes it.
    r = MHD_create_response_from_fd_at_offset64(ex.res.file->length, fd, ex.res.file->offset);
    if (r == nullptr) {
      ::close(fd);
      return MHD_NO;  // out of memory: the connection is closed, the client tries again
    }
  }
  if (r == nullptr)
    r = MHD_create_response_from_buffer(ex.res.body.size(), ex.res.body.data(), MHD_RESPMEM_MUST_COPY);
  if (r == nullptr) return MHD_NO;
  for (const auto& [name, value] : ex.res.headers) MHD_add_response_header(r, name.c_str(), value.c_str());
  const MHD_Result ok = MHD_queue_response(ex.conn, static_cast<unsigned>(ex.res.status), r);
  MHD_destroy_response(r);
  if (ok == MHD_YES) {
    ex.phase = Exchange::Phase::answered;
    ex.watch->since_ms = steady_ms();  // the next request's deadline runs from this answer
    ex.watch->busy = false;
  }
  return ok;
}

// A refusal before the body was read: the connection closes after it, so the unread body is never read.
MHD_Result refuse(State& s, Exchange& ex, int status, const char* code, const char* message) {
  error_body(ex.res, status, code, message);
  ex.res.set_header("Connection", "close");
  return answer(s, ex);
}

MHD_Result collect_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
  (*static_cast<Headers*>(cls))[key] = value ? value : "";
  return MHD_YES;
}
MHD_Result collect_param(void* cls, MHD_ValueKind, const char* key, const char* value) {
  (*static_cast<std::map<std::string, std::string>*>(cls))[key] = value ? value : "";
  return MHD_YES;
}

std::string address_of(MHD_Connection* c) {
  const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (info == nullptr || info->client_addr == nullptr) return {};
  char text[INET6_ADDRSTRLEN] = {};
  const sockaddr* sa = info->client_addr;
  if (sa->sa_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, text, sizeof text);
  else if (sa->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, text, sizeof text);
  return text;
}

void run_exchange(State& s, Exchange* ex);

// The route asked to wait (a long-poll): park the suspended connection on the board. Its wake runs the
// route again on a worker, with Request::waited saying how the wait ended.
bool park(State& s, Exchange* ex) {
  const Park p = *ex->res.park;
  const auto outcome =
      s.board.park(p.channel, p.after, p.deadline, p.device, [&s, ex](LongPollBoard::Wait w) {
        ex->req.waited = w;
        ex->res = Response{};
        if (!s.pool->submit([&s, ex] { run_exchange(s, ex); })) {
          error_body(ex->res, 503, "shutting_down", "The service is restarting; please try again.");
          ex->phase = Exchange::Phase::ready;
          MHD_resume_connection(ex->conn);
        }
      });
  if (outcome == LongPollBoard::Wait::parked) return true;
  ex->req.waited = outcome;
  ex->res = Response{};
  return false;
}

void run_exchange(State& s, Exchange* ex) {
  for (;;) {
    try {
      s.hooks.handle(ex->req, ex->res);
    } catch (...) {
      error_body(ex->res, 500, "internal_error", "The service failed; please try again later.");
    }
    // A route parks only once: run again after its wait, it answers whatever it finds.
    if (!ex->res.park || ex->req.waited) break;
    if (park(s, ex)) return;
  }
  ex->res.park.reset();
  ex->phase = Exchange::Phase::ready;
  MHD_resume_connection(ex->conn);
}

MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method, const char*,
                      const char* upload_data, std::size_t* upload_data_size, void** req_cls) {
  State& s = *static_cast<State*>(cls);
  auto* ex = static_cast<Exchange*>(*req_cls);
  if (ex == nullptr) {  // the head has arrived
    ex = new Exchange;
    *req_cls = ex;
    ex->conn = c;
    ex->watch =
        static_cast<Watch*>(MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT)->socket_context);
    ex->req.method = method;
    ex->req.path = url;
    ex->req.remote_addr = address_of(c);
    MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &ex->req.headers);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_param, &ex->req.params);
    const std::string length = ex->req.get_header_value("Content-Length");
    // A body declared a little too large is read and dropped, and then refused: a client still sending
    // it when the connection closed would see a reset instead of the 413. One declared far too large is
    // refused at once (its sender may see the reset; it costs us nothing).
    if (!length.empty() && std::strtoull(length.c_str(), nullptr, 10) > kDrainUpToBytes)
      return refuse(s, *ex, 413, "payload_too_large", "The body is larger than 64 KiB.");
    std::string encoding = ex->req.get_header_value("Content-Encoding");
    std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
    ex->body = std::make_unique<RequestBody>(s.o.max_body_bytes);
    if (encoding == "gzip" || encoding == "x-gzip") {
      if (!ex->body->expect_gzip())
        return refuse(s, *ex, 503, "busy", "The service is busy; please try again.");
    } else if (!encoding.empty() && encoding != "identity") {
      return refuse(s, *ex, 415, "unsupported_encoding", "The body must be sent plain or gzip-encoded.");
    }
    return MHD_YES;
  }
  if (*upload_data_size > 0) {
    ex->body->append(upload_data, *upload_data_size);
    *upload_data_size = 0;
    // Past the limit the rest is read and dropped, and the 413 goes out at its end: libmicrohttpd 0.9.75
    // cannot answer in the middle of a body. A body that never ends meets the request deadline.
    return MHD_YES;
  }
  switch (ex->phase) {
    case Exchange::Phase::reading:
      switch (ex->body->verdict()) {
        case RequestBody::Verdict::too_large:
          return refuse(s, *ex, 413, "payload_too_large", "The body is larger than 64 KiB.");
        case RequestBody::Verdict::bad_gzip:
          return refuse(s, *ex, 400, "bad_body", "The gzip-encoded body does not unpack.");
        case RequestBody::Verdict::whole:
          ex->req.body = ex->body->take();
          ex->body.reset();
          break;
      }
      // Stopping: answered here, never suspended (libmicrohttpd aborts when it stops with a connection
      // still suspended).
      if (!s.accepting_work)
        return refuse(s, *ex, 503, "shutting_down", "The service is restarting; please try again.");
      ex->phase = Exchange::Phase::running;
      ex->watch->busy = true;
      MHD_suspend_connection(c);
      if (!s.pool->submit([&s, ex] { run_exchange(s, ex); })) {
        // The pool stopped just now: the answer waits for the resume, like any other.
        error_body(ex->res, 503, "shutting_down", "The service is restarting; please try again.");
        ex->phase = Exchange::Phase::ready;
        MHD_resume_connection(c);
      }
      return MHD_YES;
    case Exchange::Phase::ready:
      return answer(s, *ex);
    case Exchange::Phase::running:
    case Exchange::Phase::answered:
      break;
  }
  return MHD_YES;
}

void on_completed(void* cls, MHD_Connection*, void** req_cls, MHD_RequestTerminationCode) {
  State& s = *static_cast<State*>(cls);
  auto* ex = static_cast<Exchange*>(*req_cls);
  if (ex == nullptr) return;
  *req_cls = nullptr;
  if (ex->phase == Exchange::Phase::answered && s.hooks.log)
    s.hooks.log(ex->req, ex->res,
                std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - ex->started));
  delete ex;
}

// Past the limit of open connections, the one that has owed a whole request the longest (it never spoke,
// trickles, or idles after its answer) makes room: a flood of idle connections then pushes out its own
// oldest, never the next client (at the library's own limit it would take no one). One being answered or
// waiting in a long-poll is never chosen. Under State::watch_mu.
void shed_longest_owing(State& s) {
  Watch* oldest = nullptr;
  for (Watch* w : s.watches)
    if (!w->cut && !w->busy && (oldest == nullptr || w->since_ms < oldest->since_ms)) oldest = w;
  if (oldest == nullptr) return;
  ::shutdown(oldest->fd, SHUT_RDWR);  // MHD sees the end of the stream and closes it
  oldest->cut = true;
}

void on_connection(void* cls, MHD_Connection* c, void** socket_context, MHD_ConnectionNotificationCode code) {
  State& s = *static_cast<State*>(cls);
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    auto* w = new Watch;
    w->fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD)->connect_fd;
    w->since_ms = steady_ms();
    *socket_context = w;
    std::lock_guard lock(s.watch_mu);
    s.watches.insert(w);
    if (s.watches.size() > s.o.max_connections) shed_longest_owing(s);
    return;
  }
  auto* w = static_cast<Watch*>(*socket_context);
  if (w == nullptr) return;
  {
    // MHD tells us before it closes the socket, so the watchdog never shuts down a reused descriptor.
    std::lock_guard lock(s.watch_mu);
    s.watches.erase(w);
  }
  delete w;
  *socket_context = nullptr;
}

// Shuts down every connection that has owed a whole request for longer than the deadline: a TLS
// handshake, a head or a body that trickles in byte by byte, or a kept-alive connection left idle.
void run_watchdog(State& s) {
  const std::int64_t deadline_ms = std::chrono::milliseconds(s.o.request_deadline).count();
  const auto tick = std::chrono::milliseconds(std::clamp<std::int64_t>(deadline_ms / 4, 50, 1000));
  std::unique_lock run(s.run_mu);
  while (!s.run_cv.wait_for(run, tick, [&] { return s.stop_requested; })) {
    const std::int64_t now = steady_ms();
    std::lock_guard lock(s.watch_mu);
    for (Watch* w : s.watches) {
      if (w->cut || w->busy || now - w->since_ms < deadline_ms) continue;
      ::shutdown(w->fd, SHUT_RDWR);  // MHD sees the end of the stream and closes it
      w->cut = true;
    }
  }
}

void log_from_library(void* cls, const char* format, va_list ap) {
  char line[512];
  std::vsnprintf(line, sizeof line, format, ap);
  std::string text(line);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  warn(*static_cast<State*>(cls), "http: " + text);
}

// Thousands of connections need thousands of descriptors: lift the soft limit to the hard one.
void raise_descriptor_limit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
}

}  // namespace

HttpServer::HttpServer(std::unique_ptr<State> state) : s_(std::move(state)) {}

HttpServer::~HttpServer() {
  stop();
  if (s_->daemon == nullptr && s_->listen_fd >= 0) ::close(s_->listen_fd);
}

Result<std::unique_ptr<HttpServer>> HttpServer::bind(const HttpServerOptions& o, HttpHooks hooks,
                                                     LongPollBoard& board) {
  raise_descriptor_limit();
  auto s = std::make_unique<State>(o, std::move(hooks), board);
  const auto cant_listen = [&o] {
    return make_error("bind_failed", "Cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                         "; is another program using that port, or is the address wrong?");
  };
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (getaddrinfo(o.host.c_str(), std::to_string(o.port).c_str(), &hints, &found) != 0 || found == nullptr)
    return cant_listen();
  const int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  // SO_REUSEADDR alone: a restart can take the port at once, but no second wijkqueue can share it.
  const int yes = 1;
  const bool ok = fd >= 0 && ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes) == 0 &&
                  ::bind(fd, found->ai_addr, found->ai_addrlen) == 0 && ::listen(fd, o.backlog) == 0;
  s->ipv6 = found->ai_family == AF_INET6;
  freeaddrinfo(found);
  if (!ok) {
    if (fd >= 0) ::close(fd);
    return cant_listen();
  }
  s->listen_fd = fd;
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
  s->port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                              : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(s)));
}

int HttpServer::port() const {
  return s_->port;
}

bool HttpServer::run() {
  State& s = *s_;
  s.pool = std::make_unique<WorkerPool>(std::max(1, s.o.workers));
  unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_TLS | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
  if (s.ipv6) flags |= MHD_USE_IPv6;
  const MHD_OptionItem options[] = {
      // First, so that the library's complaints about the options below reach it too.
      {MHD_OPTION_EXTERNAL_LOGGER, reinterpret_cast<intptr_t>(&log_from_library), &s},
      {MHD_OPTION_LISTEN_SOCKET, s.listen_fd, nullptr},
      {MHD_OPTION_THREAD_POOL_SIZE, std::max(1, s.o.event_threads), nullptr},
      // Room above max_connections, for the newcomers that on_connection makes room for by shedding.
      {MHD_OPTION_CONNECTION_LIMIT, static_cast<intptr_t>(s.o.max_connections + kSheddingRoom), nullptr},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, static_cast<intptr_t>(s.o.max_per_address), nullptr},
      // A backstop behind the watchdog's deadline: no byte at all for this long closes the connection.
      {MHD_OPTION_CONNECTION_TIMEOUT, static_cast<intptr_t>(s.o.request_deadline.count()), nullptr},
      // Per connection, for its head and buffers (the body goes to the Exchange, counted).
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 32 * 1024, nullptr},
      {MHD_OPTION_HTTPS_MEM_CERT, 0, const_cast<char*>(s.o.cert_pem.c_str())},
      {MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char*>(s.o.key_pem.c_str())},
      {MHD_OPTION_HTTPS_PRIORITIES, 0, const_cast<char*>(kTlsPriorities)},
      {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&on_completed), &s},
      {MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&on_connection), &s},
      {MHD_OPTION_END, 0, nullptr},
  };
  s.daemon = MHD_start_daemon(flags, 0, nullptr, nullptr, &on_request, &s, MHD_OPTION_ARRAY, options,
                              MHD_OPTION_END);
  if (s.daemon == nullptr) {
    s.pool->stop();
    return false;
  }
  s.accepting_work = true;
  s.watchdog = std::thread([&s] { run_watchdog(s); });
  s.running = true;
  {
    std::unique_lock lock(s.run_mu);
    s.run_cv.wait(lock, [&] { return s.stop_requested; });
  }
  // Refuse new work (a request that comes in now gets 503 shutting_down); wake the parked long-polls; let
  // the workers answer what they hold (each resumes its connection); then close everything, the listening
  // socket too. Not MHD_quiesce_daemon: with epoll and its own threads, libmicrohttpd 0.9.75 races itself
  // removing the listening socket from the epoll set and aborts the process (about 1 stop in 100 here, as
  // a client connected while the service stopped).
  s.accepting_work = false;
  s.board.shutdown();
  s.pool->stop();
  s.watchdog.join();
  MHD_stop_daemon(s.daemon);
  s.daemon = nullptr;
  s.listen_fd = -1;
  s.running = false;
  return true;
}

bool HttpServer::is_running() const {
  return s_->running;
}

void HttpServer::stop() {
  {
    std::lock_guard lock(s_->run_mu);
    s_->stop_requested = true;
  }
  s_->run_cv.notify_all();
}

int HttpServer::open_connections() const {
  std::lock_guard lock(s_->watch_mu);
  return static_cast<int>(s_->watches.size());
}

}  // namespace wk::service::http
