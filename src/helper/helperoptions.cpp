// SPDX-License-Identifier: GPL-3.0-or-later
#include "helperoptions.h"

#include <charconv>
#include <climits>
#include <fcntl.h>
#include <filesystem>
#include <set>

namespace netlens::helper {

namespace {

constexpr std::size_t kMaxFilterBytes = 4096;
constexpr std::size_t kMaxPathBytes = PATH_MAX - 1;

std::string inQuotes(const std::string &s)
{
    return "\"" + s + "\"";
}

/// A whole decimal number in [low, high]; no sign, no spaces, nothing after it.
bool parseNumber(const std::string &text, std::uint64_t low, std::uint64_t high,
                 std::uint64_t &value)
{
    if (text.empty() || text.front() < '0' || text.front() > '9')
        return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && value >= low && value <= high;
}

bool setNumber(const std::string &flag, const std::string &text, std::uint64_t low,
               std::uint64_t high, const char *what, std::uint64_t &value, std::string &error)
{
    if (parseNumber(text, low, high, value))
        return true;
    error = flag + " " + inQuotes(text) + ": " + what + " must be a whole number from " +
            std::to_string(low) + " to " + std::to_string(high);
    return false;
}

bool setPath(const std::string &flag, const std::string &text, std::string &out, std::string &error)
{
    if (text.empty() || text.size() > kMaxPathBytes) {
        error = flag + " " + inQuotes(text) + ": the path must have 1 to " +
                std::to_string(kMaxPathBytes) + " bytes";
        return false;
    }
    std::error_code ec;
    // Absolute: the `file` status lines name it so, and a later chdir cannot move it.
    const auto abs = std::filesystem::absolute(text, ec).lexically_normal();
    if (ec) {
        error = flag + " " + inQuotes(text) + ": " + ec.message();
        return false;
    }
    out = abs.string();
    return true;
}

} // namespace

bool validInterfaceName(const std::string &name)
{
    if (name.empty() || name.size() > 15 || name.front() == '-')
        return false;
    for (const char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == '@' ||
                        c == '-';
        if (!ok)
            return false;
    }
    return true;
}

bool parseHelperOptions(const std::vector<std::string> &args, HelperOptions &o, std::string &error)
{
    // Options that take a value; the rest are flags. -b and -a may be repeated.
    static const std::set<std::string> withValue = {
        "-i",        "-f", "-s", "-B", "-t",          "-w",
        "-o",        "-b", "-a", "-c", "--status-fd", "--check-filter",
        "--linktype"};
    static const std::set<std::string> flags = {"-p", "--immediate", "--version",
                                                "--list-interfaces"};
    std::set<std::string> seen;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &flag = args[i];
        const bool takesValue = withValue.count(flag) != 0;
        if (!takesValue && !flags.count(flag)) {
            error = flag.starts_with('-') ? "unknown option " + inQuotes(flag)
                                          : "unexpected argument " + inQuotes(flag);
            return false;
        }
        if (flag != "-b" && flag != "-a" && !seen.insert(flag).second) {
            error = flag + " is given twice";
            return false;
        }
        std::string value;
        if (takesValue) {
            if (i + 1 >= args.size()) {
                error = flag + " needs a value";
                return false;
            }
            value = args[++i];
            // An option where a value belongs ("-i -w"): never taken as the value.
            if (value.starts_with('-')) {
                error = flag + " " + inQuotes(value) + ": the value must not start with '-'";
                return false;
            }
        }
        std::uint64_t n = 0;
        if (flag == "--version") {
            o.mode = HelperOptions::Mode::Version;
        } else if (flag == "--list-interfaces") {
            o.mode = HelperOptions::Mode::ListInterfaces;
        } else if (flag == "--check-filter" || flag == "-f") {
            if (value.size() > kMaxFilterBytes) {
                error = flag + ": the filter has " + std::to_string(value.size()) +
                        " bytes, more than " + std::to_string(kMaxFilterBytes);
                return false;
            }
            if (flag == "--check-filter")
                o.mode = HelperOptions::Mode::CheckFilter;
            if (!o.filter.empty() || (seen.count("-f") && seen.count("--check-filter"))) {
                error = "-f and --check-filter cannot both be given";
                return false;
            }
            o.filter = value;
        } else if (flag == "--linktype") {
            if (!setNumber(flag, value, 0, 65535, "the link type (DLT)", n, error))
                return false;
            o.linkType = static_cast<int>(n);
        } else if (flag == "-i") {
            if (!validInterfaceName(value)) {
                error = "-i " + inQuotes(value) +
                        ": an interface name has 1 to 15 characters of A-Z a-z 0-9 . _ : @ -";
                return false;
            }
            o.interface = value;
        } else if (flag == "-s") {
            if (!setNumber(flag, value, 1, kMaxSnapLen, "the snap length", n, error))
                return false;
            o.snapLen = static_cast<int>(n);
        } else if (flag == "-B") {
            if (!setNumber(flag, value, 1, kMaxBufferMiB, "the buffer size in MiB", n, error))
                return false;
            o.bufferMiB = static_cast<int>(n);
        } else if (flag == "-t") {
            if (!setNumber(flag, value, 1, 1000, "the timeout in ms", n, error))
                return false;
            o.timeoutMs = static_cast<int>(n);
        } else if (flag == "-c") {
            if (!setNumber(flag, value, 1, UINT64_MAX, "the packet count", n, error))
                return false;
            o.count = n;
        } else if (flag == "--status-fd") {
            if (!setNumber(flag, value, 2, INT_MAX, "the descriptor", n, error))
                return false;
            if (::fcntl(static_cast<int>(n), F_GETFD) == -1) {
                error = flag + " " + inQuotes(value) + ": the descriptor is not open";
                return false;
            }
            o.statusFd = static_cast<int>(n);
        } else if (flag == "-p") {
            o.promiscuous = false;
        } else if (flag == "--immediate") {
            o.immediate = true;
        } else if (flag == "-w") {
            if (!setPath(flag, value, o.outputFile, error))
                return false;
        } else if (flag == "-o") {
            if (!setPath(flag, value, o.outputDir, error))
                return false;
        } else if (flag == "-b") {
            if (!parseRingOption(value, o.ring, error))
                return false;
        } else if (flag == "-a") {
            if (!parseAutoStopOption(value, o.autoStop, error))
                return false;
        }
    }

    // Which options go with which mode.
    const auto only = [&](const std::set<std::string> &allowed, const char *mode) {
        for (const auto &f : seen)
            if (!allowed.count(f)) {
                error = f + " cannot be used with " + mode;
                return false;
            }
        return true;
    };
    switch (o.mode) {
    case HelperOptions::Mode::Version: return only({"--version"}, "--version");
    case HelperOptions::Mode::ListInterfaces:
        return only({"--list-interfaces"}, "--list-interfaces");
    case HelperOptions::Mode::CheckFilter:
        if (!only({"--check-filter", "--linktype", "-i"}, "--check-filter"))
            return false;
        if (seen.count("--linktype") && seen.count("-i")) {
            error = "--linktype and -i cannot both be given";
            return false;
        }
        return true;
    case HelperOptions::Mode::Capture: break;
    }
    if (seen.count("--linktype")) {
        error = "--linktype only goes with --check-filter";
        return false;
    }
    if (o.interface.empty()) {
        error = args.empty() ? std::string("no arguments: -i IFACE is needed (see README.md)")
                             : std::string("-i IFACE is needed");
        return false;
    }
    if (o.records() && !o.outputFile.empty() && !o.outputDir.empty()) {
        error = "-w and -o cannot both be given";
        return false;
    }
    if ((o.ring.enabled() || o.ring.files) && !o.records()) {
        error = "-b needs a capture file: -w FILE or -o DIR";
        return false;
    }
    if (o.ring.files && !o.ring.enabled()) {
        error = "-b files:N needs -b filesize:KB or -b duration:S";
        return false;
    }
    return true;
}

} // namespace netlens::helper
