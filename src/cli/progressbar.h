// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace netlens::cli {

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
class ProgressBar {
public:
    ProgressBar();
    ~ProgressBar();
    void update(std::uint64_t done, std::uint64_t total);
    void finish();

private:
    bool m_enabled;
    int m_lastPermille = -1;
};

} // namespace netlens::cli
