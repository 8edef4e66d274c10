#include "sys_error.h"

#include <cstring>

namespace probe {

std::string SysError::message() const {
  return operation + ": " + std::strerror(err);
}

}  // namespace probe
