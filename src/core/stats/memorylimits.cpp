// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/memorylimits.h"

#include <charconv>

namespace netlens {

namespace {
bool parseWhole(const std::string &text, std::uint64_t max, std::uint64_t &out)
{
    if (text.empty() || text.size() > 20)
        return false;
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v > max)
        return false;
    out = v;
    return true;
}
} // namespace

bool parseCap(const std::string &text, const char *field, std::uint64_t &out, std::string &error)
{
    constexpr std::uint64_t kMax = 4000000000ull;
    if (!parseWhole(text, kMax, out)) {
        error = std::string(field) + ": '" + text +
                "' is not a whole number from 0 (no limit) to 4000000000";
        return false;
    }
    return true;
}

bool parseTimeout(const std::string &text, const char *field, std::int64_t &outNs,
                  std::string &error)
{
    constexpr std::uint64_t kYear = 366ull * 24 * 3600;
    std::uint64_t s = 0;
    if (!parseWhole(text, kYear, s)) {
        error = std::string(field) + ": '" + text +
                "' is not a whole number of seconds from 0 (never) to 31622400";
        return false;
    }
    outNs = static_cast<std::int64_t>(s) * MemoryLimits::kSecondNs;
    return true;
}

} // namespace netlens
