#pragma once
// How bytes reach a printer, chosen by URI:
//   tcp://HOST[:PORT]      raw TCP, port 9100 by default ("JetDirect"); the printer answers DLE EOT.
//   file:///dev/usb/lp0    a character device (usblp), read and written; the printer answers DLE EOT.
//   file:///path/out.bin   a plain file, appended to: for demos and tests; no status (state None).
//   cups://QUEUE           a raw CUPS queue, through `lp -d QUEUE -o raw`; no status (state None),
//                          because CUPS keeps the printer's answers to itself.
// Every call takes a timeout and returns within it (bar one fork/exec for CUPS): printers hang, unplug and
// lose their network, and the kiosk must not wait on them.
#include <cstddef>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "print/printer.hpp"

namespace wk::print {

class Transport {
 public:
  virtual ~Transport() = default;
  // All of `data`, or an error: "timeout", "closed" (the printer went away), "io", "cups".
  virtual Result<void> write(const Bytes& data, int timeout_ms) = 0;
  // Up to `max` bytes the printer sent, waiting at most `timeout_ms` for the first; empty when none came.
  // An error "closed" when the connection has gone, "no_status" when this transport cannot read.
  virtual Result<Bytes> read(std::size_t max, int timeout_ms) = 0;
  // False when the printer's answers cannot be read here (a plain file, a CUPS queue).
  virtual bool reads_status() const = 0;
};

// Opens the printer the URI names. Errors: "printer_uri" (a URI this cannot use), "printer_not_found",
// "timeout", "connect_failed", "io".
Result<std::unique_ptr<Transport>> open_printer(const std::string& uri, int timeout_ms);

// The same per kind, for callers and tests that already know the kind.
Result<std::unique_ptr<Transport>> open_tcp(const std::string& host, int port, int timeout_ms);
Result<std::unique_ptr<Transport>> open_file(const std::string& path);
// `lp_command` is found on PATH unless it contains a '/': tests hand in a stand-in for lp.
Result<std::unique_ptr<Transport>> open_cups(const std::string& queue, std::string lp_command = "lp");

// The parts of a printer URI; `kind` is "tcp", "file" or "cups".
struct PrinterUri {
  std::string kind;
  std::string host;  // tcp
  int port = 9100;   // tcp
  std::string path;  // file: the path; cups: the queue name
};
Result<PrinterUri> parse_printer_uri(const std::string& uri);

}  // namespace wk::print
