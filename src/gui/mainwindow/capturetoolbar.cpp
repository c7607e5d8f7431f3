// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturetoolbar.h"

#include "bpflineedit.h"
#include "capture/helperprocess.h"
#include "capture/interfaces.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QLabel>
#include <QStyle>
#include <QTimer>

namespace netlens {

namespace {
/// Packets received plus sent per interface, from the kernel's counters: cheap, needs no
/// privilege, and works before any capture is open.
QHash<QString, quint64> readProcNetDev()
{
    QHash<QString, quint64> out;
    QFile f(QStringLiteral("/proc/net/dev"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 2; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QList<QByteArray> fields = line.mid(colon + 1).simplified().split(' ');
        if (fields.size() < 10)
            continue;
        out.insert(QString::fromLatin1(line.left(colon)),
                   fields[1].toULongLong() + fields[9].toULongLong());
    }
    return out;
}
} // namespace

CaptureToolbar::CaptureToolbar(QWidget *parent)
    : QToolBar(tr("Capture"), parent)
    , m_interfaces(new QComboBox(this))
    , m_filter(new BpfLineEdit(this))
    , m_activityTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("captureToolbar"));
    m_interfaces->setObjectName(QStringLiteral("interfaceCombo"));
    m_interfaces->setMinimumContentsLength(28);
    m_interfaces->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_interfaces->setToolTip(tr("Interface to capture on"));
    m_filter->setObjectName(QStringLiteral("captureFilter"));
    m_filter->setPlaceholderText(tr("Capture filter (BPF), e.g. tcp port 443"));
    m_filter->setMinimumWidth(260);
    addWidget(new QLabel(tr("Interface:"), this));
    addWidget(m_interfaces);
    addSeparator();
    addWidget(m_filter);
    addSeparator();
    m_start = addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Start"));
    m_start->setObjectName(QStringLiteral("startCapture"));
    m_start->setToolTip(tr("Start capturing on the selected interface"));
    m_stop = addAction(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"));
    m_stop->setObjectName(QStringLiteral("stopCapture"));
    m_restart = addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Restart"));
    m_restart->setObjectName(QStringLiteral("restartCapture"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setCapturing(false);
    connect(m_filter, &QLineEdit::textChanged, this,
            [this] { m_start->setEnabled(m_filter->isValid() && !m_stop->isEnabled()); });
    connect(m_activityTimer, &QTimer::timeout, this, &CaptureToolbar::updateActivity);
    // Capture filters compile per link type ("ether host" means nothing on a raw-IP tunnel):
    // the capture helper judges them as the capture will, on the chosen interface itself,
    // and lists each interface's own link type (it may open them; this process may not).
    m_helper = findCaptureHelper(QCoreApplication::applicationDirPath().toStdString());
    m_filter->setCaptureCheck([this](const std::string &expr, std::string &error) {
        return checkCaptureFilter(m_helper, expr, currentInterface().toStdString(), m_linkType,
                                  error);
    });
    connect(m_interfaces, &QComboBox::currentIndexChanged, this, [this] {
        const int dlt = m_linkTypes.value(currentInterface(), -1);
        m_linkType = dlt >= 0 ? dlt : 1;
        m_filter->setLinkType(m_linkType);
    });
    m_activityTimer->start(2000);
}

void CaptureToolbar::reloadInterfaces(const QString &preferred)
{
    std::string error;
    const auto list = listInterfaces(m_helper, error);
    const QString def = QString::fromStdString(defaultInterface(list));
    m_interfaces->clear();
    m_baseLabels.clear();
    m_linkTypes.clear();
    for (const auto &i : list) {
        const QString name = QString::fromStdString(i.name);
        QStringList parts;
        if (!i.description.empty())
            parts << QString::fromStdString(i.description);
        for (const auto &a : i.addresses)
            parts << QString::fromStdString(a);
        QString label = name;
        if (!parts.isEmpty())
            label += QStringLiteral(" — ") + parts.join(QStringLiteral(", "));
        if (!i.up)
            label += QLatin1Char(' ') + tr("(down)");
        m_baseLabels.insert(name, label);
        m_linkTypes.insert(name, i.linkType);
        m_interfaces->addItem(label, name);
    }
    const QString want =
        !preferred.isEmpty() && m_interfaces->findData(preferred) >= 0 ? preferred : def;
    const int idx = m_interfaces->findData(want);
    m_default = idx >= 0 ? want : QString();
    if (idx >= 0)
        m_interfaces->setCurrentIndex(idx);
    if (!error.empty())
        m_interfaces->setToolTip(QString::fromStdString(error));
    m_lastPackets = readProcNetDev();
}

void CaptureToolbar::updateActivity()
{
    const auto now = readProcNetDev();
    for (int i = 0; i < m_interfaces->count(); ++i) {
        const QString name = m_interfaces->itemData(i).toString();
        const quint64 before = m_lastPackets.value(name), after = now.value(name);
        const double rate = after >= before ? static_cast<double>(after - before) / 2.0 : 0.0;
        QString label = m_baseLabels.value(name, name);
        if (rate > 0)
            label += QStringLiteral("  ▲ ") + tr("%1 pkt/s").arg(rate, 0, 'f', 0);
        m_interfaces->setItemText(i, label);
    }
    m_lastPackets = now;
}

QString CaptureToolbar::currentInterface() const
{
    return m_interfaces->currentData().toString();
}

bool CaptureToolbar::selectInterface(const QString &name)
{
    const int idx = m_interfaces->findData(name);
    if (idx >= 0)
        m_interfaces->setCurrentIndex(idx);
    return idx >= 0;
}

QString CaptureToolbar::filterError() const
{
    return m_filter->errorText();
}

QString CaptureToolbar::captureFilter() const
{
    return m_filter->text().trimmed();
}

bool CaptureToolbar::filterIsValid() const
{
    return m_filter->isValid();
}

void CaptureToolbar::setCaptureFilter(const QString &filter)
{
    m_filter->setText(filter);
}

void CaptureToolbar::setCapturing(bool capturing)
{
    m_start->setEnabled(!capturing && m_filter->isValid());
    m_stop->setEnabled(capturing);
    m_restart->setEnabled(capturing);
    m_interfaces->setEnabled(!capturing);
    m_filter->setReadOnly(capturing);
}

} // namespace netlens
