#include "kallsyms.h"

#include <gtest/gtest.h>

namespace probe {
namespace {

// Lines as this machine's /proc/kallsyms prints them (captured 6.18 kernel).
constexpr const char* kLines[] = {
    "ffffffff81337c00 T __x64_sys_uretprobe",
    "ffffffff81392420 W __x64_sys_map_shadow_stack",
    "ffffffff815958f0 T __x64_sys_cachestat",
    "ffffffff81001000 t __do_sys_cachestat",
    "ffffffffc0a01000 t foo_sys_helper\t[some_module]",
    "ffffffff81234000 T __x64_sys_read",
};

TEST(Kallsyms, SymbolNamesPerArch) {
#if defined(__x86_64__)
  EXPECT_EQ(syscall_symbol("cachestat"), "__x64_sys_cachestat");
#elif defined(__aarch64__)
  EXPECT_EQ(syscall_symbol("cachestat"), "__arm64_sys_cachestat");
#endif
}

TEST(Kallsyms, FindsStrongSymbolsOnly) {
  SymbolScan scan({"__x64_sys_cachestat", "__x64_sys_map_shadow_stack", "__x64_sys_syscall_probe"});
  for (const char* line : kLines) scan.feed(line);
  EXPECT_TRUE(scan.has("__x64_sys_cachestat"));
  // W: the ENOSYS stub COND_SYSCALL leaves when the call is configured out.
  EXPECT_FALSE(scan.has("__x64_sys_map_shadow_stack"));
  EXPECT_FALSE(scan.has("__x64_sys_syscall_probe"));
  EXPECT_FALSE(scan.done());
}

// A weak stub settles its name (absent), so a scan for names the kernel
// lists, strong or weak, ends at the last of them, not at the end of the file.
TEST(Kallsyms, AWeakStubSettlesItsNameAsAbsent) {
  SymbolScan scan({"__x64_sys_map_shadow_stack", "__x64_sys_cachestat"});
  EXPECT_TRUE(scan.feed(kLines[0]));
  EXPECT_TRUE(scan.feed(kLines[1]));   // W: settled, not found
  EXPECT_FALSE(scan.feed(kLines[2]));  // T: the last one; stop
  EXPECT_TRUE(scan.done());
  EXPECT_FALSE(scan.has("__x64_sys_map_shadow_stack"));
  EXPECT_TRUE(scan.has("__x64_sys_cachestat"));
}

TEST(Kallsyms, AWeakAliasDoesNotSettle) {
  SymbolScan scan({"__x64_sys_foo"});
  EXPECT_TRUE(scan.feed("ffffffff81000000 W sys_foo"));
  EXPECT_FALSE(scan.feed("ffffffff81000100 T __x64_sys_foo"));
  EXPECT_TRUE(scan.has("__x64_sys_foo"));
}

TEST(Kallsyms, StopsOnceAllAreFound) {
  SymbolScan scan({"__x64_sys_uretprobe", "__x64_sys_uretprobe"});
  EXPECT_FALSE(scan.feed(kLines[0]));
  EXPECT_TRUE(scan.done());
}

TEST(Kallsyms, AcceptsUnwrappedSysName) {
  SymbolScan scan({"__x64_sys_foo"});
  scan.feed("ffffffff81000000 T sys_foo");
  EXPECT_TRUE(scan.has("__x64_sys_foo"));
}

TEST(Kallsyms, IgnoresGarbage) {
  SymbolScan scan({"__x64_sys_read"});
  EXPECT_TRUE(scan.feed(""));
  EXPECT_TRUE(scan.feed("nonsense"));
  EXPECT_TRUE(scan.feed("0 T"));
  EXPECT_FALSE(scan.has("__x64_sys_read"));
  EXPECT_FALSE(scan.has("never-asked"));
}

}  // namespace
}  // namespace probe
