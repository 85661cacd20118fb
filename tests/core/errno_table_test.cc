#include "core/errno_table.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <optional>
#include <set>
#include <string_view>

namespace ftriage {
namespace {

struct NamedCode {
  int number;
  std::string_view name;
};

// include/uapi/asm-generic/errno-base.h and errno.h, written out
// independently of the table under test; 41 and 58 are unassigned.
constexpr NamedCode kGenericCodes[] = {
    {1, "EPERM"},
    {2, "ENOENT"},
    {3, "ESRCH"},
    {4, "EINTR"},
    {5, "EIO"},
    {6, "ENXIO"},
    {7, "E2BIG"},
    {8, "ENOEXEC"},
    {9, "EBADF"},
    {10, "ECHILD"},
    {11, "EAGAIN"},
    {12, "ENOMEM"},
    {13, "EACCES"},
    {14, "EFAULT"},
    {15, "ENOTBLK"},
    {16, "EBUSY"},
    {17, "EEXIST"},
    {18, "EXDEV"},
    {19, "ENODEV"},
    {20, "ENOTDIR"},
    {21, "EISDIR"},
    {22, "EINVAL"},
    {23, "ENFILE"},
    {24, "EMFILE"},
    {25, "ENOTTY"},
    {26, "ETXTBSY"},
    {27, "EFBIG"},
    {28, "ENOSPC"},
    {29, "ESPIPE"},
    {30, "EROFS"},
    {31, "EMLINK"},
    {32, "EPIPE"},
    {33, "EDOM"},
    {34, "ERANGE"},
    {35, "EDEADLK"},
    {36, "ENAMETOOLONG"},
    {37, "ENOLCK"},
    {38, "ENOSYS"},
    {39, "ENOTEMPTY"},
    {40, "ELOOP"},
    {42, "ENOMSG"},
    {43, "EIDRM"},
    {44, "ECHRNG"},
    {45, "EL2NSYNC"},
    {46, "EL3HLT"},
    {47, "EL3RST"},
    {48, "ELNRNG"},
    {49, "EUNATCH"},
    {50, "ENOCSI"},
    {51, "EL2HLT"},
    {52, "EBADE"},
    {53, "EBADR"},
    {54, "EXFULL"},
    {55, "ENOANO"},
    {56, "EBADRQC"},
    {57, "EBADSLT"},
    {59, "EBFONT"},
    {60, "ENOSTR"},
    {61, "ENODATA"},
    {62, "ETIME"},
    {63, "ENOSR"},
    {64, "ENONET"},
    {65, "ENOPKG"},
    {66, "EREMOTE"},
    {67, "ENOLINK"},
    {68, "EADV"},
    {69, "ESRMNT"},
    {70, "ECOMM"},
    {71, "EPROTO"},
    {72, "EMULTIHOP"},
    {73, "EDOTDOT"},
    {74, "EBADMSG"},
    {75, "EOVERFLOW"},
    {76, "ENOTUNIQ"},
    {77, "EBADFD"},
    {78, "EREMCHG"},
    {79, "ELIBACC"},
    {80, "ELIBBAD"},
    {81, "ELIBSCN"},
    {82, "ELIBMAX"},
    {83, "ELIBEXEC"},
    {84, "EILSEQ"},
    {85, "ERESTART"},
    {86, "ESTRPIPE"},
    {87, "EUSERS"},
    {88, "ENOTSOCK"},
    {89, "EDESTADDRREQ"},
    {90, "EMSGSIZE"},
    {91, "EPROTOTYPE"},
    {92, "ENOPROTOOPT"},
    {93, "EPROTONOSUPPORT"},
    {94, "ESOCKTNOSUPPORT"},
    {95, "EOPNOTSUPP"},
    {96, "EPFNOSUPPORT"},
    {97, "EAFNOSUPPORT"},
    {98, "EADDRINUSE"},
    {99, "EADDRNOTAVAIL"},
    {100, "ENETDOWN"},
    {101, "ENETUNREACH"},
    {102, "ENETRESET"},
    {103, "ECONNABORTED"},
    {104, "ECONNRESET"},
    {105, "ENOBUFS"},
    {106, "EISCONN"},
    {107, "ENOTCONN"},
    {108, "ESHUTDOWN"},
    {109, "ETOOMANYREFS"},
    {110, "ETIMEDOUT"},
    {111, "ECONNREFUSED"},
    {112, "EHOSTDOWN"},
    {113, "EHOSTUNREACH"},
    {114, "EALREADY"},
    {115, "EINPROGRESS"},
    {116, "ESTALE"},
    {117, "EUCLEAN"},
    {118, "ENOTNAM"},
    {119, "ENAVAIL"},
    {120, "EISNAM"},
    {121, "EREMOTEIO"},
    {122, "EDQUOT"},
    {123, "ENOMEDIUM"},
    {124, "EMEDIUMTYPE"},
    {125, "ECANCELED"},
    {126, "ENOKEY"},
    {127, "EKEYEXPIRED"},
    {128, "EKEYREVOKED"},
    {129, "EKEYREJECTED"},
    {130, "EOWNERDEAD"},
    {131, "ENOTRECOVERABLE"},
    {132, "ERFKILL"},
    {133, "EHWPOISON"},
};

// include/linux/errno.h (mainline); 520 is unassigned.
constexpr NamedCode kInternalCodes[] = {
    {512, "ERESTARTSYS"},
    {513, "ERESTARTNOINTR"},
    {514, "ERESTARTNOHAND"},
    {515, "ENOIOCTLCMD"},
    {516, "ERESTART_RESTARTBLOCK"},
    {517, "EPROBE_DEFER"},
    {518, "EOPENSTALE"},
    {519, "ENOPARAM"},
    {521, "EBADHANDLE"},
    {522, "ENOTSYNC"},
    {523, "EBADCOOKIE"},
    {524, "ENOTSUPP"},
    {525, "ETOOSMALL"},
    {526, "ESERVERFAULT"},
    {527, "EBADTYPE"},
    {528, "EJUKEBOX"},
    {529, "EIOCBQUEUED"},
    {530, "ERECALLCONFLICT"},
    {531, "ENOGRACE"},
};

TEST(ErrnoTableTest, GenericCodesHaveTheKernelNames) {
  for (const NamedCode& code : kGenericCodes) {
    SCOPED_TRACE(code.name);
    const std::optional<ErrnoInfo> info = LookupErrno(code.number);
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->number, code.number);
    EXPECT_EQ(info->name, code.name);
    EXPECT_FALSE(info->meaning.empty());
  }
}

TEST(ErrnoTableTest, KernelInternalCodesHaveTheirNames) {
  for (const NamedCode& code : kInternalCodes) {
    SCOPED_TRACE(code.name);
    const std::optional<ErrnoInfo> info = LookupErrno(code.number);
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->name, code.name);
    EXPECT_FALSE(info->meaning.empty());
  }
}

TEST(ErrnoTableTest, MeaningsAreTheFamiliarStrerrorTexts) {
  EXPECT_EQ(LookupErrno(28)->meaning, "No space left on device");
  EXPECT_EQ(LookupErrno(22)->meaning, "Invalid argument");
  EXPECT_EQ(LookupErrno(11)->meaning, "Resource temporarily unavailable");
  EXPECT_EQ(LookupErrno(1)->meaning, "Operation not permitted");
  EXPECT_EQ(LookupErrno(133)->meaning, "Memory page has hardware error");
  EXPECT_EQ(LookupErrno(517)->meaning, "Driver requests probe retry");
}

TEST(ErrnoTableTest, UnassignedNumbersHaveNoEntry) {
  for (int number : {0, 41, 58, 134, 511, 520, 532, 4095}) {
    EXPECT_FALSE(LookupErrno(number).has_value()) << number;
  }
}

TEST(ErrnoTableTest, NegativeNumbersHaveNoEntry) {
  EXPECT_FALSE(LookupErrno(-22).has_value());
}

TEST(ErrnoTableTest, EveryNameMapsBackToItsNumber) {
  std::set<std::string_view> seen;
  for (int number = 1; number <= 531; ++number) {
    const std::optional<ErrnoInfo> info = LookupErrno(number);
    if (!info) continue;
    EXPECT_TRUE(seen.insert(info->name).second) << info->name;
    const std::optional<ErrnoInfo> by_name = LookupErrnoName(info->name);
    ASSERT_TRUE(by_name.has_value()) << info->name;
    EXPECT_EQ(by_name->number, number);
  }
  EXPECT_EQ(seen.size(), std::size(kGenericCodes) + std::size(kInternalCodes));
}

TEST(ErrnoTableTest, NameLookupAcceptsLeadingMinus) {
  const std::optional<ErrnoInfo> info = LookupErrnoName("-EINVAL");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->number, 22);
  EXPECT_EQ(info->name, "EINVAL");
}

TEST(ErrnoTableTest, EwouldblockIsAnAliasOfEagain) {
  const std::optional<ErrnoInfo> info = LookupErrnoName("EWOULDBLOCK");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->number, 11);
  EXPECT_EQ(info->name, "EAGAIN");
  EXPECT_EQ(LookupErrnoName("-EWOULDBLOCK")->number, 11);
}

TEST(ErrnoTableTest, EdeadlockIsAnAliasOfEdeadlk) {
  const std::optional<ErrnoInfo> info = LookupErrnoName("EDEADLOCK");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->number, 35);
  EXPECT_EQ(info->name, "EDEADLK");
}

TEST(ErrnoTableTest, NumberLookupReportsCanonicalNameNotAlias) {
  EXPECT_EQ(LookupErrno(11)->name, "EAGAIN");
  EXPECT_EQ(LookupErrno(35)->name, "EDEADLK");
}

TEST(ErrnoTableTest, UnknownOrMalformedNamesAreRejected) {
  for (std::string_view name :
       {"", "-", "--EINVAL", "einval", "EINVAL ", " EINVAL", "EFOO", "22"}) {
    EXPECT_FALSE(LookupErrnoName(name).has_value()) << "'" << name << "'";
  }
}

TEST(ErrnoFromRetvalTest, SixtyFourBitNegativeErrorIsErrno) {
  EXPECT_EQ(ErrnoFromRetval(-22), 22);
  EXPECT_EQ(ErrnoFromRetval(-1), 1);
  EXPECT_EQ(ErrnoFromRetval(-4095), 4095);
  EXPECT_EQ(ErrnoFromRetval(-512), 512);
}

TEST(ErrnoFromRetvalTest, ThirtyTwoBitHexIsSignExtended) {
  EXPECT_EQ(ErrnoFromRetval(0xffffffea), 22);
  EXPECT_EQ(ErrnoFromRetval(0xffffffff), 1);
  EXPECT_EQ(ErrnoFromRetval(0xfffff001), 4095);
  EXPECT_EQ(ErrnoFromRetval(0xfffffe00), 512);
}

TEST(ErrnoFromRetvalTest, ValuesJustOutsideTheErrorRangesAreNotErrno) {
  EXPECT_EQ(ErrnoFromRetval(-4096), std::nullopt);
  EXPECT_EQ(ErrnoFromRetval(0xfffff000), std::nullopt);
  EXPECT_EQ(ErrnoFromRetval(int64_t{1} << 32), std::nullopt);
}

TEST(ErrnoFromRetvalTest, ZeroAndPositiveValuesAreNotErrno) {
  EXPECT_EQ(ErrnoFromRetval(0), std::nullopt);
  EXPECT_EQ(ErrnoFromRetval(1), std::nullopt);
  EXPECT_EQ(ErrnoFromRetval(22), std::nullopt);
  EXPECT_EQ(ErrnoFromRetval(INT64_MAX), std::nullopt);
}

TEST(ErrnoFromRetvalTest, KernelPointersAreNotErrno) {
  EXPECT_EQ(ErrnoFromRetval(static_cast<int64_t>(0xffff93fcfd346c00)),
            std::nullopt);
  EXPECT_EQ(ErrnoFromRetval(static_cast<int64_t>(0xffffffff80000000)),
            std::nullopt);
  EXPECT_EQ(ErrnoFromRetval(INT64_MIN), std::nullopt);
}

TEST(ErrnoFromRetvalTest, UnnamedErrorValueIsStillErrno) {
  EXPECT_EQ(ErrnoFromRetval(-600), 600);
  EXPECT_FALSE(LookupErrno(600).has_value());
}

TEST(ErrnoFromRetvalTest, SixtyFourBitPatternFromParserIsErrno) {
  EXPECT_EQ(ErrnoFromRetval(*ParseRetval("0xffffffffffffffea")), 22);
  EXPECT_EQ(ErrnoFromRetval(*ParseRetval("0xffffffea")), 22);
  EXPECT_EQ(ErrnoFromRetval(*ParseRetval("ffffffe4")), 28);
}

TEST(ParseRetvalTest, SignedDecimalIsParsed) {
  EXPECT_EQ(ParseRetval("-22"), -22);
  EXPECT_EQ(ParseRetval("0"), 0);
  EXPECT_EQ(ParseRetval("17"), 17);
  EXPECT_EQ(ParseRetval("-0"), 0);
  EXPECT_EQ(ParseRetval("-9223372036854775808"), INT64_MIN);
}

TEST(ParseRetvalTest, DigitsOnlyIsDecimalNotBareHex) {
  EXPECT_EQ(ParseRetval("22"), 22);
  EXPECT_EQ(ParseRetval("10"), 10);
}

TEST(ParseRetvalTest, PrefixedHexInEitherCaseIsParsed) {
  EXPECT_EQ(ParseRetval("0x0"), 0);
  EXPECT_EQ(ParseRetval("0x3"), 3);
  EXPECT_EQ(ParseRetval("0XFF"), 255);
  EXPECT_EQ(ParseRetval("0xAbC"), 0xabc);
  EXPECT_EQ(ParseRetval("0x10"), 16);
}

TEST(ParseRetvalTest, SixtyFourBitHexKeepsItsBitPattern) {
  EXPECT_EQ(ParseRetval("0xffffffffffffffea"), -22);
  EXPECT_EQ(ParseRetval("0xffff93fcfd346c00"),
            static_cast<int64_t>(0xffff93fcfd346c00));
}

TEST(ParseRetvalTest, ThirtyTwoBitHexIsNotSignExtended) {
  EXPECT_EQ(ParseRetval("0xffffffea"), 4294967274);
}

TEST(ParseRetvalTest, BareHexAsPrintedByBccIsHex) {
  EXPECT_EQ(ParseRetval("ffffffe4"), 4294967268);
  EXPECT_EQ(ParseRetval("12abc"), 0x12abc);
  EXPECT_EQ(ParseRetval("DEADBEEF"), 0xdeadbeef);
}

TEST(ParseRetvalTest, UnsignedDecimalUpToSixtyFourBitsKeepsItsBitPattern) {
  EXPECT_EQ(ParseRetval("18446744073709551594"), -22);
}

TEST(ParseRetvalTest, OverflowBeyondSixtyFourBitsIsRejected) {
  EXPECT_EQ(ParseRetval("0x1ffffffffffffffff"), std::nullopt);
  EXPECT_EQ(ParseRetval("1ffffffffffffffff"), std::nullopt);
  EXPECT_EQ(ParseRetval("18446744073709551616"), std::nullopt);
  EXPECT_EQ(ParseRetval("-9223372036854775809"), std::nullopt);
}

TEST(ParseRetvalTest, NonNumbersAreRejected) {
  for (std::string_view text :
       {"", "-", "0x", "0X", "-0x16", "-ffea", "+5", "12xyz", "0x12g", "0x-5",
        "0x0x5", " 5", "5 ", "-22)", "ret=0", "(trunc)"}) {
    EXPECT_EQ(ParseRetval(text), std::nullopt) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace ftriage
