// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace netlens {

/**
 * The settings' Flow export page: live captures send their flows to an IPFIX collector
 * (nfdump's nfcapd, ntopng, ElastiFlow...) at host:port, with the export timeouts and the
 * observation domain. Off by default.
 */
class FlowExportPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowExportPage)

public:
    explicit FlowExportPage(const AppSettings &settings, QWidget *parent = nullptr);

    /// Writes the page's fields into `settings`.
    void apply(AppSettings &settings) const;
    /// False with a message naming the field when export is on and the collector is not a
    /// usable HOST:PORT.
    bool validate(QString &error) const;

    QCheckBox *enabledCheck() const { return m_enabled; }
    QLineEdit *collectorEdit() const { return m_collector; }

private:
    QCheckBox *m_enabled;
    QLineEdit *m_collector;
    QSpinBox *m_idle;
    QSpinBox *m_active;
    QSpinBox *m_domain;
};

} // namespace netlens
