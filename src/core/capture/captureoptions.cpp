// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/captureoptions.h"

#include <charconv>

namespace netlens {

namespace {
bool splitOption(const std::string &text, std::string &key, std::uint64_t &value,
                 std::string &error, const char *flag)
{
    const auto colon = text.find(':');
    if (colon == std::string::npos) {
        error = std::string(flag) + " \"" + text + "\": expected KEY:VALUE";
        return false;
    }
    key = text.substr(0, colon);
    const std::string v = text.substr(colon + 1);
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
    if (ec != std::errc() || end != v.data() + v.size() || value == 0) {
        error = std::string(flag) + " \"" + text + "\": \"" + v + "\" is not a positive number";
        return false;
    }
    return true;
}
} // namespace

bool parseRingOption(const std::string &text, RingBufferSettings &ring, std::string &error)
{
    std::string key;
    std::uint64_t value = 0;
    if (!splitOption(text, key, value, error, "-b"))
        return false;
    if (key == "filesize")
        ring.fileSizeKB = value;
    else if (key == "duration")
        ring.durationS = static_cast<std::int64_t>(value);
    else if (key == "files")
        ring.files = static_cast<int>(value);
    else {
        error =
            "-b \"" + text + "\": unknown key \"" + key + "\" (use filesize, duration or files)";
        return false;
    }
    return true;
}

bool parseAutoStopOption(const std::string &text, AutoStopSettings &stop, std::string &error)
{
    std::string key;
    std::uint64_t value = 0;
    if (!splitOption(text, key, value, error, "-a"))
        return false;
    if (key == "packets")
        stop.packets = value;
    else if (key == "duration")
        stop.durationS = static_cast<std::int64_t>(value);
    else if (key == "filesize")
        stop.fileSizeKB = value;
    else {
        error =
            "-a \"" + text + "\": unknown key \"" + key + "\" (use packets, duration or filesize)";
        return false;
    }
    return true;
}

} // namespace netlens
