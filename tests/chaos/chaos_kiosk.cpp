// A real kiosk without its screen, for the chaos test (issue 19): the kiosk's own shell (KioskRuntime, its
// outbox, its sync worker) driven by the events a resident's taps make, through whatever the network
// does to it. It may be SIGKILLed at any moment and started again on the same data dir: the outbox is the
// ledger, so it counts the tickets it has issued from there and goes on until it has issued its share.
//
// Volunteers' registrations leave the outbox once sent (they are personal), so for them it keeps a
// journal of its own: "intent PHONE" (synced) before the form is filled, "stored ID PHONE" once the kiosk
// says it is stored. The phone number is unique per registration tried, so the test can tell each one
// the service holds apart and find it in some kiosk's journal.
//
// When its share is issued it waits until its outbox has nothing left to send, then exits 0 (3: rows
// were set aside, which the service should never cause here).
//
// Once its share is issued it writes JOURNAL_FILE.issued, so the test knows when the taps are over. PACE_MS
// is how long it waits between residents: the next one walks up.
//
//   chaos_kiosk CONFIG CLOCK_FILE KIOSK_NO TICKETS VOLUNTEERS LATENCY_FILE JOURNAL_FILE PACE_MS
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "app/clock_source.hpp"
#include "app/kiosk_runtime.hpp"

namespace {

namespace v = wk::volunteer;

void append_line(const std::string& path, const std::string& line, bool sync) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return;
  const std::string text = line + "\n";
  if (::write(fd, text.data(), text.size()) < 0) std::perror("chaos_kiosk: journal");
  if (sync) ::fsync(fd);
  ::close(fd);
}

struct Journal {
  int intents = 0, stored = 0;
};

Journal read_journal(const std::string& path) {
  Journal j;
  std::ifstream in(path);
  std::string word, rest;
  while (in >> word && std::getline(in, rest)) {
    if (word == "intent") ++j.intents;
    if (word == "stored") ++j.stored;
  }
  return j;
}

void send(wk::app::KioskRuntime& rt, wk::Event e) {
  wk::app::dispatch(rt, std::move(e));
}
void form(wk::app::KioskRuntime& rt, v::Event e) {
  send(rt, wk::ev::Volunteer{std::move(e)});
}
void type(wk::app::KioskRuntime& rt, const std::string& ascii) {
  for (char ch : ascii) {
    form(rt, v::ev::KeyDown{std::string(1, ch)});
    form(rt, v::ev::KeyUp{});
  }
}

// One registration by the form's steps; its id once the kiosk says it is stored, else empty.
std::string register_volunteer(wk::app::KioskRuntime& rt, const std::string& typed_phone) {
  send(rt, wk::ev::StartOver{});
  send(rt, wk::ev::LanguageChosen{"nl"});
  send(rt, wk::ev::VolunteerDoor{});
  form(rt, v::ev::InterestToggled{"boodschappen"});
  form(rt, v::ev::Next{});
  form(rt, v::ev::AvailabilityToggled{wk::Availability::evenings});
  form(rt, v::ev::Next{});
  type(rt, "Chaos");
  form(rt, v::ev::Next{});
  type(rt, typed_phone);
  form(rt, v::ev::Next{});
  form(rt, v::ev::Consent{true});
  const auto& f = rt.state.session.volunteer;
  if (!f || f->step != v::Step::thanks) return {};
  return f->id;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 9) {
    std::fprintf(stderr,
                 "usage: chaos_kiosk CONFIG CLOCK_FILE KIOSK_NO TICKETS VOLUNTEERS LATENCY_FILE JOURNAL_FILE "
                 "PACE_MS\n");
    return 2;
  }
  const std::string config = argv[1], clock_file = argv[2], latency_file = argv[6], journal_file = argv[7];
  const int kiosk_no = std::atoi(argv[3]), tickets_wanted = std::atoi(argv[4]),
            volunteers_wanted = std::atoi(argv[5]), pace_ms = std::atoi(argv[8]);

  auto clock = wk::app::test_clock(clock_file);
  if (!clock) {
    std::fprintf(stderr, "chaos_kiosk: %s\n", to_string(clock.error()).c_str());
    return 2;
  }
  wk::app::RuntimeOptions o;
  o.start_printer = false;
  o.clock = clock.value();
  auto opened = wk::app::open_kiosk_runtime(config, o);
  if (!opened) {
    std::fprintf(stderr, "chaos_kiosk: %s\n", to_string(opened.error()).c_str());
    return 2;
  }
  wk::app::KioskRuntime& rt = *opened.value();

  auto ledger = rt.outbox->tickets();
  if (!ledger) {
    std::fprintf(stderr, "chaos_kiosk: ledger: %s\n", to_string(ledger.error()).c_str());
    return 2;
  }
  int tickets = static_cast<int>(ledger.value().size());
  Journal journal = read_journal(journal_file);
  static const char* kTopics[] = {"werk", "schulden", "anders"};
  int failures_in_a_row = 0;

  while (tickets < tickets_wanted || journal.stored < volunteers_wanted) {
    wk::app::drain_inbox(rt);  // what the sync worker learned (numbering, config), as the GUI applies it
    // Registrations spread evenly among the tickets.
    const bool volunteer_now =
        journal.stored < volunteers_wanted &&
        (tickets >= tickets_wanted ||
         static_cast<long>(journal.stored) * tickets_wanted < static_cast<long>(tickets) * volunteers_wanted);
    bool ok = false;
    if (volunteer_now) {
      char typed[16];
      std::snprintf(typed, sizeof typed, "061%d%06d", kiosk_no % 10, journal.intents % 1000000);
      const std::string phone = "+31" + std::string(typed + 1);
      append_line(journal_file, "intent " + phone, true);
      ++journal.intents;
      const std::string id = register_volunteer(rt, typed);
      if (!id.empty()) {
        append_line(journal_file, "stored " + id + " " + phone, true);
        ++journal.stored;
        ok = true;
      }
    } else {
      send(rt, wk::ev::StartOver{});
      send(rt, wk::ev::LanguageChosen{"nl"});
      const auto t0 = std::chrono::steady_clock::now();
      send(rt, wk::ev::TopicChosen{kTopics[tickets % 3]});
      const auto t1 = std::chrono::steady_clock::now();
      if (rt.state.session.ticket) {
        char line[32];
        std::snprintf(line, sizeof line, "%.3f", std::chrono::duration<double, std::milli>(t1 - t0).count());
        append_line(latency_file, line, false);
        ++tickets;
        ok = true;
      }
    }
    if (ok) {
      failures_in_a_row = 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(pace_ms));
      continue;
    }
    std::fprintf(stderr, "chaos_kiosk %d: a tap gave nothing (screen %s: %s)\n", kiosk_no,
                 wk::screen_name(rt.state.session.screen), rt.state.session.failure.c_str());
    if (++failures_in_a_row >= 50) return 4;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  // Everything issued: wait until the outbox has sent it all.
  append_line(journal_file + ".issued", "issued", false);
  while (true) {
    wk::app::drain_inbox(rt);
    auto stats = rt.outbox->stats();
    if (stats && stats.value().pending == 0) {
      std::printf("chaos_kiosk %d: %d tickets, %d registrations, %lld sent, %lld set aside\n", kiosk_no,
                  tickets, journal.stored, static_cast<long long>(stats.value().sent),
                  static_cast<long long>(stats.value().parked));
      wk::app::close_runtime(rt);
      return stats.value().parked == 0 ? 0 : 3;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}
