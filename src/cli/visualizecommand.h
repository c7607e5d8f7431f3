// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace netlens::cli {

/// `netlens-cli visualize FILE... [--from-csv PATH] [--out DIR] [--format png|svg] [--size WxH]
/// [--top N] [--report FILE.html [--lang en|zh-CN] [--alerts [--rules PATH]]]`: renders
/// protocol_distribution, traffic_over_time and top_talkers headless, with the window's own
/// chart classes, plus charts.json with the numbers each chart draws; --report writes the web
/// dashboard with the data inlined (ReportWriter). One of --out and --report is needed.
/// Exit status as for analyze: 0 fine, 1 a file was cut short, 2 an error.
int runVisualize(const QStringList &arguments);

} // namespace netlens::cli
