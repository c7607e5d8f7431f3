// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"

#include <QWidget>

class QCheckBox;
class QSpinBox;

namespace netlens {

/**
 * The settings' History page: whether live captures record the traffic history
 * (dataDir/netlens.db, Statistics → History) and how long each resolution is kept, with the
 * number of hosts kept by name per period (the rest are summed as "other"; this bounds the
 * file).
 */
class HistoryPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPage)

public:
    explicit HistoryPage(const AppSettings &settings, QWidget *parent = nullptr);

    /// Writes the page's fields into `settings`.
    void apply(AppSettings &settings) const;

    QCheckBox *enabledCheck() const { return m_enabled; }
    QSpinBox *minuteDaysSpin() const { return m_minuteDays; }
    QSpinBox *hourDaysSpin() const { return m_hourDays; }
    QSpinBox *dayDaysSpin() const { return m_dayDays; }
    QSpinBox *hostsSpin() const { return m_hosts; }

private:
    QCheckBox *m_enabled;
    QSpinBox *m_minuteDays;
    QSpinBox *m_hourDays;
    QSpinBox *m_dayDays;
    QSpinBox *m_hosts;
};

} // namespace netlens
