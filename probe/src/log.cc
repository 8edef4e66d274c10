#include "log.h"

#include <spdlog/logger.h>
#include <spdlog/sinks/sink.h>

#include <array>
#include <cstdio>
#include <memory>
#include <string>

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

// The one sink: "syscall-probe: LEVEL: message" on stderr (LEVEL as spdlog
// names it: "warning", "error", ...), one fwrite and one fflush a line, as
// spdlog's stderr sink with that pattern wrote it. spdlog's own sinks format
// through its pattern formatter, every flag of which (dates, threads, source
// places) ends up in the static binary although this line needs none: ~44 KB
// (docs/benchmarks.md, "Binary size"). So the pattern is fixed here, and a
// pattern or formatter set on the sink is ignored.
class StderrSink final : public spdlog::sinks::sink {
 public:
  void log(const spdlog::details::log_msg& msg) override {
    const auto level = spdlog::level::to_string_view(msg.level);
    std::string line = "syscall-probe: ";
    line.append(level.data(), level.size());
    line += ": ";
    line.append(msg.payload.data(), msg.payload.size());
    line += '\n';
    // A diagnostic that stderr refuses has nowhere else to go.
    (void)std::fwrite(line.data(), 1, line.size(), stderr);
    (void)std::fflush(stderr);
  }
  void flush() override { (void)std::fflush(stderr); }
  void set_pattern(const std::string& /*pattern*/) override {}
  void set_formatter(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}
};

spdlog::logger& logger() {
  static spdlog::logger logger = [] {
    spdlog::logger l("syscall-probe", std::make_shared<StderrSink>());
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
