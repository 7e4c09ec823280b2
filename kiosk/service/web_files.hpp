#pragma once
// Internal to service/: the web counter's files (kiosk/service/web/staff/), built into wijkqueue by
// cmake/EmbedFiles.cmake, so the service is one binary that serves them with nothing to install beside it.
#include <span>
#include <string_view>

namespace wk::service::web {

struct EmbeddedFile {
  std::string_view name;  // "index.html"
  std::string_view bytes;
};

std::span<const EmbeddedFile> staff_files();

}  // namespace wk::service::web
