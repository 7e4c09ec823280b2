// The kiosk's client refuses a server it should not trust (issue 19): a certificate past its notAfter, and
// one for another host name, each signed by the very CA the kiosk trusts, so the date or the name is the
// only thing wrong. (Another CA: queue_client_test.) The server is a bare OpenSSL listener in this process
// that answers one fixed HTTP response; with a good certificate the client gets it, which shows that the
// refusals are the certificate's doing.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <memory>
#include <thread>

#include "net_test_util.hpp"
#include "support/temp_dir.hpp"

namespace wk::net {
namespace {

constexpr long kDay = 24L * 3600;

template <typename T, void (*F)(T*)>
struct Freer {
  void operator()(T* p) const { F(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Freer<X509, X509_free>>;

Key read_key(const std::string& file) {
  std::unique_ptr<BIO, Freer<BIO, BIO_free_all>> in(BIO_new_file(file.c_str(), "r"));
  return Key(in ? PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr) : nullptr);
}
Cert read_cert(const std::string& file) {
  std::unique_ptr<BIO, Freer<BIO, BIO_free_all>> in(BIO_new_file(file.c_str(), "r"));
  return Cert(in ? PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr) : nullptr);
}

// A server certificate for `dns_name`, signed by the CA, valid from `from_s` to `to_s` seconds from now
// (`openssl x509 -days` cannot go into the past; X509_gmtime_adj can).
Cert server_cert(EVP_PKEY* key, X509* ca, EVP_PKEY* ca_key, const std::string& dns_name, long from_s,
                 long to_s) {
  Cert c(X509_new());
  X509_set_version(c.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c.get()), 4242);
  X509_gmtime_adj(X509_getm_notBefore(c.get()), from_s);
  X509_gmtime_adj(X509_getm_notAfter(c.get()), to_s);
  X509_set_pubkey(c.get(), key);
  X509_NAME* name = X509_get_subject_name(c.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(dns_name.c_str()), -1, -1, 0);
  X509_set_issuer_name(c.get(), X509_get_subject_name(ca));
  X509V3_CTX v3;
  X509V3_set_ctx(&v3, ca, c.get(), nullptr, nullptr, 0);
  const std::string san = "DNS:" + dns_name;
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, NID_subject_alt_name, san.c_str());
  X509_add_ext(c.get(), ext, -1);
  X509_EXTENSION_free(ext);
  X509_sign(c.get(), ca_key, EVP_sha256());
  return c;
}

// Serves one TLS connection on a free loopback port with `cert`, answering any request with 200 "{}".
class OneShotTlsServer {
 public:
  OneShotTlsServer(X509* cert, EVP_PKEY* key) {
    // A client that refuses the certificate closes in the middle of the handshake, and this server's next
    // write (TLS 1.3 sends its session tickets after the client's part) would raise SIGPIPE and end the
    // whole test process; the write's error is all this server needs.
    std::signal(SIGPIPE, SIG_IGN);
    ctx_ = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate(ctx_, cert);
    SSL_CTX_use_PrivateKey(ctx_, key);
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in at{};
    at.sin_family = AF_INET;
    inet_pton(AF_INET, "127.0.0.1", &at.sin_addr);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&at), sizeof at);
    ::listen(fd_, 4);
    socklen_t len = sizeof at;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&at), &len);
    port_ = ntohs(at.sin_port);
    thread_ = std::thread([this] {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      timeval tv{5, 0};
      ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      SSL* ssl = SSL_new(ctx_);
      SSL_set_fd(ssl, c);
      if (SSL_accept(ssl) == 1) {
        std::string head;
        char buf[4096];
        while (head.find("\r\n\r\n") == std::string::npos) {
          const int n = SSL_read(ssl, buf, sizeof buf);
          if (n <= 0) break;
          head.append(buf, static_cast<std::size_t>(n));
        }
        const std::string answer =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: "
            "close\r\n\r\n{}";
        SSL_write(ssl, answer.data(), static_cast<int>(answer.size()));
        SSL_shutdown(ssl);
      }
      SSL_free(ssl);
      ::close(c);
    });
  }
  ~OneShotTlsServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
    SSL_CTX_free(ctx_);
  }
  int port() const { return port_; }

 private:
  SSL_CTX* ctx_ = nullptr;
  int fd_ = -1, port_ = 0;
  std::thread thread_;
};

class QueueClientTls : public ::testing::Test {
 protected:
  void SetUp() override {
    ca = read_cert(wq.ca_file());
    ca_key = read_key(wq.dir() + "/ca.key");
    ASSERT_TRUE(ca && ca_key) << "the service's CA in " << wq.dir();
    key.reset(EVP_EC_gen("P-256"));
    ASSERT_TRUE(key);
  }

  // GET /healthz by the kiosk's client, trusting the service's CA, from a server showing `cert`.
  Result<Response> ask(X509* cert) {
    OneShotTlsServer server(cert, key.get());
    ClientOptions o;
    o.base_url = "https://localhost:" + std::to_string(server.port());
    o.ca_file = wq.ca_file();
    o.token = wq.kiosk_token();
    auto r = QueueClient(o).get("/healthz");
    return r;
  }

  test::Wijkqueue wq{test::set_up_only()};  // only for its CA: ca.pem, ca.key
  Cert ca;
  Key ca_key, key;
};

TEST_F(QueueClientTls, AGoodCertificateFromTheTrustedCaIsAccepted) {
  const auto good = server_cert(key.get(), ca.get(), ca_key.get(), "localhost", -kDay, 30 * kDay);
  const auto r = ask(good.get());
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  EXPECT_EQ(r->status, 200);
}

TEST_F(QueueClientTls, AnExpiredCertificateIsATlsError) {
  const auto expired = server_cert(key.get(), ca.get(), ca_key.get(), "localhost", -30 * kDay, -kDay);
  const auto r = ask(expired.get());
  ASSERT_FALSE(r.ok()) << "status " << r->status;
  EXPECT_EQ(r.error().code, "tls") << to_string(r.error());
  EXPECT_NE(r.error().detail.find("expired"), std::string::npos) << r.error().detail;
  // Not yet valid is refused as well.
  const auto future = server_cert(key.get(), ca.get(), ca_key.get(), "localhost", 2 * kDay, 30 * kDay);
  const auto f = ask(future.get());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, "tls") << to_string(f.error());
}

TEST_F(QueueClientTls, ACertificateForAnotherHostNameIsATlsError) {
  const auto elsewhere =
      server_cert(key.get(), ca.get(), ca_key.get(), "wijkqueue.example.org", -kDay, 30 * kDay);
  const auto r = ask(elsewhere.get());
  ASSERT_FALSE(r.ok()) << "status " << r->status;
  EXPECT_EQ(r.error().code, "tls") << to_string(r.error());
}

}  // namespace
}  // namespace wk::net
