// The printed ticket end to end: the real kiosk prints to a test printer on TCP (port 9100 style) that
// records the bytes and answers DLE EOT as it is told; the bytes are decoded and their QR read back.
#include "e2e/kiosk_fixture.hpp"
#include "support/escpos_decode.hpp"
#include "support/test_printer.hpp"

namespace wk::test {
namespace {

class KioskPrintE2E : public KioskE2E {
 protected:
  void write_printer_config(const std::string& model) {
    write_config(60, {},
                 "[printer]\nuri = \"" + printer_.uri() + "\"\nmodel = \"" + model + "\"\npaper_mm = 80\n");
  }
  // The kiosk's last heartbeat as the service's fleet view shows it.
  std::string heartbeat_printer() {
    const auto r = http_request("GET", service_.url("/v1/fleet"), service_.ca_file(), service_.admin_token());
    if (r.status != 200) return "";
    const auto fleet = nlohmann::json::parse(r.body);  // named: a range over a temporary's member dangles
    for (const auto& d : fleet["devices"])
      if (d["role"] == "kiosk" && d["heartbeat"].is_object()) return d["heartbeat"].value("printer", "");
    return "";
  }
  TestPrinter printer_;
};

TEST_F(KioskPrintE2E, TheTicketIsPrintedWithTheSameQrAsOnScreen) {
  write_printer_config("epson-tm-t20");
  start_kiosk();
  const std::string url = take_ticket("nl", "werk");
  ASSERT_TRUE(printer_.wait_for_jobs(1, std::chrono::seconds(10))) << "nothing was printed";
  const DecodedTicket t = decode_escpos(printer_.jobs().at(0));
  ASSERT_EQ(t.qr_payloads.size(), 1u);
  EXPECT_EQ(t.qr_payloads[0], url);
  EXPECT_EQ(t.qr_ecc, 'M');
  EXPECT_TRUE(t.cut);
  const std::string code = tree_.find("ticket-code")->label;
  std::string all;
  for (const auto& l : t.text_lines) all += l + "\n";
  EXPECT_NE(all.find(code), std::string::npos) << all;
  EXPECT_NE(all.find("Werk en inkomen"), std::string::npos) << all;
  EXPECT_TRUE(wait_until([&] {
    const auto n = tree_.find("notice");
    return n && n->label == "Pak uw bon uit de printer.";
  })) << tree_.all_labels();
  if (std::getenv("WIJKKIOSK_SCREENSHOTS")) {
    render_receipt_png(printer_.jobs().at(0),
                       std::string(std::getenv("WIJKKIOSK_SCREENSHOTS")) + "/printed-ticket.png");
    screenshot(x_, dir_.file("t.png"));
    keep_screenshot(dir_.file("t.png"), "printed-ticket-screen");
  }
  // Only once: a printed ticket still reaches the service exactly once.
  HttpResponse r;
  ASSERT_TRUE(wait_until([&] { return (r = public_ticket(token_of(url))).status == 200; }));
}

TEST_F(KioskPrintE2E, ARasterPrinterGetsTheQrAsAnImagePhonesCanScan) {
  write_printer_config("generic-raster");
  start_kiosk();
  const std::string url = take_ticket("uk", "schulden");
  ASSERT_TRUE(printer_.wait_for_jobs(1, std::chrono::seconds(10)));
  const DecodedTicket t = decode_escpos(printer_.jobs().at(0));
  EXPECT_TRUE(t.qr_payloads.empty()) << "a raster printer gets no GS ( k";
  ASSERT_FALSE(t.rasters.empty());
  std::string found;
  for (std::size_t i = 0; i < t.rasters.size() && found.empty(); ++i) {
    const std::string png = dir_.file("raster" + std::to_string(i) + ".png");
    ASSERT_TRUE(write_png(t.rasters[i], png, 2));
    found = scan_barcodes(png);
  }
  EXPECT_EQ(found, url);
}

TEST_F(KioskPrintE2E, PaperOutTheScreenSaysSoTheHeartbeatToo) {
  printer_.set_status(TestPrinter::Status::PaperOut);
  write_printer_config("epson-tm-t20");
  start_kiosk();
  const std::string url = take_ticket("en", "anders");
  ASSERT_TRUE(wait_until([&] {
    const auto n = tree_.find("notice");
    return n && n->label.find("on the screen only") != std::string::npos;
  })) << tree_.all_labels();
  EXPECT_TRUE(printer_.jobs().empty()) << "a ticket was sent to a printer without paper";
  EXPECT_TRUE(wait_until([&] { return heartbeat_printer() == "paper_out"; }, std::chrono::seconds(20)))
      << http_request("GET", service_.url("/v1/fleet"), service_.ca_file(), service_.admin_token()).body
      << read_file(dir_.file("kiosk.err"));
  // The ticket still reaches the service, once.
  HttpResponse r;
  ASSERT_TRUE(wait_until([&] { return (r = public_ticket(token_of(url))).status == 200; }));
  kiosk_->kill(SIGTERM);
  kiosk_->wait();
  const auto out = run_command(app_args({"outbox", "--config", dir_.file("kiosk.toml")}));
  const auto j = nlohmann::json::parse(out.out);
  EXPECT_EQ(j["sent"], 1);
  EXPECT_EQ(j["pending"], 0);
}

TEST_F(KioskPrintE2E, APrinterThatNeverAnswersLeavesTheScreenResponsive) {
  printer_.set_status(TestPrinter::Status::NoAnswer);
  write_printer_config("epson-tm-t20");
  start_kiosk();
  // Taps go on working while the print worker waits for the printer.
  take_ticket("en", "werk");
  tap_id("start-over");
  ASSERT_TRUE(tree_.wait_for_screen("welcome"));
  take_ticket("en", "schulden");
  EXPECT_TRUE(wait_until([&] {
    const auto n = tree_.find("notice");
    return n && n->label.find("on the screen only") != std::string::npos;
  })) << tree_.all_labels();
  EXPECT_TRUE(kiosk_->running());
}

}  // namespace
}  // namespace wk::test
