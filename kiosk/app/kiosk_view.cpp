#include "app/kiosk_view.hpp"

#include <algorithm>
#include <cstdio>

#include "app/assets.hpp"
#include "core/script.hpp"
#include "platform/image_file.hpp"
#include "platform/render_sdl.hpp"
#include "platform/window.hpp"
#include "print/qr.hpp"

namespace wk::app {

void QrTexture::update(const KioskState& s, const std::string& service_url) {
  const std::string want = s.session.ticket ? s.session.ticket->id : std::string();
  if (want == ticket_id) return;
  release();
  ticket_id = want;
  if (want.empty()) return;
  const auto code = print::qr_encode(status_url(service_url, s.session.ticket->public_token));
  if (code.empty()) return;
  // Whole pixels per module keep the modules sharp; enough of them for ui::kQrMinMm on the glass.
  const int total_modules = code.width + 8;
  const int module_px = std::max(2, static_cast<int>(platform::mm_to_px(ui::kQrMinMm) / total_modules + 1));
  const auto rgba = print::qr_rgba(code, module_px);
  const int side = print::qr_pixel_size(code, module_px);
  texture = platform::RenderSdl_CreateTexture(rgba.data(), side, side, platform::TextureFilter::Nearest);
  side_px = static_cast<float>(side);
}

void QrTexture::release() {
  if (texture) platform::RenderSdl_DestroyTexture(texture);
  texture = nullptr;
  ticket_id.clear();
}

void load_pictograms(const LocationConfig& config, std::map<std::string, ImTextureID>& out, bool volunteers) {
  std::vector<std::string> names;
  for (const auto& t : config.topics) names.push_back(t.pictogram);
  if (volunteers) {
    for (const auto& i : config.interests) names.push_back(i.pictogram);
    if (!config.interests.empty()) names.push_back(ui::kVolunteerPictogram);
    if (config.callback) names.push_back(ui::kCallbackPictogram);
  }
  for (const std::string& name : names) {
    if (name.empty() || out.count(name)) continue;
    const std::string path = pictograms_dir() + "/" + name + ".png";
    auto img = platform::image_load_png(path);
    if (!img) {
      std::fprintf(stderr, "wijkkiosk: no pictogram '%s' (%s); the tile shows text only\n", name.c_str(),
                   img.error().detail.c_str());
      out[name] = nullptr;  // remembered: not tried (and logged) again on every wake
      continue;
    }
    out[name] = platform::RenderSdl_CreateTexture(img->pixels.data(), img->width, img->height);
  }
}

void release_pictograms(std::map<std::string, ImTextureID>& pictograms) {
  for (auto& [name, tex] : pictograms)
    if (tex) platform::RenderSdl_DestroyTexture(tex);
  pictograms.clear();
}

namespace {

std::string clock_text(const KioskState& s, std::optional<UnixMs> t) {
  if (!t) return "-";
  const CivilTime c = to_local(s.tz, *t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute,
                c.second);
  return buf;
}

}  // namespace

// What the staff panel shows, in words: read from the sync worker and the outbox when the panel is open.
ui::StaffInfo staff_info(KioskRuntime& rt, const Catalogues& texts) {
  const std::string& lang = session_language(rt.state);
  auto tr = [&](const char* msgid) { return texts.tr(lang, msgid); };
  ui::StaffInfo info;
  info.rows.push_back({tr("Version"), WIJKKIOSK_VERSION});
  info.rows.push_back({tr("Location"), rt.state.config.name + " (" + rt.device.location + ")"});
  if (rt.sync) {
    const net::SyncStatus st = rt.sync->status();
    std::string service;
    if (st.reachable)
      service = fill(tr("reachable since {t}"), {{"t", clock_text(rt.state, st.reachable_since)}});
    else if (st.unreachable_since)
      service = fill(tr("not reachable since {t}"), {{"t", clock_text(rt.state, st.unreachable_since)}}) +
                (st.last_error.empty() ? "" : ": " + st.last_error);
    else
      service = tr("not contacted yet");
    info.rows.push_back({tr("Service"), service});
    info.rows.push_back({tr("Last sync"), clock_text(rt.state, st.last_sync_at)});
  }
  if (auto stats = rt.outbox->stats()) {
    info.rows.push_back(
        {tr("Waiting to send"),
         std::to_string(stats->pending) +
             (stats->oldest_pending_created_at
                  ? " (" +
                        fill(tr("oldest from {t}"),
                             {{"t", clock_text(rt.state, stats->oldest_pending_created_at)}}) +
                        ")"
                  : std::string())});
    info.rows.push_back({tr("Sent"), std::to_string(stats->sent)});
    info.rows.push_back({tr("Parked for IT"), std::to_string(stats->parked)});
  }
  info.rows.push_back(
      {tr("Printer"), rt.state.has_printer ? tr(printer_words(rt.state.printer)) : tr("none configured")});
  return info;
}

platform::FontOptions kiosk_fonts(const KioskRuntime& rt, const ui::TextShaper& shaper) {
  platform::FontOptions fo;
  const ui::TypeSizes& sizes = rt.state.session.aids.large_print ? ui::kKioskLargePrint : ui::kKioskType;
  fo.normal_mm = sizes.normal_mm;
  fo.large_mm = sizes.large_mm;
  fo.huge_mm = sizes.huge_mm;
  // A script's glyphs when the resident's language is written in it (chosen, or the location's first);
  // until then only what the welcome screen draws of it: each language's own name.
  const Script script = script_of(session_language(rt.state));
  fo.arabic = script == Script::arabic;
  fo.ethiopic = script == Script::ethiopic;
  for (const auto& l : rt.state.config.languages) fo.always_text += shaper.visual(rt.texts.language_name(l));
  // The huge font (a ticket code, the welcome title) draws "Welcome" in one language only: at 50 mm each
  // glyph is large, and Ge'ez or Arabic ones for every language would double the atlas. Which one
  // (welcome_title_language) stays the same while a resident picks a language in the same script, so the
  // atlas (a third of the kiosk's time in the bench's taps, issue 20) is not rebuilt then.
  const std::string& language = session_language(rt.state);
  if (const std::string title = welcome_title_language(rt.state); !title.empty())
    fo.huge_text = shaper.visual(rt.texts.tr(title, "Welcome"));
  fo.always_text += fo.huge_text;
  // Arabic's contextual forms are loaded whole; a rarer form the language's own texts take (Forms-A) comes
  // from those texts as shaped: the catalogue's and the location's topics and interests.
  if (script == Script::arabic) {
    if (const Catalogue* c = rt.texts.get(language))
      for (const auto& text : c->texts()) fo.always_text += shaper.visual(text);
    for (const auto& t : rt.state.config.topics)
      fo.always_text += shaper.visual(rt.state.config.text_in(t.names, language) + " " +
                                      rt.state.config.text_in(t.lines, language));
    for (const auto& i : rt.state.config.interests)
      fo.always_text += shaper.visual(rt.state.config.text_in(i.names, language));
  }
  return fo;
}

}  // namespace wk::app
