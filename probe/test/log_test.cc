// The log on stderr: one line "syscall-probe: LEVEL: message" a call, with
// spdlog's names of the levels ("warning", not "warn"), and nothing below the
// level set.
#include "log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace probe {
namespace {

// What `write_some` wrote on fd 2 (stderr), through a temporary file.
template <typename F>
std::string stderr_of(F write_some) {
  std::fflush(stderr);
  std::FILE* file = std::tmpfile();
  if (file == nullptr) return "tmpfile failed";
  const int saved = dup(2);
  if (saved < 0 || dup2(fileno(file), 2) < 0) return "dup failed";
  write_some();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  std::string text;
  std::rewind(file);
  for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file)) text += static_cast<char>(c);
  std::fclose(file);
  return text;
}

// The probe's default level again for the tests that follow in the process.
struct LevelGuard {
  LevelGuard() = default;
  LevelGuard(const LevelGuard&) = delete;
  LevelGuard& operator=(const LevelGuard&) = delete;
  ~LevelGuard() { set_log_level(LogLevel::Warn); }
};

TEST(Log, OneLineAMessageWithTheLevelsName) {
  const LevelGuard guard;
  set_log_level(LogLevel::Trace);
  EXPECT_EQ(stderr_of([] {
              log(LogLevel::Trace, "t");
              log(LogLevel::Debug, "btf: ", 3, " type records");
              log(LogLevel::Info, "i");
              log(LogLevel::Warn, "w");
              log(LogLevel::Error, "e");
              log(LogLevel::Critical, "c");
            }),
            "syscall-probe: trace: t\n"
            "syscall-probe: debug: btf: 3 type records\n"
            "syscall-probe: info: i\n"
            "syscall-probe: warning: w\n"
            "syscall-probe: error: e\n"
            "syscall-probe: critical: c\n");
}

TEST(Log, NothingBelowTheLevel) {
  const LevelGuard guard;
  set_log_level(LogLevel::Error);
  EXPECT_FALSE(log_enabled(LogLevel::Warn));
  EXPECT_TRUE(log_enabled(LogLevel::Error));
  EXPECT_EQ(stderr_of([] {
              log(LogLevel::Warn, "hidden");
              log(LogLevel::Error, "shown");
            }),
            "syscall-probe: error: shown\n");
  set_log_level(LogLevel::Off);
  EXPECT_EQ(stderr_of([] { log(LogLevel::Critical, "hidden"); }), "");
}

}  // namespace
}  // namespace probe
