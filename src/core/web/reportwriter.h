// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace netlens {

class DashboardFeed;

/**
 * The dashboard page as one self-contained HTML file (File → Export Report, `visualize
 * --report`): the page's own HTML, CSS and JS, Chart.js, and the feed's data (the same JSON
 * the API serves) all inlined, so it opens offline from disk in any browser.
 */
class ReportWriter {
public:
    /// `language`: "en" or "zh-CN", the language the report opens in (it keeps the switch).
    /// `alertsIncluded`: false when no alert engine ran, so the page says so instead of "No
    /// alerts". Empty when a page file is missing from the resources (a build fault).
    static QByteArray build(const DashboardFeed &feed, const QString &language,
                            bool alertsIncluded = true);
    /// Writes it atomically; on failure false with a message naming the file.
    static bool write(const QString &path, const DashboardFeed &feed, const QString &language,
                      QString &error, bool alertsIncluded = true);
};

} // namespace netlens
