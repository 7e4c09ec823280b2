#pragma once
// GET /t/{public_token}: the resident's status page (the address in the QR code on the ticket).
#include "service/http.hpp"

namespace wk::service::http {

void install_status_page_routes(Router& router, Context& ctx);

}  // namespace wk::service::http
