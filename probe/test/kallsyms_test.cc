#include "kallsyms.h"

#include <gtest/gtest.h>

#include "entry_symbol.h"

namespace probe {
namespace {

// Lines as this machine's /proc/kallsyms prints them (captured 6.18 kernel).
constexpr const char* kLines[] = {
    "ffffffff81337c00 T " SP_ENTRY "uretprobe",
    "ffffffff81392420 W " SP_ENTRY "map_shadow_stack",
    "ffffffff815958f0 T " SP_ENTRY "cachestat",
    "ffffffff81001000 t __do_sys_cachestat",
    "ffffffffc0a01000 t foo_sys_helper\t[some_module]",
    "ffffffff81234000 T " SP_ENTRY "read",
};

TEST(Kallsyms, SymbolNamesPerArch) {
#if defined(__x86_64__)
  EXPECT_EQ(syscall_symbol("cachestat"), SP_ENTRY "cachestat");
#elif defined(__aarch64__)
  EXPECT_EQ(syscall_symbol("cachestat"), "__arm64_sys_cachestat");
#endif
}

TEST(Kallsyms, FindsStrongSymbolsOnly) {
  SymbolScan scan({SP_ENTRY "cachestat", SP_ENTRY "map_shadow_stack", SP_ENTRY "syscall_probe"});
  for (const char* line : kLines) scan.feed(line);
  EXPECT_TRUE(scan.has(SP_ENTRY "cachestat"));
  // W: the ENOSYS stub COND_SYSCALL leaves when the call is configured out.
  EXPECT_FALSE(scan.has(SP_ENTRY "map_shadow_stack"));
  EXPECT_FALSE(scan.has(SP_ENTRY "syscall_probe"));
  EXPECT_FALSE(scan.done());
}

// A weak stub settles its name (absent), so a scan for names the kernel
// lists, strong or weak, ends at the last of them, not at the end of the file.
TEST(Kallsyms, AWeakStubSettlesItsNameAsAbsent) {
  SymbolScan scan({SP_ENTRY "map_shadow_stack", SP_ENTRY "cachestat"});
  EXPECT_TRUE(scan.feed(kLines[0]));
  EXPECT_TRUE(scan.feed(kLines[1]));   // W: settled, not found
  EXPECT_FALSE(scan.feed(kLines[2]));  // T: the last one; stop
  EXPECT_TRUE(scan.done());
  EXPECT_FALSE(scan.has(SP_ENTRY "map_shadow_stack"));
  EXPECT_TRUE(scan.has(SP_ENTRY "cachestat"));
}

TEST(Kallsyms, AWeakAliasDoesNotSettle) {
  SymbolScan scan({SP_ENTRY "foo"});
  EXPECT_TRUE(scan.feed("ffffffff81000000 W sys_foo"));
  EXPECT_FALSE(scan.feed("ffffffff81000100 T " SP_ENTRY "foo"));
  EXPECT_TRUE(scan.has(SP_ENTRY "foo"));
}

TEST(Kallsyms, StopsOnceAllAreFound) {
  SymbolScan scan({SP_ENTRY "uretprobe", SP_ENTRY "uretprobe"});
  EXPECT_FALSE(scan.feed(kLines[0]));
  EXPECT_TRUE(scan.done());
}

TEST(Kallsyms, AcceptsUnwrappedSysName) {
  SymbolScan scan({SP_ENTRY "foo"});
  scan.feed("ffffffff81000000 T sys_foo");
  EXPECT_TRUE(scan.has(SP_ENTRY "foo"));
}

TEST(Kallsyms, IgnoresGarbage) {
  SymbolScan scan({SP_ENTRY "read"});
  EXPECT_TRUE(scan.feed(""));
  EXPECT_TRUE(scan.feed("nonsense"));
  EXPECT_TRUE(scan.feed("0 T"));
  EXPECT_FALSE(scan.has(SP_ENTRY "read"));
  EXPECT_FALSE(scan.has("never-asked"));
}

}  // namespace
}  // namespace probe
