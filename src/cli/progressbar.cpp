// SPDX-License-Identifier: GPL-3.0-or-later
#include "progressbar.h"

#include <cstdio>
#include <unistd.h>

namespace netlens::cli {

ProgressBar::ProgressBar() : m_enabled(::isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar()
{
    finish();
}

void ProgressBar::update(std::uint64_t done, std::uint64_t total)
{
    if (!m_enabled || total == 0)
        return;
    const int permille = static_cast<int>(done * 1000 / total);
    if (permille == m_lastPermille)
        return;
    m_lastPermille = permille;
    constexpr int width = 40;
    const int filled = permille * width / 1000;
    char bar[width + 1];
    for (int i = 0; i < width; ++i)
        bar[i] = i < filled ? '#' : '.';
    bar[width] = 0;
    std::fprintf(stderr, "\r[%s] %5.1f%%", bar, permille / 10.0);
    std::fflush(stderr);
}

void ProgressBar::finish()
{
    if (m_enabled && m_lastPermille >= 0) {
        std::fprintf(stderr, "\r%*s\r", 52, "");
        std::fflush(stderr);
        m_lastPermille = -1;
    }
}

} // namespace netlens::cli
