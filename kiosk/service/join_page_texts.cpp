#include "service/join_page_texts.hpp"

#include <array>

namespace wk::service::http {
namespace {

constexpr PluralForms one_other(std::string_view one, std::string_view other) {
  return {{}, one, {}, {}, {}, other};
}

constexpr std::array<JoinTexts, 2> kTexts{{
    {
        "nl",
        "ltr",
        "Nederlands",
        "Aanschuiven vanaf huis",
        "Kies waar uw vraag over gaat. U krijgt een nummer. Op uw telefoon ziet u wanneer u moet komen.",
        "Waar gaat uw vraag over?",
        one_other("Er wacht nu {n} persoon.", "Er wachten nu {n} mensen."),
        "Er wacht nu niemand.",
        "Aanschuiven kan nu niet",
        "Vanaf huis aanschuiven kan alleen als de inloop open is.",
        "Er wachten nu al veel mensen die vanaf huis aanschoven. Probeer het later opnieuw.",
        "Vanaf deze verbinding zijn het afgelopen uur al veel nummers genomen. Probeer het over een uur "
        "opnieuw.",
        "Het afgelopen uur zijn er al veel nummers via internet genomen. Probeer het later opnieuw.",
        "U kunt ook gewoon langskomen bij {n}.",
        "Of bel ons: {n}.",
        "Kunt u niet wachten? Vraag of we u terugbellen.",
        "Bel mij terug",
        "Laat uw telefoonnummer achter. Iemand van het wijkteam belt u terug.",
        "Waar gaat het over?",
        "Uw telefoonnummer",
        "Bijvoorbeeld 06 12345678",
        "Dit telefoonnummer klopt niet. Kijk het nog eens na.",
        "Wanneer kunnen we u het beste bellen?",
        "In de ochtend",
        "In de middag",
        "Maakt niet uit",
        "Ik vind het goed dat het wijkteam mijn telefoonnummer bewaart om mij terug te bellen. Daarna wordt "
        "het gewist, uiterlijk na {n} dagen.",
        "Zet een vinkje als u het goed vindt. Zonder uw toestemming kunnen we u niet terugbellen.",
        "Bel mij terug",
        "Dank u. We bellen u terug.",
        "Iemand van het wijkteam belt u zo snel mogelijk, meestal binnen twee werkdagen.",
        "Uw kenmerk: {n}. Noem dit als u ons belt.",
        "Deze pagina bestaat niet",
        "Kijk of het adres goed is. Of vraag het bij het wijkteam.",
        "Er ging iets mis. Probeer het zo opnieuw.",
        "Terug",
    },
    {
        "en",
        "ltr",
        "English",
        "Join the queue from home",
        "Choose what your question is about. You get a number. Your phone shows when to come.",
        "What is your question about?",
        one_other("{n} person is waiting now.", "{n} people are waiting now."),
        "Nobody is waiting now.",
        "You cannot join now",
        "You can only join from home while the walk-in is open.",
        "Many people who joined from home are waiting already. Please try again later.",
        "Many numbers were taken from this connection in the last hour. Please try again in an hour.",
        "Many numbers were taken online in the last hour. Please try again later.",
        "You are also welcome to come by at {n}.",
        "Or call us: {n}.",
        "Can you not wait? Ask us to call you back.",
        "Call me back",
        "Leave your phone number. Someone of the neighbourhood team will call you back.",
        "What is it about?",
        "Your phone number",
        "For example 06 12345678",
        "This phone number is not right. Please check it.",
        "When can we best call you?",
        "In the morning",
        "In the afternoon",
        "Any time",
        "I agree that the neighbourhood team keeps my phone number to call me back. It is then deleted, at "
        "the latest after {n} days.",
        "Please tick the box if you agree. Without your consent we cannot call you back.",
        "Call me back",
        "Thank you. We will call you back.",
        "Someone of the neighbourhood team will call you as soon as possible, usually within two working "
        "days.",
        "Your reference: {n}. Mention it when you call us.",
        "This page does not exist",
        "Check that the address is right, or ask the neighbourhood team.",
        "Something went wrong. Please try again in a moment.",
        "Back",
    },
}};

}  // namespace

const JoinTexts* join_texts(std::string_view lang) {
  for (const auto& t : kTexts)
    if (t.lang == lang) return &t;
  return nullptr;
}

}  // namespace wk::service::http
