#include "print/printer.hpp"

#include <array>

namespace wk::print {
namespace {

// One row per model. The 80 mm widths are the printable width of each head (72 mm); the 58 mm widths are
// what the same head prints on narrow paper. Module sizes are chosen so that a status URL (QR version 4-5,
// 33-37 modules) prints about 35 mm wide, which phones scan from arm's length.
struct ModelRow {
  const char* model;
  int dots_80;
  int dots_58;
  int dots_per_mm;
  bool native_qr;
  int qr_module_size;
};

constexpr std::array<ModelRow, 6> kModels{{
    {"generic", 576, 384, 8, true, 8},
    {"generic-raster", 576, 384, 8, false, 8},
    {"epson-tm-t20", 576, 384, 8, true, 8},
    // The TM-T88 has a 180 dpi head: 512 dots over 72 mm, 360 dots on 58 mm paper.
    {"epson-tm-t88", 512, 360, 7, true, 7},
    {"epson-eu-m30", 576, 384, 8, true, 8},
    // Star's TSP100 speaks ESC/POS only in its emulation mode and its GS ( k support differs per firmware,
    // so the QR goes as an image, which every mode prints.
    {"star-tsp100", 576, 384, 8, false, 8},
}};

}  // namespace

PrinterState state_from_name(std::string_view name) {
  for (PrinterState s : {PrinterState::Ok, PrinterState::PaperLow, PrinterState::PaperOut,
                         PrinterState::CoverOpen, PrinterState::Offline, PrinterState::None}) {
    if (name == printer_state_name(s)) return s;
  }
  return PrinterState::Offline;
}

Result<PrinterProfile> profile_for(const std::string& model, int paper_mm) {
  if (paper_mm != 58 && paper_mm != 80) {
    return make_error("printer_paper", "Choose a paper width of 58 or 80 mm for the printer.",
                      "paper_mm=" + std::to_string(paper_mm));
  }
  for (const ModelRow& row : kModels) {
    if (model != row.model) continue;
    PrinterProfile p;
    p.model = row.model;
    p.dots_per_line = paper_mm == 80 ? row.dots_80 : row.dots_58;
    p.dots_per_mm = row.dots_per_mm;
    p.native_qr = row.native_qr;
    p.qr_module_size = row.qr_module_size;
    return p;
  }
  std::string names;
  for (const ModelRow& row : kModels) names += std::string(names.empty() ? "" : ", ") + row.model;
  return make_error("printer_model",
                    "The printer model '" + model + "' is not known. Known models: " + names + ".", model);
}

std::vector<std::string> known_models() {
  std::vector<std::string> out;
  for (const ModelRow& row : kModels) out.emplace_back(row.model);
  return out;
}

}  // namespace wk::print
