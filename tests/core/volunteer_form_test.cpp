// The volunteer's way through the kiosk's second door: each step lets the person on only with what it
// needs, says what to fix in words, and nothing is kept before "yes" or after "no thanks".
#include <gtest/gtest.h>

#include "core/volunteer_form.hpp"

namespace wk::volunteer {
namespace {

LocationConfig with_interests() {
  LocationConfig c;
  for (const char* id : {"boodschappen", "taalmaatje", "vervoer"}) {
    Interest i;
    i.id = id;
    i.names["nl"] = id;
    c.interests.push_back(i);
  }
  return c;
}

class Volunteer {
 public:
  std::vector<Effect> send(const Event& e) {
    Inputs in;
    in.now = now;
    in.language = "nl";
    for (std::size_t i = 0; i < in.entropy.bytes.size(); ++i)
      in.entropy.bytes[i] = static_cast<std::uint8_t>(i * 11);
    Update u = update(std::move(form), e, in, config);
    form = std::move(u.state);
    return u.effects;
  }
  void type(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {  // one key per letter, as the touch keyboard sends them
      std::size_t n = 1;
      while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
      send(ev::Typed{text.substr(i, n)});
      i += n;
    }
  }
  void to_consent() {
    send(ev::InterestToggled{"vervoer"});
    send(ev::InterestToggled{"boodschappen"});
    send(ev::Next{});
    send(ev::AvailabilityToggled{Availability::weekends});
    send(ev::AvailabilityToggled{Availability::mornings});
    send(ev::Next{});
    type("  Chloë ");
    send(ev::Next{});
    type("06-1234 5678");
    send(ev::Next{});
  }
  LocationConfig config = with_interests();
  Form form;
  UnixMs now = 1'790'000'000'000;
};

TEST(VolunteerFormModel, FromInterestsToThanksStoredOnceWithWhatWasChecked) {
  Volunteer v;
  v.to_consent();
  ASSERT_EQ(v.form.step, Step::consent) << v.form.problem;
  const auto fx = v.send(ev::Consent{true});
  ASSERT_EQ(fx.size(), 1u);
  const VolunteerRegistration& r = std::get<fx::Store>(fx[0]).registration;
  EXPECT_EQ(r.first_name, "Chloë");
  EXPECT_EQ(r.phone, "+31612345678");
  EXPECT_TRUE(r.email.empty());
  EXPECT_EQ(r.interests, (std::vector<std::string>{"boodschappen", "vervoer"})) << "in the location's order";
  EXPECT_EQ(r.availability, (std::vector<Availability>{Availability::mornings, Availability::weekends}));
  EXPECT_TRUE(r.consent);
  EXPECT_EQ(r.created_at, v.now);
  EXPECT_EQ(r.language, "nl");
  EXPECT_TRUE(v.send(ev::Consent{true}).empty()) << "a second yes while storing stores nothing more";
  v.send(ev::Stored{r.id});
  EXPECT_EQ(v.form.step, Step::thanks);
  EXPECT_EQ(v.form.reference, reference_of(r.id));
  EXPECT_EQ(v.form.reference.size(), 8u);
  EXPECT_TRUE(v.form.first_name.empty() && v.form.contact.empty()) << "no personal data left in memory";
}

TEST(VolunteerFormModel, NoThanksKeepsNothing) {
  Volunteer v;
  v.to_consent();
  const auto fx = v.send(ev::Consent{false});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<fx::Leave>(fx[0]));
  EXPECT_TRUE(v.form.first_name.empty());
  EXPECT_TRUE(v.form.contact.empty());
  EXPECT_TRUE(v.form.interests.empty());
}

TEST(VolunteerFormModel, EachStepSaysWhatToFix) {
  Volunteer v;
  v.send(ev::InterestToggled{"not-here"});
  v.send(ev::Next{});
  EXPECT_EQ(v.form.step, Step::interests);
  EXPECT_EQ(v.form.problem, "Choose at least one thing you would like to do.");
  v.send(ev::InterestToggled{"taalmaatje"});
  EXPECT_TRUE(v.form.problem.empty()) << "said until the person does something about it";
  v.send(ev::Next{});
  v.send(ev::Next{});
  EXPECT_EQ(v.form.problem, "Choose at least one part of the week.");
  v.send(ev::AvailabilityToggled{Availability::evenings});
  v.send(ev::Next{});
  v.type("R2");
  v.send(ev::Next{});
  EXPECT_EQ(v.form.step, Step::name);
  EXPECT_EQ(v.form.problem, check_first_name("R2").error().message);
  v.send(ev::Erased{});
  v.send(ev::Erased{});
  v.type("Zoë");
  v.send(ev::Erased{});
  EXPECT_EQ(v.form.first_name, "Zo") << "erasing takes a letter, not a byte";
  v.send(ev::Next{});
  EXPECT_EQ(v.form.step, Step::contact);
  v.type("0612");
  v.send(ev::Next{});
  EXPECT_EQ(v.form.problem, check_phone("0612").error().message);
  v.send(ev::ContactKindChosen{ContactKind::email});
  EXPECT_TRUE(v.form.contact.empty()) << "a phone number is no e-mail address";
  v.type("Naam@Voorbeeld.NL");
  v.send(ev::Next{});
  EXPECT_EQ(v.form.step, Step::consent);
  EXPECT_EQ(v.form.contact, "Naam@voorbeeld.nl");
}

TEST(VolunteerFormModel, BackGoesAStepBackAndOutFromTheFirst) {
  Volunteer v;
  v.to_consent();
  v.send(ev::Back{});
  EXPECT_EQ(v.form.step, Step::contact);
  v.send(ev::Back{});
  v.send(ev::Back{});
  v.send(ev::Back{});
  EXPECT_EQ(v.form.step, Step::interests);
  const auto fx = v.send(ev::Back{});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_FALSE(std::get<fx::Leave>(fx[0]).failed);
}

TEST(VolunteerFormModel, AFailedStoreLeavesWithTheFailureAndForgetsTheForm) {
  Volunteer v;
  v.to_consent();
  v.send(ev::Consent{true});
  const auto fx = v.send(ev::StoreFailed{make_error("disk_full", "The disk is full.")});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_TRUE(std::get<fx::Leave>(fx[0]).failed);
  EXPECT_TRUE(v.form.first_name.empty());
  EXPECT_EQ(v.form.step, Step::interests);
}

}  // namespace
}  // namespace wk::volunteer
