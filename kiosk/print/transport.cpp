#include "print/transport.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

namespace wk::print {
namespace {

Error bad_uri(const std::string& uri, const std::string& why) {
  return make_error(
      "printer_uri",
      "The printer address is not usable: use tcp://HOST:9100, file:///dev/usb/lp0 or cups://QUEUE.",
      why + ": " + uri);
}

bool host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
}

// CUPS queue names are letters, digits, '_', '-' and '.': anything else (spaces, '/', '#', a leading '-')
// could be read by lp as something other than a queue.
bool valid_queue(std::string_view q) {
  if (q.empty() || q.size() > 127 || q.front() == '-') return false;
  return std::all_of(q.begin(), q.end(), [](char c) { return host_char(c); });
}

Result<PrinterUri> parse_tcp(const std::string& uri, std::string_view rest) {
  PrinterUri out;
  out.kind = "tcp";
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::string_view port;
  bool has_port = false;
  if (!rest.empty() && rest.front() == '[') {  // [IPv6]:port
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return bad_uri(uri, "unclosed '['");
    out.host = std::string(rest.substr(1, close - 1));
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_uri(uri, "text after ']'");
      has_port = true;
      port = after.substr(1);
    }
    const bool ok = !out.host.empty() && std::all_of(out.host.begin(), out.host.end(), [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
    });
    if (!ok) return bad_uri(uri, "bad IPv6 address");
  } else {
    const std::size_t colon = rest.find(':');
    out.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      has_port = true;
      port = rest.substr(colon + 1);
    }
    if (out.host.empty() || !std::all_of(out.host.begin(), out.host.end(), host_char)) {
      return bad_uri(uri, "bad host");
    }
  }
  if (has_port) {
    int p = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || p < 1 || p > 65535) {
      return bad_uri(uri, "bad port");
    }
    out.port = p;
  }
  return out;
}

}  // namespace

Result<PrinterUri> parse_printer_uri(const std::string& uri) {
  const std::string_view u = uri;
  if (u.starts_with("tcp://")) return parse_tcp(uri, u.substr(6));
  if (u.starts_with("file://") || u.starts_with("/")) {
    PrinterUri out;
    out.kind = "file";
    out.path = std::string(u.starts_with("/") ? u : u.substr(7));
    if (out.path.empty() || out.path.front() != '/') return bad_uri(uri, "the path must be absolute");
    if (out.path.find('\0') != std::string::npos) return bad_uri(uri, "NUL in path");
    return out;
  }
  if (u.starts_with("cups://")) {
    PrinterUri out;
    out.kind = "cups";
    std::string_view q = u.substr(7);
    if (!q.empty() && q.back() == '/') q.remove_suffix(1);
    if (!valid_queue(q)) return bad_uri(uri, "bad queue name");
    out.path = std::string(q);
    return out;
  }
  return bad_uri(uri, "unknown scheme");
}

Result<std::unique_ptr<Transport>> open_printer(const std::string& uri, int timeout_ms) {
  auto parsed = parse_printer_uri(uri);
  if (!parsed) return parsed.error();
  if (parsed->kind == "tcp") return open_tcp(parsed->host, parsed->port, timeout_ms);
  if (parsed->kind == "file") return open_file(parsed->path);
  return open_cups(parsed->path);
}

}  // namespace wk::print
