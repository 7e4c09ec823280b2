// "Bel mij terug" at the kiosk: each step of the call-back form lets the person on only with what it needs
// and says what to fix in words; "no thanks" keeps nothing, "yes" stores exactly one request with the
// number in E.164; and the kiosk composes it behind its own door, shown only where the location calls back.
#include <gtest/gtest.h>

#include "core/callback_form.hpp"
#include "core/kiosk_reducers.hpp"
#include "core/volunteer.hpp"
#include "test_config.hpp"

namespace wk::callback {
namespace {

LocationConfig with_topics() {
  LocationConfig c;
  for (const char* id : {"werk", "schulden", "anders"}) {
    Topic t;
    t.id = id;
    t.names["nl"] = id;
    c.topics.push_back(t);
  }
  c.topics[2].open = false;
  c.callback = CallbackPolicy{};
  return c;
}

Entropy some_entropy() {
  Entropy e;
  for (std::size_t i = 0; i < e.bytes.size(); ++i) e.bytes[i] = static_cast<std::uint8_t>(i * 13 + 1);
  return e;
}

class CallMeBack {
 public:
  std::vector<Effect> send(const Event& e) {
    Update u = update(std::move(form), e, {now, some_entropy(), "nl"}, config);
    form = std::move(u.state);
    return u.effects;
  }
  void type(const std::string& text) {  // one key per character, pressed and lifted as on the glass
    for (const char c : text) {
      send(ev::KeyDown{std::string(1, c)});
      send(ev::KeyUp{});
    }
  }
  void to_consent() {
    send(ev::TopicChosen{"schulden"});
    send(ev::Next{});
    type("06 1234 5678");
    send(ev::Next{});
    send(ev::PartChosen{PartOfDay::afternoon});
    send(ev::Next{});
  }
  LocationConfig config = with_topics();
  Form form;
  UnixMs now = 1'790'000'000'000;
};

TEST(CallbackFormModel, FromTopicToThanksStoredOnceWithTheNumberInE164) {
  CallMeBack c;
  c.to_consent();
  ASSERT_EQ(c.form.step, Step::consent) << c.form.problem;
  EXPECT_EQ(c.form.phone, "+31612345678") << "the consent shows the number as it will be kept";
  const auto fx = c.send(ev::Consent{true});
  ASSERT_EQ(fx.size(), 1u);
  const CallbackRequest& r = std::get<fx::Store>(fx[0]).request;
  EXPECT_EQ(r.phone, "+31612345678");
  EXPECT_EQ(r.topic, "schulden");
  EXPECT_EQ(r.part_of_day, PartOfDay::afternoon);
  EXPECT_EQ(r.language, "nl");
  EXPECT_EQ(r.created_at, c.now);
  EXPECT_TRUE(r.consent);
  EXPECT_TRUE(is_uuid(r.id)) << r.id;
  // What the kiosk stores is what the service reads back.
  const auto read = callback_from_json(callback_to_json(r));
  ASSERT_TRUE(read) << to_string(read.error());
  EXPECT_EQ(read.value(), r);
  EXPECT_TRUE(c.send(ev::Consent{true}).empty()) << "a second yes while storing stores nothing more";
  EXPECT_TRUE(c.send(ev::Back{}).empty()) << "no way back while storing";
  EXPECT_TRUE(c.send(ev::Stored{r.id}).empty());
  EXPECT_EQ(c.form.step, Step::thanks);
  EXPECT_EQ(c.form.reference, reference_of(r.id));
  EXPECT_EQ(c.form.reference.rfind("B-", 0), 0u);
  EXPECT_EQ(c.form.reference.size(), 8u);
  EXPECT_TRUE(c.form.phone.empty()) << "no number left in memory";
}

TEST(CallbackFormModel, NoThanksKeepsNothing) {
  CallMeBack c;
  c.to_consent();
  const auto fx = c.send(ev::Consent{false});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<fx::Leave>(fx[0]));
  EXPECT_FALSE(std::get<fx::Leave>(fx[0]).failed);
  EXPECT_EQ(c.form.phone, "");
  EXPECT_EQ(c.form.topic, "");
  EXPECT_FALSE(c.form.part_of_day.has_value());
  EXPECT_EQ(c.form.step, Step::topic);
}

TEST(CallbackFormModel, EachStepSaysWhatToFix) {
  CallMeBack c;
  c.send(ev::Next{});
  EXPECT_EQ(c.form.step, Step::topic);
  EXPECT_EQ(c.form.problem, "Choose what your question is about.");
  c.send(ev::TopicChosen{"anders"});  // closed today
  c.send(ev::TopicChosen{"bestaat-niet"});
  EXPECT_TRUE(c.form.topic.empty()) << "only the location's open topics";
  EXPECT_TRUE(c.form.problem.empty()) << "said until the person does something about it";
  c.send(ev::Next{});
  EXPECT_EQ(c.form.problem, "Choose what your question is about.");
  c.send(ev::TopicChosen{"werk"});
  c.send(ev::Next{});
  ASSERT_EQ(c.form.step, Step::phone);
  c.send(ev::Next{});
  EXPECT_EQ(c.form.problem, check_phone("").error().message);
  c.type("0612");
  EXPECT_EQ(c.form.problem, check_phone("").error().message) << "kept in sight while typing";
  c.send(ev::Next{});
  EXPECT_EQ(c.form.step, Step::phone);
  EXPECT_EQ(c.form.problem, check_phone("0612").error().message);
  c.send(ev::Erased{});
  EXPECT_EQ(c.form.phone, "061");
  c.type("2345678");
  c.send(ev::Typed{"9"});
  c.send(ev::Next{});
  EXPECT_EQ(c.form.problem, check_phone("06123456789").error().message);
  c.send(ev::Erased{});
  c.send(ev::Next{});
  ASSERT_EQ(c.form.step, Step::when) << c.form.problem;
  c.send(ev::Next{});
  EXPECT_EQ(c.form.problem, "Choose a part of the day.");
  c.send(ev::PartChosen{PartOfDay::any});
  EXPECT_TRUE(c.form.problem.empty());
  c.send(ev::Next{});
  EXPECT_EQ(c.form.step, Step::consent);
  EXPECT_TRUE(c.form.problem.empty());
}

TEST(CallbackFormModel, TypingWorksOnlyOnThePhoneStepAndIsBounded) {
  CallMeBack c;
  c.type("123");
  EXPECT_TRUE(c.form.phone.empty());
  c.send(ev::TopicChosen{"werk"});
  c.send(ev::Next{});
  c.type(std::string(100, '1'));
  EXPECT_LE(c.form.phone.size(), 32u);
  c.send(ev::KeyDown{"5"});
  c.send(ev::Next{});  // another tap before the key lifted: the held key is let go, not typed
  c.send(ev::KeyUp{});
  EXPECT_EQ(c.form.phone.find('5'), std::string::npos);
}

TEST(CallbackFormModel, BackGoesAStepBackAndOutFromTheFirst) {
  CallMeBack c;
  c.to_consent();
  for (Step s : {Step::when, Step::phone, Step::topic}) {
    EXPECT_TRUE(c.send(ev::Back{}).empty());
    EXPECT_EQ(c.form.step, s);
  }
  EXPECT_EQ(c.form.topic, "schulden") << "what was chosen stays while going back";
  const auto fx = c.send(ev::Back{});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<fx::Leave>(fx[0]));
}

TEST(CallbackFormModel, AFailedStoreLeavesWithTheFailureAndForgetsTheForm) {
  CallMeBack c;
  c.to_consent();
  c.send(ev::Consent{true});
  const auto fx = c.send(ev::StoreFailed{make_error("disk_full", "full")});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_TRUE(std::get<fx::Leave>(fx[0]).failed);
  EXPECT_TRUE(c.form.phone.empty());
}

TEST(CallbackFormModel, OffersTheLocationsOpenTopicsInItsOrder) {
  const LocationConfig config = with_topics();
  const auto offered = topics_offered(config);
  ASSERT_EQ(offered.size(), 2u);
  EXPECT_EQ(offered[0]->id, "werk");
  EXPECT_EQ(offered[1]->id, "schulden");
}

}  // namespace
}  // namespace wk::callback

namespace wk {
namespace {

// The kiosk with the form composed in: its door, its screen, its store and its slip.
class KioskCallback : public ::testing::Test {
 protected:
  KioskCallback() {
    s.config = test::sample_location();
    s.config.callback = CallbackPolicy{};
    s.tz = test::amsterdam();
    s.numbering = Numbering::restore(1, 1, "", {});
    s = update(std::move(s), ev::Tick{}, {now, {}}).state;
    s.has_printer = true;
    s.printer = PrinterState::Ok;
    send(ev::LanguageChosen{"en"});
  }
  std::vector<Effect> send(const Event& e) {
    now += 1000;
    Update u = update(std::move(s), e, {now, callback::some_entropy()});
    s = std::move(u.state);
    return u.effects;
  }
  std::vector<Effect> form(const callback::Event& e) { return send(ev::Callback{e}); }
  void to_consent() {
    ASSERT_TRUE(send(ev::CallbackDoor{}).empty());
    ASSERT_EQ(s.session.screen, Screen::Callback);
    form(callback::ev::TopicChosen{"werk"});
    form(callback::ev::Next{});
    for (const char* d : {"0", "2", "0", "1", "2", "3", "4", "5", "6", "7"}) form(callback::ev::Typed{d});
    form(callback::ev::Next{});
    form(callback::ev::PartChosen{PartOfDay::morning});
    form(callback::ev::Next{});
    ASSERT_EQ(s.session.callback->step, callback::Step::consent) << s.session.callback->problem;
  }
  UnixMs now = test::utc(2026, 11, 24, 9, 0);  // a Tuesday, open
  KioskState s;
};

TEST_F(KioskCallback, TheDoorIsThereOnlyWhereTheLocationCallsBack) {
  s.config.callback.reset();
  send(ev::CallbackDoor{});
  EXPECT_EQ(s.session.screen, Screen::Topics);
  EXPECT_FALSE(s.session.callback);
  s.config.callback = CallbackPolicy{};
  send(ev::CallbackDoor{});
  EXPECT_EQ(s.session.screen, Screen::Callback);
  EXPECT_STREQ(screen_name(s.session.screen), "callback");
}

TEST_F(KioskCallback, YesStoresOneSealedRequestThenThanksAndTheSlip) {
  to_consent();
  auto fx = form(callback::ev::Consent{true});
  ASSERT_EQ(fx.size(), 1u);
  const CallbackRequest r = std::get<fx::StoreCallback>(fx[0]).request;
  EXPECT_EQ(r.phone, "+31201234567");
  EXPECT_EQ(r.language, "en") << "the resident's language";
  EXPECT_TRUE(storing(s.session));
  EXPECT_TRUE(send(ev::StartOver{}).empty());
  EXPECT_EQ(s.session.screen, Screen::Callback) << "not forgotten while storing";
  fx = form(callback::ev::Stored{r.id});
  ASSERT_EQ(s.session.callback->step, callback::Step::thanks);
  ASSERT_EQ(fx.size(), 1u);
  const auto& slip = std::get<fx::PrintReference>(fx[0]);
  EXPECT_EQ(slip.registration_id, r.id);
  EXPECT_EQ(slip.reference, callback::reference_of(r.id));
  EXPECT_TRUE(slip.callback);
  EXPECT_EQ(print_notice(s), "Your reference is being printed.");
  send(ev::PrintDone{r.id, true, PrinterState::Ok});
  EXPECT_EQ(s.session.print, PrintOutcome::Printed);
  send(ev::Back{});
  EXPECT_EQ(s.session.screen, Screen::Welcome);
  EXPECT_FALSE(s.session.callback) << "the resident is forgotten";
}

TEST_F(KioskCallback, NoThanksForgetsTheResidentAndTheThanksTimesOut) {
  to_consent();
  EXPECT_TRUE(form(callback::ev::Consent{false}).empty());
  EXPECT_EQ(s.session.screen, Screen::Welcome);
  EXPECT_FALSE(s.session.callback);
  EXPECT_TRUE(s.session.language.empty());

  send(ev::LanguageChosen{"nl"});
  to_consent();
  const auto fx = form(callback::ev::Consent{true});
  form(callback::ev::Stored{std::get<fx::StoreCallback>(fx[0]).request.id});
  ASSERT_EQ(s.session.callback->step, callback::Step::thanks);
  now += s.ticket_timeout_s * 1000LL;
  send(ev::Tick{});
  EXPECT_EQ(s.session.screen, Screen::Welcome);
  EXPECT_FALSE(s.session.callback);
}

TEST_F(KioskCallback, BackFromTheFirstStepIsTheTopicsAndAFailedStoreTheFailureScreen) {
  send(ev::CallbackDoor{});
  send(ev::Back{});
  EXPECT_EQ(s.session.screen, Screen::Topics);
  EXPECT_FALSE(s.session.callback);
  to_consent();
  form(callback::ev::Consent{true});
  form(callback::ev::StoreFailed{make_error("disk_full", "full")});
  EXPECT_EQ(s.session.screen, Screen::Failure);
  EXPECT_EQ(failure_notice(s), kStoreFullNotice);
  EXPECT_FALSE(s.session.callback);
}

TEST_F(KioskCallback, ANewConfigWithoutCallBacksClosesTheDoorMidForm) {
  send(ev::CallbackDoor{});
  form(callback::ev::TopicChosen{"werk"});
  form(callback::ev::Next{});
  LocationConfig other = s.config;
  for (Topic& t : other.topics)
    if (t.id == "werk") t.open = false;
  send(ev::ConfigChanged{other, s.tz});
  ASSERT_EQ(s.session.screen, Screen::Callback);
  EXPECT_EQ(s.session.callback->step, callback::Step::topic) << "the topic chosen is no longer open";
  EXPECT_TRUE(s.session.callback->topic.empty());
  other.callback.reset();
  send(ev::ConfigChanged{other, s.tz});
  EXPECT_EQ(s.session.screen, Screen::Topics);
  EXPECT_FALSE(s.session.callback);
}

}  // namespace
}  // namespace wk
