#include "log.h"

#include <spdlog/sinks/stdout_sinks.h>

#include <array>
#include <memory>

namespace probe {

spdlog::logger& log() {
  static spdlog::logger logger = [] {
    spdlog::logger l("syscall-probe", std::make_shared<spdlog::sinks::stderr_sink_st>());
    l.set_pattern("syscall-probe: %l: %v");
    l.set_level(spdlog::level::warn);
    return l;
  }();
  return logger;
}

bool set_log_level(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, spdlog::level::level_enum>, 7> kLevels{{
      {"trace", spdlog::level::trace},
      {"debug", spdlog::level::debug},
      {"info", spdlog::level::info},
      {"warn", spdlog::level::warn},
      {"error", spdlog::level::err},
      {"critical", spdlog::level::critical},
      {"off", spdlog::level::off},
  }};
  for (const auto& [text, level] : kLevels) {
    if (text == name) {
      log().set_level(level);
      return true;
    }
  }
  return false;
}

}  // namespace probe
