#include "service/request_body.hpp"

#include <zlib.h>

namespace wk::service::http {

struct RequestBody::Inflater {
  z_stream z{};
};

RequestBody::RequestBody(std::size_t limit) : limit_(limit) {}

RequestBody::~RequestBody() {
  if (inflater_) inflateEnd(&inflater_->z);
}

bool RequestBody::expect_gzip() {
  inflater_ = std::make_unique<Inflater>();
  if (inflateInit2(&inflater_->z, 16 + MAX_WBITS) == Z_OK) return true;  // 16: the gzip wrapper
  inflater_.reset();
  return false;
}

void RequestBody::keep(const char* data, std::size_t n) {
  if (too_large_) return;
  if (bytes_.size() + n > limit_) {
    too_large_ = true;
    std::string().swap(bytes_);
    return;
  }
  bytes_.append(data, n);
}

void RequestBody::append(const char* data, std::size_t n) {
  if (too_large_ || bad_gzip_) return;
  if (!inflater_) return keep(data, n);
  z_stream& z = inflater_->z;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
  z.avail_in = static_cast<uInt>(n);
  char out[16 * 1024];
  // Unpacked a piece at a time: what a small packed body may unpack to is counted, never held whole.
  while (z.avail_in > 0 && !gzip_ended_ && !too_large_) {
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = sizeof out;
    const int rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t produced = sizeof out - z.avail_out;
    keep(out, produced);
    if (rc == Z_STREAM_END) {
      gzip_ended_ = true;
    } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && produced == 0)) {
      bad_gzip_ = true;
      return;
    }
  }
}

RequestBody::Verdict RequestBody::verdict() const {
  if (too_large_) return Verdict::too_large;
  if (bad_gzip_ || (inflater_ && !gzip_ended_)) return Verdict::bad_gzip;
  return Verdict::whole;
}

}  // namespace wk::service::http
