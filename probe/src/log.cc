#include "log.h"

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <array>
#include <memory>

namespace probe {

namespace {

constexpr std::array<std::pair<LogLevel, std::string_view>, 7> kNames{{
    {LogLevel::Trace, "trace"},
    {LogLevel::Debug, "debug"},
    {LogLevel::Info, "info"},
    {LogLevel::Warn, "warn"},
    {LogLevel::Error, "error"},
    {LogLevel::Critical, "critical"},
    {LogLevel::Off, "off"},
}};

spdlog::level::level_enum spdlog_level(LogLevel level) {
  switch (level) {
    case LogLevel::Trace: return spdlog::level::trace;
    case LogLevel::Debug: return spdlog::level::debug;
    case LogLevel::Info: return spdlog::level::info;
    case LogLevel::Warn: return spdlog::level::warn;
    case LogLevel::Error: return spdlog::level::err;
    case LogLevel::Critical: return spdlog::level::critical;
    case LogLevel::Off: return spdlog::level::off;
  }
  return spdlog::level::warn;
}

spdlog::logger& logger() {
  static spdlog::logger logger = [] {
    spdlog::logger l("syscall-probe", std::make_shared<spdlog::sinks::stderr_sink_st>());
    l.set_pattern("syscall-probe: %l: %v");
    l.set_level(spdlog::level::warn);
    return l;
  }();
  return logger;
}

}  // namespace

std::span<const std::pair<LogLevel, std::string_view>> log_level_names() {
  return kNames;
}

void set_log_level(LogLevel level) {
  logger().set_level(spdlog_level(level));
}

bool log_enabled(LogLevel level) {
  return logger().should_log(spdlog_level(level));
}

void log_write(LogLevel level, std::string_view message) {
  logger().log(spdlog_level(level), message);
}

}  // namespace probe
