#pragma once
// The secrets a test run handed out (device and admin tokens, staff passwords), noted for the privacy scan
// (tests/privacy/): when WIJKKIOSK_PRIVACY_DIR is set, each is appended to secrets.txt there, one per
// line, and the scan looks for every one of them in every file the end-to-end suite left behind. Without
// the variable nothing is written.
#include <string>

namespace wk::test {

void note_secret(const std::string& secret);

}  // namespace wk::test
