#include "service/status_page_texts.hpp"

#include <array>

namespace wk::service::http {
namespace {

// Forms for languages with fewer categories; the others stay empty and so say `other`.
constexpr PluralForms one_other(std::string_view one, std::string_view other) {
  return {{}, one, {}, {}, {}, other};
}
constexpr PluralForms one_few_many(std::string_view one, std::string_view few, std::string_view many,
                                   std::string_view other) {
  return {{}, one, {}, few, many, other};
}

// The first row is the fallback. Turkish keeps the noun singular after a number ("5 dakika"), so its two
// forms are one text; Ukrainian says 1 хвилина, 2–4 хвилини, 5–20 хвилин (and хвилини for fractions).
// Arabic says one and two minutes in words (دقيقة واحدة, دقيقتان), 3–10 دقائق, 11–99 دقيقة and 100
// دقيقة; zero minutes is "less than a minute" (the page never shows 0, but the rule has the form).
// Tigrinya: 0 and 1 ደቒቕ, otherwise ደቓይቕ.
constexpr std::array<PageTexts, 7> kTexts{{
    {
        "nl",
        "ltr",
        "Uw nummer",
        "U bent nummer {n} in de rij",
        one_other("Wachttijd: ongeveer {n} minuut", "Wachttijd: ongeveer {n} minuten"),
        "U bent aan de beurt!",
        "Ga naar balie {n}",
        "U bent geholpen. Een fijne dag!",
        "We hebben u geroepen, maar u was er niet. Vraag bij de balie wat u nu kunt doen.",
        "Houd deze pagina open. Hij ververst vanzelf.",
        "Geen verbinding. We proberen het opnieuw.",
        "Dit ticket kennen we niet",
        "Kijk of het adres goed is. Of vraag het bij de balie.",
        "Dit nummer was voor een andere dag. Neem een nieuw nummer bij de kiosk.",
        one_other("Kom nu naar de inloop: er is nog {n} persoon voor u.",
                  "Kom nu naar de inloop: er zijn nog {n} mensen voor u."),
        "Kom nu naar de inloop: u bent de volgende.",
    },
    {
        "en",
        "ltr",
        "Your number",
        "You are number {n} in line",
        one_other("Waiting time: about {n} minute", "Waiting time: about {n} minutes"),
        "It is your turn!",
        "Go to desk {n}",
        "You have been helped. Have a nice day!",
        "We called you, but you were not there. Please ask at the desk what to do now.",
        "Keep this page open. It updates by itself.",
        "No connection. Trying again.",
        "We do not know this ticket",
        "Check that the address is right, or ask at the desk.",
        "This number was for another day. Please take a new number at the kiosk.",
        one_other("Please come in now: {n} person is ahead of you.",
                  "Please come in now: {n} people are ahead of you."),
        "Please come in now: you are next.",
    },
    {
        "tr",
        "ltr",
        "Numaranız",
        "Sırada {n}. kişisiniz",
        one_other("Bekleme süresi: yaklaşık {n} dakika", "Bekleme süresi: yaklaşık {n} dakika"),
        "Sıra sizde!",
        "{n} numaralı masaya gidin",
        "Size yardım edildi. İyi günler!",
        "Sizi çağırdık ama burada değildiniz. Ne yapabileceğinizi masada sorun.",
        "Bu sayfayı açık tutun. Kendiliğinden güncellenir.",
        "Bağlantı yok. Tekrar deneniyor.",
        "Bu bileti tanımıyoruz",
        "Adresin doğru olup olmadığına bakın veya masada sorun.",
        "Bu numara başka bir gün içindi. Lütfen kioskten yeni bir numara alın.",
        one_other("Lütfen şimdi gelin: önünüzde {n} kişi var.", "Lütfen şimdi gelin: önünüzde {n} kişi var."),
        "Lütfen şimdi gelin: sıradaki sizsiniz.",
    },
    {
        "pl",
        "ltr",
        "Twój numer",
        "Twoje miejsce w kolejce: {n}",
        one_few_many("Czas oczekiwania: ok. {n} minuta", "Czas oczekiwania: ok. {n} minuty",
                     "Czas oczekiwania: ok. {n} minut", "Czas oczekiwania: ok. {n} minuty"),
        "Twoja kolej!",
        "Podejdź do stanowiska {n}",
        "Obsługa zakończona. Miłego dnia!",
        "Wywołaliśmy Cię, ale Cię nie było. Zapytaj w recepcji, co teraz zrobić.",
        "Nie zamykaj tej strony. Odświeża się sama.",
        "Brak połączenia. Próbujemy ponownie.",
        "Nie znamy tego numerka",
        "Sprawdź, czy adres jest poprawny, albo zapytaj w recepcji.",
        "Ten numer był na inny dzień. Weź nowy numer w kiosku.",
        one_few_many("Przyjdź teraz: przed Tobą jest {n} osoba.", "Przyjdź teraz: przed Tobą są {n} osoby.",
                     "Przyjdź teraz: przed Tobą jest {n} osób.", "Przyjdź teraz: przed Tobą jest {n} osoby."),
        "Przyjdź teraz: jesteś następny w kolejce.",
    },
    {
        "uk",
        "ltr",
        "Ваш номер",
        "Ви {n}-й у черзі",
        one_few_many("Час очікування: приблизно {n} хвилина", "Час очікування: приблизно {n} хвилини",
                     "Час очікування: приблизно {n} хвилин", "Час очікування: приблизно {n} хвилини"),
        "Ваша черга!",
        "Підійдіть до віконця {n}",
        "Вам допомогли. Гарного дня!",
        "Ми вас викликали, але вас не було. Запитайте біля віконця, що робити далі.",
        "Тримайте цю сторінку відкритою. Вона оновлюється сама.",
        "Немає з'єднання. Пробуємо ще раз.",
        "Ми не знаємо цього талона",
        "Перевірте адресу або запитайте біля віконця.",
        "Цей номер був на інший день. Візьміть, будь ласка, новий номер у кіоску.",
        one_few_many("Приходьте зараз: перед вами {n} людина.", "Приходьте зараз: перед вами {n} людини.",
                     "Приходьте зараз: перед вами {n} людей.", "Приходьте зараз: перед вами {n} людини."),
        "Приходьте зараз: ви наступні.",
    },
    {
        "ar",
        "rtl",
        "رقمك",
        "أنت رقم {n} في الدور",
        // zero, one, two, few (3-10), many (11-99), other (100-102, ...)
        {
            "وقت الانتظار: أقل من دقيقة",
            "وقت الانتظار: حوالي دقيقة واحدة",
            "وقت الانتظار: حوالي دقيقتين",
            "وقت الانتظار: حوالي {n} دقائق",
            "وقت الانتظار: حوالي {n} دقيقة",
            "وقت الانتظار: حوالي {n} دقيقة",
        },
        "جاء دورك!",
        "اذهب إلى المكتب {n}",
        "تمت مساعدتك. يوماً سعيداً!",
        "نادينا رقمك، لكنك لم تكن هنا. اسأل في المكتب ماذا تفعل الآن.",
        "أبقِ هذه الصفحة مفتوحة. هي تتجدد وحدها.",
        "لا يوجد اتصال. نحاول مرة أخرى.",
        "لا نعرف هذه التذكرة",
        "تأكد أن العنوان صحيح. أو اسأل في المكتب.",
        "هذا الرقم كان ليوم آخر. خذ رقماً جديداً من الكشك.",
        {
            "تعال الآن: لا أحد أمامك.",
            "تعال الآن: أمامك شخص واحد.",
            "تعال الآن: أمامك شخصان.",
            "تعال الآن: أمامك {n} أشخاص.",
            "تعال الآن: أمامك {n} شخصاً.",
            "تعال الآن: أمامك {n} شخص.",
        },
        "تعال الآن: أنت التالي.",
    },
    {
        "ti",
        "ltr",
        "ቁጽርኹም",
        "ኣብ መስርዕ ቁጽሪ {n} ኢኹም",
        one_other("ግዜ ምጽባይ፦ ኣስታት {n} ደቒቕ", "ግዜ ምጽባይ፦ ኣስታት {n} ደቓይቕ"),
        "ተራኹም በጺሑ!",
        "ናብ መቐበሊ {n} ኪዱ",
        "ተገልጊልኩም። ጽቡቕ መዓልቲ!",
        "ጸዊዕናኩም፣ ግን ኣይነበርኩምን። ሕጂ እንታይ ክትገብሩ ከም ዘለኩም ኣብ መቐበሊ ሕተቱ።",
        "ነዚ ገጽ ክፉት ግደፍዎ። ባዕሉ ይሕደስ።",
        "መራኸቢ የለን። ደጊምና ንፍትን ኣለና።",
        "ነዚ ቲኬት ኣይንፈልጦን",
        "እቲ ኣድራሻ ቅኑዕ ምዃኑ ርኣዩ። ወይ ኣብ መቐበሊ ሕተቱ።",
        "እዚ ቁጽሪ ንካልእ መዓልቲ ነይሩ። ካብ ኪዮስክ ሓድሽ ቁጽሪ ውሰዱ።",
        one_other("በጃኹም ሕጂ ንዑ፦ ቅድሜኹም {n} ሰብ ኣሎ።", "በጃኹም ሕጂ ንዑ፦ ቅድሜኹም {n} ሰባት ኣለዉ።"),
        "በጃኹም ሕጂ ንዑ፦ ቀጺልኩም ንስኹም ኢኹም።",
    },
}};

}  // namespace

std::string_view PluralForms::form(std::string_view category) const {
  const std::string_view f = category == "zero"   ? zero
                             : category == "one"  ? one
                             : category == "two"  ? two
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
  if (lang == "ar") {
    // CLDR: 0 zero, 1 one, 2 two; by the last two digits 3-10 few and 11-99 many; the rest (100-102,
    // 200-202, ...) other.
    const auto last_two = n % 100;
    if (n == 0) return "zero";
    if (n == 1) return "one";
    if (n == 2) return "two";
    if (last_two >= 3 && last_two <= 10) return "few";
    if (last_two >= 11) return "many";
    return "other";
  }
  if (lang == "ti") return n <= 1 ? "one" : "other";  // CLDR: n = 0..1 is one
  return n == 1 ? "one" : "other";                    // nl, en, tr
}

}  // namespace wk::service::http
