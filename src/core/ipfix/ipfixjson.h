// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

namespace netlens {

class IpfixExporter;

/// The "ipfix" section of the JSON summary: where the export went, its counts, and (when
/// the exporter kept them) every record exported, as the collector should have them.
QJsonObject ipfixJson(const IpfixExporter &exporter);

} // namespace netlens
