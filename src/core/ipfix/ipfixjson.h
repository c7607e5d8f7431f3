// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <string>

namespace netlens {

class IpfixExporter;

/// The "ipfix" section of the JSON summary: where the export went and its counts.
QJsonObject ipfixJson(const IpfixExporter &exporter);
/// Every record the exporter kept (settings().keepRecords), as the collector should have
/// them: a JSON array as text. Written directly, not through QJsonArray: a flood's million
/// records took 31 s and 4 GB as QJsonObjects, and take about a second this way.
std::string ipfixFlowsJson(const IpfixExporter &exporter);

} // namespace netlens
