// SPDX-License-Identifier: GPL-3.0-or-later
#include "flowexportpage.h"

#include "ipfix/ipfixsettings.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace netlens {

FlowExportPage::FlowExportPage(const AppSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_enabled(new QCheckBox(tr("&Export the flows of live captures over IPFIX"), this))
    , m_collector(new QLineEdit(settings.ipfixCollector, this))
    , m_idle(new QSpinBox(this))
    , m_active(new QSpinBox(this))
    , m_domain(new QSpinBox(this))
{
    setObjectName(QStringLiteral("flowExportPage"));
    m_enabled->setObjectName(QStringLiteral("ipfixEnabledCheck"));
    m_enabled->setChecked(settings.ipfixEnabled);
    m_collector->setObjectName(QStringLiteral("ipfixCollectorEdit"));
    m_collector->setPlaceholderText(QStringLiteral("127.0.0.1:4739"));
    m_collector->setToolTip(tr("HOST:PORT of the collector, over UDP ([ADDRESS]:PORT for IPv6; "
                               "port 4739 if left out)."));
    m_idle->setObjectName(QStringLiteral("ipfixIdleSpin"));
    m_idle->setRange(1, 3600);
    m_idle->setSuffix(tr(" s"));
    m_idle->setValue(settings.ipfixIdleS);
    m_idle->setToolTip(tr("A flow with no packet for this long ends and is exported."));
    m_active->setObjectName(QStringLiteral("ipfixActiveSpin"));
    m_active->setRange(1, 86400);
    m_active->setSuffix(tr(" s"));
    m_active->setValue(settings.ipfixActiveS);
    m_active->setToolTip(tr("A flow still going after this long is exported, and goes on as a "
                            "new record."));
    m_domain->setObjectName(QStringLiteral("ipfixDomainSpin"));
    m_domain->setRange(0, 2147483647);
    m_domain->setValue(static_cast<int>(settings.ipfixDomain));
    m_domain->setToolTip(tr("Tells this monitor's flows from other exporters' at the "
                            "collector."));

    auto *form = new QFormLayout(this);
    form->addRow(m_enabled);
    form->addRow(tr("&Collector:"), m_collector);
    form->addRow(tr("&Idle timeout:"), m_idle);
    form->addRow(tr("&Active timeout:"), m_active);
    form->addRow(tr("Observation &domain:"), m_domain);
    auto *note = new QLabel(tr("Each flow goes as two records, one per direction, with its IP "
                               "bytes, packets, start and end, TCP flags and application "
                               "protocol. The export applies to the next capture."),
                            this);
    note->setWordWrap(true);
    form->addRow(note);
    const auto enable = [this](bool on) {
        for (QWidget *w : {static_cast<QWidget *>(m_collector), static_cast<QWidget *>(m_idle),
                           static_cast<QWidget *>(m_active), static_cast<QWidget *>(m_domain)})
            w->setEnabled(on);
    };
    connect(m_enabled, &QCheckBox::toggled, this, enable);
    enable(m_enabled->isChecked());
}

void FlowExportPage::apply(AppSettings &settings) const
{
    settings.ipfixEnabled = m_enabled->isChecked();
    settings.ipfixCollector = m_collector->text().trimmed();
    settings.ipfixIdleS = m_idle->value();
    settings.ipfixActiveS = m_active->value();
    settings.ipfixDomain = m_domain->value();
}

bool FlowExportPage::validate(QString &error) const
{
    if (!m_enabled->isChecked())
        return true;
    std::string host, why;
    std::uint16_t port = 0;
    if (!parseCollector(m_collector->text().trimmed().toStdString(), host, port, why)) {
        error = tr("Flow export collector: %1").arg(QString::fromStdString(why));
        return false;
    }
    return true;
}

} // namespace netlens
