// The service's TLS policy (issue 19): TLS 1.2 and 1.3 only, asked with OpenSSL directly so that each
// version is offered alone; and no plaintext HTTP on its port, nor an option to open one.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "queue_test_helpers.hpp"
#include "support/raw_client.hpp"

namespace wk::test {
namespace {

using namespace std::chrono_literals;

struct Handshake {
  bool done = false;
  std::string version;         // what was agreed, e.g. "TLSv1.3"
  std::string why;             // OpenSSL's words for a failure
  bool refused_by_us = false;  // our own OpenSSL would not even offer the version: the check says nothing
};

// One handshake with the service offering exactly `version`, verifying its certificate with `ca_file`.
Handshake handshake(int port, int version, const std::string& ca_file) {
  Handshake h;
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  // Debian's OpenSSL refuses TLS 1.0/1.1 at its default security level: lower it, so the old versions are
  // really offered and it is the service that says no.
  SSL_CTX_set_security_level(ctx, 0);
  SSL_CTX_set_cipher_list(ctx, "ALL:@SECLEVEL=0");
  SSL_CTX_set_min_proto_version(ctx, version);
  SSL_CTX_set_max_proto_version(ctx, version);
  SSL_CTX_load_verify_locations(ctx, ca_file.c_str(), nullptr);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0) {
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    SSL_set1_host(ssl, "localhost");
    ERR_clear_error();
    h.done = SSL_connect(ssl) == 1;
    if (h.done) h.version = SSL_get_version(ssl);
    const unsigned long e = ERR_peek_error();
    if (!h.done) {
      char text[256];
      ERR_error_string_n(e, text, sizeof text);
      h.why = text;
      h.refused_by_us = ERR_GET_REASON(e) == SSL_R_NO_PROTOCOLS_AVAILABLE;
    }
    SSL_free(ssl);
  } else {
    h.why = "no TCP connection";
  }
  ::close(fd);
  SSL_CTX_free(ctx);
  return h;
}

TEST(TlsPolicy, OnlyTls12AndTls13AreSpoken) {
  Wijkqueue wq;
  for (const int old : {TLS1_VERSION, TLS1_1_VERSION}) {
    const auto h = handshake(wq.port(), old, wq.ca_file());
    EXPECT_FALSE(h.done) << "the service agreed on " << h.version;
    EXPECT_FALSE(h.refused_by_us) << "this OpenSSL would not offer the version: " << h.why;
    std::cout << "[ figures  ] TLS version " << std::hex << old << std::dec << " refused: " << h.why << "\n";
  }
  for (const auto& [version, name] :
       {std::pair{TLS1_2_VERSION, "TLSv1.2"}, std::pair{TLS1_3_VERSION, "TLSv1.3"}}) {
    const auto h = handshake(wq.port(), version, wq.ca_file());
    EXPECT_TRUE(h.done) << name << ": " << h.why;
    EXPECT_EQ(h.version, name);
  }
  EXPECT_EQ(http_request("GET", wq.url("/healthz"), wq.ca_file()).status, 200) << "still serving";
}

TEST(TlsPolicy, PlainHttpOnTheServicesPortGetsNoHttpAnswer) {
  Wijkqueue wq;
  auto plain = RawConnection::open(wq.port(), "", "");
  ASSERT_NE(plain, nullptr);
  plain->send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  const std::string answer = plain->read(5s);
  EXPECT_EQ(answer.find("HTTP/"), std::string::npos) << answer.substr(0, 200);
  EXPECT_EQ(answer.find("\"status\""), std::string::npos) << "the health answer leaked in the clear";
  EXPECT_TRUE(plain->closed_by_server(10s)) << "the server should drop a client that speaks no TLS";
  EXPECT_EQ(http_request("GET", wq.url("/healthz"), wq.ca_file()).status, 200);
}

TEST(TlsPolicy, ServeHasNoOptionForAPlaintextPort) {
  // `serve` takes a fixed set of options; none of the usual names of a plaintext switch is among them, and
  // the usage names none either.
  Wijkqueue wq(set_up_only());
  for (const std::string option :
       {"--http", "--plain", "--plaintext", "--no-tls", "--insecure", "--http-port"}) {
    const auto r = wq.cli({"serve", "--dir", wq.dir(), "--port", "0", option, "1"});
    EXPECT_EQ(r.exit_code, 2) << option << ": " << r.err;
    EXPECT_NE(r.err.find("usage:"), std::string::npos) << option;
  }
  const auto help = wq.cli({"help"});
  ASSERT_EQ(help.exit_code, 0);
  for (const std::string word : {"plain", "http-port", "no-tls", "insecure"})
    EXPECT_EQ(help.out.find(word), std::string::npos) << word;
}

}  // namespace
}  // namespace wk::test
