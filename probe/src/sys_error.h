// A failed system call, captured with its errno at once.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace probe {

/// What failed and the errno it failed with; message() reads
/// "operation: strerror".
struct SysError {
  std::string operation;  ///< e.g. "open /proc/kallsyms"
  int err = 0;
  [[nodiscard]] std::string message() const;
};

/// A value or the SysError that prevented it.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(SysError error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  [[nodiscard]] const T& value() const { return std::get<0>(v_); }
  [[nodiscard]] T& value() { return std::get<0>(v_); }
  [[nodiscard]] const SysError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, SysError> v_;
};

}  // namespace probe
