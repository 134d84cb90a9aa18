// Errors as values. No exception crosses a module boundary in steady state:
// operations return Result<T> (a T or an Error) and Status (= Result<void>).
// Third-party exceptions (yaml-cpp, SQLiteCpp, libcurl wrappers) are caught at
// the edge of the area that uses the library and converted here.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace cadence {

// What went wrong, coarse enough to choose an exit code or a retry policy.
enum class ErrorCode {
  kInvalidInput,  // bad user input or data (exit 1)
  kNotFound,      // a named thing does not exist (exit 1)
  kConflict,      // duplicate, ambiguous or contradictory (exit 1)
  kConfig,        // invalid configuration (exit 1 from cadencectl, 78 from cadenced)
  kUsage,         // wrong command-line usage (exit 2)
  kIo,            // file system failure (exit 3)
  kDatabase,      // database failure, busy, corrupt (exit 3)
  kNetwork,       // network / remote service failure (exit 3)
  kInternal,      // a bug (exit 3)
};

// Exit codes of the command-line contract (DESIGN.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitUserError = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRuntime = 3;
inline constexpr int kExitConfig = 78;  // EX_CONFIG, cadenced only

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Error invalid_input(std::string m) { return {ErrorCode::kInvalidInput, std::move(m)}; }
  static Error not_found(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Error conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
  static Error config(std::string m) { return {ErrorCode::kConfig, std::move(m)}; }
  static Error usage(std::string m) { return {ErrorCode::kUsage, std::move(m)}; }
  static Error io(std::string m) { return {ErrorCode::kIo, std::move(m)}; }
  static Error database(std::string m) { return {ErrorCode::kDatabase, std::move(m)}; }
  static Error network(std::string m) { return {ErrorCode::kNetwork, std::move(m)}; }
  static Error internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
  // Bad input in a named field ("at", "emails"): front ends put their own
  // spelling of it in front ("--at ...", "field 'at' ...").
  static Error invalid_field(std::string field, std::string m) {
    Error e(ErrorCode::kInvalidInput, std::move(m));
    e.field_ = std::move(field);
    return e;
  }

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input the error is about, when an action names one; else empty.
  const std::string& field() const { return field_; }

  // A copy with "context: " put in front of the message.
  Error with_context(const std::string& context) const {
    Error e(code_, context + ": " + message_);
    e.field_ = field_;
    return e;
  }

  // The cadencectl exit code for this error (see the constants above).
  int exit_code() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::string field_;
};

// A value or an error. Access to the wrong alternative is a bug (asserts).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status ok_status() { return {}; }

}  // namespace cadence
