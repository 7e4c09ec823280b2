#include "service/client_address.hpp"

#include <algorithm>

namespace wk::service {

std::string client_address(const std::string& peer, const std::string& forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  if (forwarded_for.empty() ||
      std::find(trusted_proxies.begin(), trusted_proxies.end(), peer) == trusted_proxies.end())
    return peer;
  // The last hop is the one the trusted proxy added; anything before it came from the client.
  const auto comma = forwarded_for.rfind(',');
  std::string last = comma == std::string::npos ? forwarded_for : forwarded_for.substr(comma + 1);
  const auto b = last.find_first_not_of(' ');
  const auto e = last.find_last_not_of(' ');
  last = b == std::string::npos ? "" : last.substr(b, e - b + 1);
  // An IPv4 or IPv6 address and nothing else; a proxy that sends anything other is not believed.
  const bool plausible =
      !last.empty() && last.size() <= 45 && std::all_of(last.begin(), last.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
               c == ':';
      });
  return plausible ? last : peer;
}

}  // namespace wk::service
