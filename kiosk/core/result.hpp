#pragma once
// Errors are values at the edges: network, disk and parse failures come back as a Result, never as an
// exception. Exceptions stay for bugs. Every Error carries a message a person can act on; `detail` is for
// the log (and must not hold personal data either).
#include <string>
#include <utility>
#include <variant>

namespace wk {

struct Error {
  std::string code;     // snake_case reason, as in API.md ("disk_full", "tls", "field_missing", ...)
  std::string message;  // a sentence a person can act on
  std::string detail;   // technical detail for the log
};

inline std::string to_string(const Error& e) {
  return e.detail.empty() ? e.code + ": " + e.message : e.code + ": " + e.message + " (" + e.detail + ")";
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor): Result<T> r = value;
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Ok) {}                                                 // NOLINT(google-explicit-constructor)
  Result(Error error) : e_(std::move(error)), failed_(true) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return e_; }

 private:
  Error e_;
  bool failed_ = false;
};

inline Error make_error(std::string code, std::string message, std::string detail = {}) {
  return Error{std::move(code), std::move(message), std::move(detail)};
}

}  // namespace wk
