#include "service/status_page_texts.hpp"

#include <array>

namespace wk::service::http {
namespace {

// The first row is the fallback. Turkish keeps the noun singular after a number ("5 dakika"), so its two
// forms are one text; Ukrainian says 1 хвилина, 2–4 хвилини, 5–20 хвилин (and хвилини for fractions).
constexpr std::array<PageTexts, 5> kTexts{{
    {"nl",
     "ltr",
     "Uw nummer",
     "U bent nummer {n} in de rij",
     {"Wachttijd: ongeveer {n} minuut", {}, {}, "Wachttijd: ongeveer {n} minuten"},
     "U bent aan de beurt!",
     "Ga naar balie {n}",
     "U bent geholpen. Een fijne dag!",
     "We hebben u geroepen, maar u was er niet. Vraag bij de balie wat u nu kunt doen.",
     "Houd deze pagina open. Hij ververst vanzelf.",
     "Geen verbinding. We proberen het opnieuw.",
     "Dit ticket kennen we niet",
     "Kijk of het adres goed is. Of vraag het bij de balie.",
     "Dit nummer was voor een andere dag. Neem een nieuw nummer bij de kiosk."},
    {"en",
     "ltr",
     "Your number",
     "You are number {n} in line",
     {"Waiting time: about {n} minute", {}, {}, "Waiting time: about {n} minutes"},
     "It is your turn!",
     "Go to desk {n}",
     "You have been helped. Have a nice day!",
     "We called you, but you were not there. Please ask at the desk what to do now.",
     "Keep this page open. It updates by itself.",
     "No connection. Trying again.",
     "We do not know this ticket",
     "Check that the address is right, or ask at the desk.",
     "This number was for another day. Please take a new number at the kiosk."},
    {"tr",
     "ltr",
     "Numaranız",
     "Sırada {n}. kişisiniz",
     {"Bekleme süresi: yaklaşık {n} dakika", {}, {}, "Bekleme süresi: yaklaşık {n} dakika"},
     "Sıra sizde!",
     "{n} numaralı masaya gidin",
     "Size yardım edildi. İyi günler!",
     "Sizi çağırdık ama burada değildiniz. Ne yapabileceğinizi masada sorun.",
     "Bu sayfayı açık tutun. Kendiliğinden güncellenir.",
     "Bağlantı yok. Tekrar deneniyor.",
     "Bu bileti tanımıyoruz",
     "Adresin doğru olup olmadığına bakın veya masada sorun.",
     "Bu numara başka bir gün içindi. Lütfen kioskten yeni bir numara alın."},
    {"pl",
     "ltr",
     "Twój numer",
     "Twoje miejsce w kolejce: {n}",
     {"Czas oczekiwania: ok. {n} minuta", "Czas oczekiwania: ok. {n} minuty",
      "Czas oczekiwania: ok. {n} minut", "Czas oczekiwania: ok. {n} minuty"},
     "Twoja kolej!",
     "Podejdź do stanowiska {n}",
     "Obsługa zakończona. Miłego dnia!",
     "Wywołaliśmy Cię, ale Cię nie było. Zapytaj w recepcji, co teraz zrobić.",
     "Nie zamykaj tej strony. Odświeża się sama.",
     "Brak połączenia. Próbujemy ponownie.",
     "Nie znamy tego numerka",
     "Sprawdź, czy adres jest poprawny, albo zapytaj w recepcji.",
     "Ten numer był na inny dzień. Weź nowy numer w kiosku."},
    {"uk",
     "ltr",
     "Ваш номер",
     "Ви {n}-й у черзі",
     {"Час очікування: приблизно {n} хвилина", "Час очікування: приблизно {n} хвилини",
      "Час очікування: приблизно {n} хвилин", "Час очікування: приблизно {n} хвилини"},
     "Ваша черга!",
     "Підійдіть до віконця {n}",
     "Вам допомогли. Гарного дня!",
     "Ми вас викликали, але вас не було. Запитайте біля віконця, що робити далі.",
     "Тримайте цю сторінку відкритою. Вона оновлюється сама.",
     "Немає з'єднання. Пробуємо ще раз.",
     "Ми не знаємо цього талона",
     "Перевірте адресу або запитайте біля віконця.",
     "Цей номер був на інший день. Візьміть, будь ласка, новий номер у кіоску."},
}};

}  // namespace

std::string_view PluralForms::form(std::string_view category) const {
  const std::string_view f = category == "one"    ? one
                             : category == "few"  ? few
                             : category == "many" ? many
                                                  : other;
  return f.empty() ? other : f;
}

const PageTexts& page_texts(std::string_view lang) {
  for (const auto& t : kTexts)
    if (t.lang == lang) return t;
  return kTexts[0];
}

std::string_view plural_category(std::string_view lang, std::int64_t n) {
  if (n < 0) n = -n;
  if (lang == "uk" || lang == "pl") {
    // CLDR: 2-4 by the last digit, except 12-14, are "few" in both; "one" is any 1 but 11 in Ukrainian
    // (21 хвилина) and only 1 itself in Polish (21 minut).
    const auto last = n % 10, last_two = n % 100;
    if (lang == "uk" ? last == 1 && last_two != 11 : n == 1) return "one";
    if (last >= 2 && last <= 4 && (last_two < 12 || last_two > 14)) return "few";
    return "many";
  }
  return n == 1 ? "one" : "other";  // nl, en, tr
}

}  // namespace wk::service::http
