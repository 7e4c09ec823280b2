#pragma once
// Whose request it is, behind a load balancer. wijkqueue sees its TCP peer; behind HAProxy that is
// HAProxy for every resident and every desk, so per-address login limits would count a whole city as one
// address (and 20 typos anywhere would lock every desk out). A peer named with --trusted-proxy is taken
// at its word: the client is the last address in its X-Forwarded-For (HAProxy's `http-request set-header
// X-Forwarded-For %[src]` puts exactly one there). Anyone else's X-Forwarded-For is ignored, so a client
// cannot choose its own address.
#include <string>
#include <vector>

namespace wk::service {

std::string client_address(const std::string& peer, const std::string& forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace wk::service
