// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/displayexpression.h"

#include "decode/transport.h"
#include "engine/bpffilter.h"
#include "engine/engine.h"
#include "export/summary.h"
#include "store/packetrecord.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace netlens {

namespace {
std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

bool equalsIgnoreCase(std::string_view a, const std::string &lowered)
{
    if (a.size() != lowered.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != lowered[i])
            return false;
    return true;
}

/// Splits at "and" / "&&" that stand outside parentheses and quotes.
std::vector<std::string> splitAnd(const std::string &text)
{
    std::vector<std::string> parts;
    std::string current;
    int depth = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"')
            quoted = !quoted;
        if (!quoted) {
            if (c == '(')
                ++depth;
            else if (c == ')')
                --depth;
            if (depth == 0) {
                const bool spaceBefore =
                    i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1]));
                const auto endsWord = [&](std::size_t n) {
                    return i + n >= text.size() ||
                           std::isspace(static_cast<unsigned char>(text[i + n]));
                };
                if (spaceBefore && text.compare(i, 2, "&&") == 0 && endsWord(2)) {
                    parts.push_back(current);
                    current.clear();
                    ++i;
                    continue;
                }
                if (spaceBefore && i + 3 <= text.size() && lower(text.substr(i, 3)) == "and" &&
                    endsWord(3)) {
                    parts.push_back(current);
                    current.clear();
                    i += 2;
                    continue;
                }
            }
        }
        current += c;
    }
    parts.push_back(current);
    return parts;
}

/// True when `part` has an "or" / "||" outside parentheses.
bool hasTopLevelOr(const std::string &part)
{
    int depth = 0;
    for (std::size_t i = 0; i < part.size(); ++i) {
        const char c = part[i];
        if (c == '(')
            ++depth;
        else if (c == ')')
            --depth;
        else if (depth == 0 && (i == 0 || std::isspace(static_cast<unsigned char>(part[i - 1])))) {
            const bool after2 =
                i + 2 >= part.size() || std::isspace(static_cast<unsigned char>(part[i + 2]));
            if (after2 && (part.compare(i, 2, "||") == 0 || lower(part.substr(i, 2)) == "or"))
                return true;
        }
    }
    return false;
}

std::string unquote(std::string s)
{
    s = trim(s);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = s.substr(1, s.size() - 2);
    return s;
}
} // namespace

bool parseSecondsNs(const std::string &input, std::int64_t &ns)
{
    const std::string text = trim(input);
    std::size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    if (negative)
        ++i;
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i])))
        return false;
    __extension__ typedef __int128 I128;
    I128 whole = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
        whole = whole * 10 + (text[i] - '0');
        if (whole > I128(std::numeric_limits<std::int64_t>::max()) / 1000000000 + 1)
            return false;
    }
    I128 frac = 0;
    int digits = 0;
    if (i < text.size() && text[i] == '.') {
        for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
            if (digits < 9) {
                frac = frac * 10 + (text[i] - '0');
                ++digits;
            } else if (text[i] != '0') {
                return false; // finer than a nanosecond
            }
    }
    if (i != text.size())
        return false;
    for (; digits < 9; ++digits)
        frac *= 10;
    I128 v = whole * 1000000000 + frac;
    if (negative)
        v = -v;
    if (v > std::numeric_limits<std::int64_t>::max() ||
        v < std::numeric_limits<std::int64_t>::min())
        return false;
    ns = static_cast<std::int64_t>(v);
    return true;
}

std::optional<DisplayExpression> DisplayExpression::parse(const std::string &text,
                                                          std::string &error)
{
    DisplayExpression e;
    std::vector<std::string> bpf;
    for (const std::string &raw : splitAnd(text)) {
        const std::string part = trim(raw);
        const auto space = part.find_first_of(" \t");
        const std::string word = lower(part.substr(0, space));
        const std::string rest =
            space == std::string::npos ? std::string() : trim(part.substr(space));
        if (word == "protocol" || word == "transport") {
            const std::string name = lower(unquote(rest));
            if (name.empty()) {
                error = "\"" + word + "\" needs a protocol name, e.g. \"" + word + " DNS\"";
                return std::nullopt;
            }
            (word == "protocol" ? e.m_protocols : e.m_transports).push_back(name);
        } else if (word == "time") {
            const auto dash = rest.find('-', 1); // a leading '-' is a negative FROM
            std::int64_t from = 0, to = 0;
            if (dash == std::string::npos || !parseSecondsNs(rest.substr(0, dash), from) ||
                !parseSecondsNs(rest.substr(dash + 1), to) || to < from) {
                error = "\"time " + rest +
                        "\": expected FROM-TO in seconds since the epoch, e.g. "
                        "\"time 1300475168.5-1300475169\"";
                return std::nullopt;
            }
            if (e.m_hasTime) { // two spans: their intersection
                from = std::max(from, e.m_fromNs);
                to = std::max(from, std::min(to, e.m_toNs));
            }
            e.m_hasTime = true;
            e.m_fromNs = from;
            e.m_toNs = to;
        } else if (!part.empty()) {
            bpf.push_back(part);
        } else if (!trim(text).empty()) {
            error = "\"and\" needs an expression on both sides";
            return std::nullopt;
        }
    }
    if (!e.hasTerms()) {
        // Plain BPF goes to libpcap as typed: its "and" and "or" bind equally, left to right,
        // so splitting it here could change its meaning.
        e.m_bpf = trim(text);
        return e;
    }
    for (const std::string &b : bpf)
        if (hasTopLevelOr(b)) {
            error = "\"" + b +
                    "\": put parentheses around BPF with \"or\" when it is joined to "
                    "protocol, transport or time terms";
            return std::nullopt;
        }
    for (std::size_t i = 0; i < bpf.size(); ++i)
        e.m_bpf += (i ? " and (" : "(") + bpf[i] + ")";
    return e;
}

bool DisplayExpression::validate(const std::string &text, int linkType, std::string &error)
{
    const auto e = parse(text, error);
    if (!e)
        return false;
    return e->bpf().empty() || BpfFilter::validate(e->bpf(), linkType, error);
}

bool DisplayExpression::matchesTerms(const Engine &engine, const PacketRecord &r) const
{
    if (m_hasTime && (r.tsNs < m_fromNs || r.tsNs >= m_toNs))
        return false;
    for (const std::string &t : m_transports)
        if (!equalsIgnoreCase(transportName(r.transport), t))
            return false;
    for (const std::string &p : m_protocols)
        if (!equalsIgnoreCase(engine.protocolName(r), p))
            return false;
    return true;
}

std::string DisplayExpression::protocolTerm(const std::string &name)
{
    return "protocol " + (name.find(' ') != std::string::npos ? "\"" + name + "\"" : name);
}

std::string DisplayExpression::transportTerm(const std::string &name)
{
    return "transport " + name;
}

std::string DisplayExpression::timeTerm(std::int64_t fromNs, std::int64_t toNs)
{
    return "time " + exactSeconds(fromNs) + "-" + exactSeconds(toNs);
}

} // namespace netlens
