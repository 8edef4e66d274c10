// compare's input bounds against the real file system of this machine (suite
// name contains Kernel: label kernel): directories and devices are skipped
// without being read, an input over the limit is refused, pipes are read.
#include "compare/io.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace probe::compare {
namespace {

namespace fs = std::filesystem;

class CompareIoKernel : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "compare-io-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }
  fs::path dir_;
};

TEST_F(CompareIoKernel, RegularFileIsReadWhole) {
  const Input in = read_input(write("a.json", "{\"x\": 1}\n").string());
  EXPECT_EQ(in.status, Input::Status::Read);
  EXPECT_EQ(in.text, "{\"x\": 1}\n");
}

TEST_F(CompareIoKernel, DirectoryIsSkippedNotAnError) {
  const Input in = read_input(dir_.string());
  EXPECT_EQ(in.status, Input::Status::Skipped);
  EXPECT_EQ(in.message, "is a directory, not a report file");
}

TEST_F(CompareIoKernel, DevZeroIsSkippedWithoutReading) {
  const Input in = read_input("/dev/zero");
  EXPECT_EQ(in.status, Input::Status::Skipped);
  EXPECT_EQ(in.message, "is a character device, not a report file");
  EXPECT_TRUE(in.text.empty());
}

TEST_F(CompareIoKernel, MissingFileSaysSo) {
  const Input in = read_input((dir_ / "absent.json").string());
  EXPECT_EQ(in.status, Input::Status::Skipped);
  EXPECT_EQ(in.message, "cannot read: No such file or directory");
}

TEST_F(CompareIoKernel, FileOverTheLimitIsRefusedBeforeReading) {
  const fs::path p = write("big.json", std::string(1001, ' '));
  EXPECT_EQ(read_input(p.string(), 1001).status, Input::Status::Read);
  const Input in = read_input(p.string(), 1000);
  EXPECT_EQ(in.status, Input::Status::TooLarge);
  EXPECT_NE(in.message.find("1000 bytes"), std::string::npos) << in.message;
  EXPECT_EQ(in.message.find('\n'), std::string::npos);
}

TEST_F(CompareIoKernel, FifoIsReadAndBoundedAsItStreams) {
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // A writer that would go on for 256 KiB: the reader stops at the limit and
  // closes; the writer then gets EPIPE (SIGPIPE ignored) and ends.
  const auto old = std::signal(SIGPIPE, SIG_IGN);
  std::thread writer([&fifo] {
    std::ofstream out(fifo, std::ios::binary);
    const std::string chunk(4096, 'x');
    for (int i = 0; i < 64 && out; ++i) out << chunk;
  });
  const Input in = read_input(fifo.string(), 10000);
  EXPECT_EQ(in.status, Input::Status::TooLarge);
  writer.join();
  std::signal(SIGPIPE, old);
}

TEST_F(CompareIoKernel, WriteAtomicallyLeavesNoTemporaryFile) {
  const fs::path out = dir_ / "t.txt";
  EXPECT_EQ(write_atomically(out.string(), "table\n"), "");
  std::ifstream in(out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "table");
  const std::string error = write_atomically((dir_ / "no" / "x.txt").string(), "t");
  EXPECT_NE(error.find("cannot create"), std::string::npos) << error;
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1);
}

}  // namespace
}  // namespace probe::compare
