// SPDX-License-Identifier: GPL-3.0-or-later
#include "historypage.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace netlens {

namespace {
QSpinBox *spin(QWidget *parent, const char *name, int min, int max, int value,
               const QString &suffix)
{
    auto *s = new QSpinBox(parent);
    s->setObjectName(QLatin1String(name));
    s->setRange(min, max);
    s->setValue(std::clamp(value, min, max));
    s->setSuffix(suffix);
    return s;
}
} // namespace

HistoryPage::HistoryPage(const AppSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_enabled(new QCheckBox(tr("&Record the traffic history of live captures"), this))
    , m_minuteDays(
          spin(this, "historyMinuteDaysSpin", 1, 366, settings.historyMinuteDays, tr(" days")))
    , m_hourDays(spin(this, "historyHourDaysSpin", 1, 3660, settings.historyHourDays, tr(" days")))
    , m_dayDays(spin(this, "historyDayDaysSpin", 1, 36600, settings.historyDayDays, tr(" days")))
    , m_hosts(spin(this, "historyHostsSpin", 1, 100000, settings.historyHosts, QString()))
{
    setObjectName(QStringLiteral("historyPage"));
    m_enabled->setObjectName(QStringLiteral("historyEnabledCheck"));
    m_enabled->setChecked(settings.historyEnabled);
    m_hosts->setToolTip(tr("Each minute, hour and day keeps its busiest hosts by name; the rest "
                           "are added up as \"other\", so totals stay exact."));
    auto *form = new QFormLayout(this);
    form->addRow(m_enabled);
    form->addRow(tr("Keep &minutes for:"), m_minuteDays);
    form->addRow(tr("Keep &hours for:"), m_hourDays);
    form->addRow(tr("Keep &days for:"), m_dayDays);
    form->addRow(tr("Hosts kept &per period:"), m_hosts);
    auto *note = new QLabel(tr("Bytes and packets per protocol and per host, in and out, are "
                               "written every minute to netlens.db in the data folder. Opened "
                               "files are not recorded. Statistics → History shows them."),
                            this);
    note->setWordWrap(true);
    form->addRow(note);
    for (QSpinBox *s : {m_minuteDays, m_hourDays, m_dayDays, m_hosts})
        connect(m_enabled, &QCheckBox::toggled, s, &QWidget::setEnabled);
    for (QSpinBox *s : {m_minuteDays, m_hourDays, m_dayDays, m_hosts})
        s->setEnabled(settings.historyEnabled);
}

void HistoryPage::apply(AppSettings &settings) const
{
    settings.historyEnabled = m_enabled->isChecked();
    settings.historyMinuteDays = m_minuteDays->value();
    settings.historyHourDays = m_hourDays->value();
    settings.historyDayDays = m_dayDays->value();
    settings.historyHosts = m_hosts->value();
}

} // namespace netlens
