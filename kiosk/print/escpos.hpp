#pragma once
// The ESC/POS encoder: a ticket layout and a printer profile in, the bytes for the printer out. It does no
// I/O and reads no clock, so the same layout always gives the same bytes (the golden tests rely on that).
// Text a code page cannot hold is drawn by a TextRasterizer the caller hands in (text_raster.hpp loads a
// font for that), so the font file stays outside the encoder.
#include <functional>
#include <string>
#include <string_view>

#include "core/ticket_layout.hpp"
#include "print/bitmap.hpp"
#include "print/printer.hpp"
#include "print/qr.hpp"

namespace wk::print {

// Draws one line of UTF-8 text (logical order; `rtl` for right-to-left languages) no wider than `max_width`
// dots, wrapping onto more lines when needed; an empty Bitmap when it cannot draw it.
using TextRasterizer = std::function<Bitmap(std::string_view utf8, int max_width, bool rtl)>;

// The whole ticket: ESC @, ESC t, centred text, the code large and bold, the QR of layout.qr_url (GS ( k
// when profile.native_qr, else a GS v 0 image), the help line (as an image when the code page lacks one of
// its characters and `raster` can draw it; '?' for those characters otherwise), feed and partial cut.
Bytes encode_ticket(const TicketLayout& layout, const PrinterProfile& profile,
                    const TextRasterizer& raster = {});

// DLE EOT n: ask for status byte n (1 printer, 2 offline cause, 3 errors, 4 roll paper); empty unless 1..4.
Bytes encode_status_query(int n);
// All four queries at once, in order 1..4: the printer answers with four bytes in the same order.
Bytes encode_status_queries();

// GS v 0 (normal density) of an image, in bands of at most 1024 rows because printers limit the height
// of one raster command. A lone dot that would spell DLE EOT n in the data is dropped (see the .cpp). An
// empty image gives no bytes.
Bytes encode_raster(const Bitmap& image);

// The five GS ( k commands that print `data` as a QR model 2 code with ECC level M: select the model
// (function 165), the module size in dots (167, clamped to 1..16), the error correction (169), store the
// data (180) and print it (181).
Bytes encode_native_qr(std::string_view data, int module_size);

// The QR matrix as an image, `scale` dots per module, with a white quiet zone of `quiet_zone` modules.
Bitmap qr_bitmap(const QrCode& code, int scale, int quiet_zone = 4);

// Dots per module for a raster QR of `qr_width` modules: the smallest scale that makes the code at least
// 35 mm wide, reduced when the code and its 4-module quiet zone would not fit the paper.
int raster_qr_scale(int qr_width, const PrinterProfile& profile);

// The profile's GS ( k module size, reduced when the code and its quiet zone would not fit the paper (a
// printer silently skips a QR code wider than its paper).
int native_qr_module_size(int qr_width, const PrinterProfile& profile);

}  // namespace wk::print
