#include "cadence/error.hpp"

namespace cadence {

int Error::exit_code() const {
  switch (code_) {
    case ErrorCode::kInvalidInput:
    case ErrorCode::kNotFound:
    case ErrorCode::kConflict:
    case ErrorCode::kConfig:
      return kExitUserError;
    case ErrorCode::kUsage:
      return kExitUsage;
    case ErrorCode::kIo:
    case ErrorCode::kDatabase:
    case ErrorCode::kNetwork:
    case ErrorCode::kInternal:
      return kExitRuntime;
  }
  return kExitRuntime;
}

}  // namespace cadence
