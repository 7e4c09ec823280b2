#pragma once
// Internal to service/: text made safe to stand in HTML, SVG and attribute values alike (the status page,
// the report's page and its charts). Names come from a location's config, which an admin writes.
#include <string>
#include <string_view>

namespace wk::service {

std::string html_escape(std::string_view text);

}  // namespace wk::service
