// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ipfix/ipfixsettings.h"

#include <QCommandLineOption>

class QCommandLineParser;

namespace netlens::cli {

/**
 * The IPFIX export options `analyze` and `capture` share: --ipfix HOST:PORT (UDP collector),
 * --ipfix-file PATH (RFC 5655 file), --ipfix-idle S, --ipfix-active S, --ipfix-domain N and
 * --ipfix-rate N.
 */
class IpfixOptions {
public:
    IpfixOptions();
    void addTo(QCommandLineParser &parser) const;
    /// Reads the options over the defaults; false with `error` naming the option on a bad
    /// value, or a timeout or domain given without --ipfix or --ipfix-file.
    bool read(const QCommandLineParser &parser, IpfixSettings &settings, QString &error) const;

private:
    QCommandLineOption m_collector;
    QCommandLineOption m_file;
    QCommandLineOption m_idle;
    QCommandLineOption m_active;
    QCommandLineOption m_domain;
    QCommandLineOption m_rate;
};

} // namespace netlens::cli
