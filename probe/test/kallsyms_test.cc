#include "kallsyms.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "entry_symbol.h"

namespace probe {
namespace {

// Lines as this machine's /proc/kallsyms prints them (captured 6.18 kernel).
constexpr const char* kLines[] = {
    "ffffffff81337c00 T " SP_ENTRY "uretprobe\n",
    "ffffffff81392420 W " SP_ENTRY "map_shadow_stack\n",
    "ffffffff815958f0 T " SP_ENTRY "cachestat\n",
    "ffffffff81001000 t __do_sys_cachestat\n",
    "ffffffffc0a01000 t foo_sys_helper\t[some_module]\n",
    "ffffffff81234000 T " SP_ENTRY "read\n",
};

std::string whole_file() {
  std::string text;
  for (const char* line : kLines) text += line;
  return text;
}

const std::vector<std::string> kAsked{SP_ENTRY "uretprobe", SP_ENTRY "map_shadow_stack",
                                      SP_ENTRY "cachestat", SP_ENTRY "read",
                                      SP_ENTRY "syscall_probe"};

// What a scan over `pieces` found, name by name, in kAsked's order.
std::vector<bool> found(const std::vector<std::string>& asked,
                        const std::vector<std::string_view>& pieces) {
  SymbolScan scan(asked);
  for (const auto piece : pieces) {
    if (!scan.feed(piece)) break;
  }
  scan.finish();
  std::vector<bool> out;
  for (const auto& name : asked) out.push_back(scan.has(name));
  return out;
}

// `text` in pieces of `size` bytes.
std::vector<std::string_view> pieces_of(std::string_view text, std::size_t size) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0; at < text.size(); at += size) out.push_back(text.substr(at, size));
  return out;
}

TEST(Kallsyms, SymbolNamesPerArch) {
#if defined(__x86_64__)
  EXPECT_EQ(syscall_symbol("cachestat"), SP_ENTRY "cachestat");
#elif defined(__aarch64__)
  EXPECT_EQ(syscall_symbol("cachestat"), "__arm64_sys_cachestat");
#endif
}

// Another architecture's kernel (the host's, under an emulator) by its names.
TEST(Kallsyms, SymbolNamesOfAnotherArch) {
  EXPECT_EQ(syscall_symbol_prefix("x86_64"), "__x64_sys_");
  EXPECT_EQ(syscall_symbol_prefix("aarch64"), "__arm64_sys_");
  EXPECT_EQ(syscall_symbol_prefix("riscv64"), "sys_");
  EXPECT_EQ(syscall_symbol("cachestat", "__arm64_sys_"), "__arm64_sys_cachestat");
  EXPECT_EQ(syscall_symbol("cachestat"), std::string(syscall_symbol_prefix()) + "cachestat");
}

TEST(Kallsyms, ScansAnotherArchsNames) {
  // An x86_64 kernel's lines, looked at by a probe of either architecture.
  const std::string text =
      "ffffffff81234000 T __x64_sys_read\n"
      "ffffffff81392420 W __x64_sys_map_shadow_stack\n"
      "ffffffff81001000 T sys_cachestat\n"  // a kernel without syscall wrappers
      "ffffffff81002000 T __arm64_sys_mseal\n";
  const std::vector<std::string> asked{"__x64_sys_read", "__x64_sys_map_shadow_stack",
                                       "__x64_sys_cachestat", "__x64_sys_mseal"};
  SymbolScan scan(asked, "__x64_sys_");
  scan.feed(text);
  scan.finish();
  EXPECT_TRUE(scan.has("__x64_sys_read"));
  EXPECT_FALSE(scan.has("__x64_sys_map_shadow_stack"));  // the weak stub
  EXPECT_TRUE(scan.has("__x64_sys_cachestat"));          // through its sys_ alias
  EXPECT_FALSE(scan.has("__x64_sys_mseal"));             // another arch's name is not it
}

TEST(Kallsyms, FindsStrongSymbolsOnly) {
  SymbolScan scan({SP_ENTRY "cachestat", SP_ENTRY "map_shadow_stack", SP_ENTRY "syscall_probe"});
  EXPECT_TRUE(scan.feed(whole_file()));
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
  EXPECT_TRUE(scan.feed("ffffffff81000000 W sys_foo\n"));
  EXPECT_FALSE(scan.feed("ffffffff81000100 T " SP_ENTRY "foo\n"));
  EXPECT_TRUE(scan.has(SP_ENTRY "foo"));
}

TEST(Kallsyms, StopsOnceAllAreFound) {
  SymbolScan scan({SP_ENTRY "uretprobe", SP_ENTRY "uretprobe"});
  EXPECT_FALSE(scan.feed(whole_file()));  // at the first line, mid-piece
  EXPECT_TRUE(scan.done());
  EXPECT_TRUE(scan.has(SP_ENTRY "uretprobe"));
}

TEST(Kallsyms, AcceptsUnwrappedSysName) {
  SymbolScan scan({SP_ENTRY "foo"});
  scan.feed("ffffffff81000000 T sys_foo\n");
  EXPECT_TRUE(scan.has(SP_ENTRY "foo"));
  EXPECT_FALSE(scan.has("sys_foo"));  // not asked: only an alias
}

// The address is as wide as the machine's pointers (8 hex digits on 32-bit
// kernels), and all zeros for a reader the kernel hides addresses from.
TEST(Kallsyms, AnyAddressWidth) {
  SymbolScan scan({SP_ENTRY "a", SP_ENTRY "b", SP_ENTRY "c"});
  scan.feed("c1000000 T " SP_ENTRY "a\n0000000000000000 T " SP_ENTRY "b\n0 t " SP_ENTRY "c\n");
  EXPECT_TRUE(scan.done());
  EXPECT_TRUE(scan.has(SP_ENTRY "a") && scan.has(SP_ENTRY "b") && scan.has(SP_ENTRY "c"));
}

TEST(Kallsyms, IgnoresGarbage) {
  SymbolScan scan({SP_ENTRY "read"});
  EXPECT_TRUE(scan.feed("\nnonsense\n0 T\n0 T \n" SP_ENTRY "read\n T " SP_ENTRY "read0\n"));
  EXPECT_TRUE(
      scan.feed("0 D " SP_ENTRY "read\n0 T x" SP_ENTRY "read\n0 T " SP_ENTRY "read.cold\n"));
  scan.finish();
  EXPECT_FALSE(scan.has(SP_ENTRY "read"));
  EXPECT_FALSE(scan.has("never-asked"));
}

TEST(Kallsyms, ModuleSuffixIsNotPartOfTheName) {
  SymbolScan scan({SP_ENTRY "foo"});
  scan.feed("ffffffffc0a01000 t " SP_ENTRY "foo\t[some_module]\n");
  EXPECT_TRUE(scan.has(SP_ENTRY "foo"));
}

// --- Lines cut by the end of a read ------------------------------------------

TEST(Kallsyms, ALineCutAtEveryOffsetReadsAsWhole) {
  const std::string text = whole_file();
  const auto want = found(kAsked, {text});
  EXPECT_EQ(want, (std::vector<bool>{true, false, true, true, false}));
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    const std::string_view v = text;
    EXPECT_EQ(found(kAsked, {v.substr(0, cut), v.substr(cut)}), want) << "cut at " << cut;
  }
  for (std::size_t size = 1; size <= text.size(); ++size) {
    EXPECT_EQ(found(kAsked, pieces_of(text, size)), want) << "pieces of " << size;
  }
}

TEST(Kallsyms, TheLastLineNeedsNoNewline) {
  const std::string text =
      "ffffffff81234000 T " SP_ENTRY "read\nffffffff815958f0 T " SP_ENTRY "cachestat";
  SymbolScan scan({SP_ENTRY "cachestat"});
  EXPECT_TRUE(scan.feed(text));
  EXPECT_FALSE(scan.has(SP_ENTRY "cachestat"));  // not before the end is known
  scan.finish();
  EXPECT_TRUE(scan.has(SP_ENTRY "cachestat"));
  for (std::size_t size = 1; size <= text.size(); ++size) {
    EXPECT_EQ(found({SP_ENTRY "cachestat"}, pieces_of(text, size)), std::vector<bool>{true})
        << "pieces of " << size;
  }
}

// A line longer than kMaxLine is dropped whole, however the reads cut it:
// neither its start nor its tail (which here reads like a line of its own)
// counts, and the next line does.
TEST(Kallsyms, AGiantLineIsDroppedWhole) {
  const std::string start = "0 T " SP_ENTRY "a\t[";
  const std::string tail = "0 T " SP_ENTRY "b";
  const auto line_of = [&](std::size_t length) {
    // `length` bytes, the newline not counted.
    return start + std::string(length - start.size() - tail.size() - 1, 'x') + "]" + tail + "\n";
  };
  const std::vector<std::string> asked{SP_ENTRY "a", SP_ENTRY "b", SP_ENTRY "c"};
  const std::string next = "0 T " SP_ENTRY "c\n";
  const std::string longest = line_of(SymbolScan::kMaxLine) + next;
  const std::string giant = line_of(SymbolScan::kMaxLine + 1) + next;
  const std::string huge = line_of(SymbolScan::kMaxLine * 40) + next;
  for (const std::size_t size :
       {std::size_t{1}, std::size_t{7}, std::size_t{4095}, SymbolScan::kMaxLine,
        SymbolScan::kMaxLine + 1, std::size_t{128 * 1024}, huge.size()}) {
    EXPECT_EQ(found(asked, pieces_of(longest, size)), (std::vector<bool>{true, false, true}))
        << "pieces of " << size;
    EXPECT_EQ(found(asked, pieces_of(giant, size)), (std::vector<bool>{false, false, true}))
        << "pieces of " << size;
    EXPECT_EQ(found(asked, pieces_of(huge, size)), (std::vector<bool>{false, false, true}))
        << "pieces of " << size;
  }
}

// Whatever the bytes, the scan neither fails nor depends on where the reads
// cut them: random text made of kallsyms' own pieces, fed in random pieces,
// finds what it finds line by line.
TEST(Kallsyms, AnyTextInAnyPiecesMatchesLineByLine) {
  const std::vector<std::string> tokens{"ffffffff81000000",
                                        "0",
                                        " ",
                                        "T",
                                        "t",
                                        "W",
                                        "D",
                                        "\n",
                                        "\t",
                                        "[m]",
                                        "y",
                                        "s",
                                        "_",
                                        SP_ENTRY,
                                        "sys_",
                                        "read",
                                        "foo",
                                        "bar",
                                        ".",
                                        "x",
                                        "\n\n",
                                        " T " SP_ENTRY,
                                        " W sys_",
                                        "\r"};
  const std::vector<std::string> asked{SP_ENTRY "read", SP_ENTRY "foo", SP_ENTRY "bar"};
  std::mt19937 rng(12);  // fixed: a failure is reproducible
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = std::uniform_int_distribution<int>(0, 400)(rng);
    for (int i = 0; i < n; ++i) {
      text += tokens[std::uniform_int_distribution<std::size_t>(0, tokens.size() - 1)(rng)];
    }
    // The oracle: each line its own piece, newline included.
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at < text.size();) {
      const auto nl = text.find('\n', at);
      const std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
      lines.push_back(std::string_view(text).substr(at, end - at));
      at = end;
    }
    const auto want = found(asked, lines);
    std::vector<std::string_view> random;
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t size = std::uniform_int_distribution<std::size_t>(1, 64)(rng);
      random.push_back(std::string_view(text).substr(at, size));
      at += size;
    }
    ASSERT_EQ(found(asked, random), want) << "round " << round << ": " << text;
    ASSERT_EQ(found(asked, {text}), want) << "round " << round << ": " << text;
  }
}

}  // namespace
}  // namespace probe
