// The resident's status page passes axe-core in every state it can show and every language it speaks:
// tickets are put into each state on a real wijkqueue (over real TLS), then status_page_a11y.spec.mjs
// opens each page on a phone in Debian's Chromium and runs axe-core there.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "browser/browser_support.hpp"
#include "service/queue_test_helpers.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

const std::string kSpec = WIJKKIOSK_SOURCE_DIR "/tests/browser/status_page_a11y.spec.mjs";

// The page's seven languages, Arabic right to left. "wonen" has no Turkish or Ukrainian name, so those
// pages fall back to Dutch.
const std::string kConfig = R"(id = "centrum"
name = "Wijkcentrum De Ringvaart"
timezone = "Europe/Amsterdam"
languages = ["nl", "en", "tr", "ar", "pl", "uk", "ti"]

[[topics]]
id = "werk"
letter = "W"
names = { nl = "Werk en inkomen", en = "Work and income", tr = "İş ve gelir", uk = "Робота і дохід" }

[[topics]]
id = "schulden"
letter = "S"
names = { nl = "Geldzorgen en schulden", en = "Money worries and debts", tr = "Para sıkıntısı ve borçlar", uk = "Гроші та борги" }

[[topics]]
id = "anders"
letter = "A"
names = { nl = "Iets anders", en = "Something else", tr = "Başka bir konu", uk = "Щось інше" }

[[topics]]
id = "zorg"
letter = "Z"
names = { nl = "Zorg en hulp thuis", en = "Care and help at home", pl = "Opieka i pomoc w domu" }

[[topics]]
id = "wonen"
letter = "H"
names = { nl = "Wonen en buurt", en = "Housing and the neighbourhood" }

[[topics]]
id = "jeugd"
letter = "J"
names = { nl = "Opvoeden en opgroeien", en = "Parenting and growing up", ar = "التربية ونمو الأطفال" }

[[topics]]
id = "formulieren"
letter = "F"
names = { nl = "Hulp bij formulieren", en = "Help with forms", ti = "ሓገዝ ምስ ቅጥዕታት" }
)";

// Each language gets a topic of its own, so that each has a ticket at place 1: one minute's wait (which
// Arabic says in words, without the number).
struct Language {
  std::string lang, dir, topic, letter, topic_name, one_minute;
};
const std::vector<Language> kLanguages = {
    {"nl", "ltr", "werk", "W", "Werk en inkomen", "Wachttijd: ongeveer 1 minuut"},
    {"en", "ltr", "schulden", "S", "Money worries and debts", "Waiting time: about 1 minute"},
    {"tr", "ltr", "anders", "A", "Başka bir konu", "Bekleme süresi: yaklaşık 1 dakika"},
    {"ar", "rtl", "jeugd", "J", "التربية ونمو الأطفال", "وقت الانتظار: حوالي دقيقة واحدة"},
    {"pl", "ltr", "zorg", "Z", "Opieka i pomoc w domu", "Czas oczekiwania: ok. 1 minuta"},
    {"uk", "ltr", "wonen", "H", "Wonen en buurt", "Час очікування: приблизно 1 хвилина"},
    {"ti", "ltr", "formulieren", "F", "ሓገዝ ምስ ቅጥዕታት", "ግዜ ምጽባይ፦ ኣስታት 1 ደቒቕ"},
};

WijkqueueOptions seven_languages() {
  WijkqueueOptions o;
  o.config_toml = kConfig;
  return o;
}

class StatusPageA11y : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists("/usr/bin/chromium"))
        << "Debian's chromium is missing; deploy/install-deps.sh installs it";
    // Time stands still on the service's ordinary weekday, and moves only when the test says.
    t0_ = wq_.now();
    wq_.clock().freeze_at(t0_);
    staff_ = staff_token(wq_);
    ASSERT_FALSE(staff_.empty());
  }

  // Ticket `k` of language `l`, issued `ago_s` before t0, in that language; returns the posted body.
  nlohmann::json issue(std::size_t l, int k, int number, long long ago_s) {
    const Language& lang = kLanguages[l];
    char code[8];
    std::snprintf(code, sizeof code, "%s-%03d", lang.letter.c_str(), number);
    auto body = ticket_body(static_cast<int>(l) * 10 + k, code, lang.topic, to_rfc3339(t0_ - ago_s * 1000));
    body["language"] = lang.lang;
    const auto r = post_ticket(wq_, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return body;
  }
  // Desk 1 calls the oldest waiting ticket of language l's topic; returns its id.
  std::string call_next(std::size_t l, const nlohmann::json& expected) {
    const auto r = staff_post(wq_, staff_, "/v1/desks/1/next", {{"topics", {kLanguages[l].topic}}});
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json_of(r).value("code", ""), expected["code"]) << r.body;
    return json_of(r).value("id", "");
  }
  void step(const std::string& id, const std::string& action) {
    const auto r = staff_post(wq_, staff_, "/v1/tickets/" + id + "/" + action);
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
  }
  std::string page_of(const nlohmann::json& ticket) const {
    return wq_.url("/t/" + ticket["public_token"].get<std::string>());
  }

  Wijkqueue wq_{seven_languages()};
  TempDir tmp_{"status-a11y"};
  UnixMs t0_ = 0;
  std::string staff_;
};

TEST_F(StatusPageA11y, EveryStateInEveryLanguagePassesAxeCore) {
  ensure_node_modules();
  if (HasFatalFailure()) return;

  // Per language: a ticket served and one not there (each after a minute at the desk, so the topic's
  // service time is one minute), one called to desk 1, one waiting at place 1, and one of yesterday.
  struct States {
    nlohmann::json served, no_show, called, waiting, expired;
  };
  std::vector<States> t(kLanguages.size());
  std::vector<std::string> first(kLanguages.size()), second(kLanguages.size());
  for (std::size_t l = 0; l < kLanguages.size(); ++l) {
    t[l].served = issue(l, 1, 1, 50 * 60);
    t[l].no_show = issue(l, 2, 2, 40 * 60);
    t[l].called = issue(l, 3, 3, 30 * 60);
    t[l].waiting = issue(l, 4, 4, 20 * 60);
    t[l].expired = issue(l, 5, 1, 24 * 3600);  // the day before: closed as expired at once
    first[l] = call_next(l, t[l].served);
  }
  wq_.clock().freeze_at(t0_ + 60'000);
  for (std::size_t l = 0; l < kLanguages.size(); ++l) {
    step(first[l], "served");
    second[l] = call_next(l, t[l].no_show);
  }
  wq_.clock().freeze_at(t0_ + 120'000);
  for (std::size_t l = 0; l < kLanguages.size(); ++l) {
    step(second[l], "no-show");
    call_next(l, t[l].called);
  }
  if (HasFailure()) return;

  nlohmann::json cases = nlohmann::json::array();
  for (std::size_t l = 0; l < kLanguages.size(); ++l) {
    const Language& lang = kLanguages[l];
    SCOPED_TRACE(lang.lang);
    // The service agrees before the browser looks: each state, and one minute's wait at place 1.
    const auto waiting = public_view_of(wq_, t[l].waiting);
    EXPECT_EQ(waiting["position"], 1) << waiting.dump();
    EXPECT_EQ(waiting["estimated_wait_s"], 60) << waiting.dump();
    EXPECT_EQ(public_view_of(wq_, t[l].called)["status"], "called");
    EXPECT_EQ(public_view_of(wq_, t[l].served)["status"], "served");
    EXPECT_EQ(public_view_of(wq_, t[l].no_show)["status"], "no_show");
    EXPECT_EQ(public_view_of(wq_, t[l].expired)["status"], "expired");
    // The first render says "1 minute" in the singular too, before the page's script ever runs.
    const auto page = http_request("GET", page_of(t[l].waiting), wq_.ca_file());
    std::string one = lang.one_minute;
    if (const auto at = one.find(" 1 "); at != std::string::npos) one.replace(at, 3, " <b id=\"min\">1</b> ");
    EXPECT_NE(page.body.find(">" + one + "</p>"), std::string::npos) << page.body;

    const auto add = [&](const std::string& state, const std::string& url, int http) {
      nlohmann::json c = {
          {"lang", lang.lang}, {"dir", lang.dir}, {"state", state}, {"url", url}, {"http", http}};
      if (state != "unknown") c["topic"] = lang.topic_name;
      if (state == "waiting") {
        c["wait"] = lang.one_minute;
        c["offline"] = true;  // then the phone loses its network: the "no connection" state
      }
      cases.push_back(c);
    };
    add("waiting", page_of(t[l].waiting), 200);
    add("called", page_of(t[l].called), 200);
    add("served", page_of(t[l].served), 200);
    add("no_show", page_of(t[l].no_show), 200);
    add("expired", page_of(t[l].expired), 200);
    add("unknown", wq_.url("/t/noSuchTicketToken" + std::to_string(l) + "0000000000"), 404);
  }
  if (HasFailure()) return;
  write_file(tmp_.file("cases.json"), cases.dump(2));

  const std::string node = find_program("node");
  ASSERT_FALSE(node.empty()) << "node is missing; deploy/install-deps.sh installs it";
  auto spec = Process::start({node, kSpec, tmp_.file("cases.json"), wq_.ca_file(), tmp_.path()},
                             tmp_.file("spec.out"), tmp_.file("spec.err"), {{"PLAYWRIGHT_DIR", kNodeDir}});
  const auto code = spec.wait_for(std::chrono::minutes(6));
  const std::string out = read_file(tmp_.file("spec.out")) + read_file(tmp_.file("spec.err"));
  ASSERT_TRUE(code.has_value()) << "the axe spec did not finish in 6 minutes:\n" << out;
  EXPECT_EQ(*code, 0) << out;
  if (*code == 0) std::cout << out;  // the count of axe runs, for the record
}

}  // namespace
}  // namespace wk::test
