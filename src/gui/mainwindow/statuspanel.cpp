// SPDX-License-Identifier: GPL-3.0-or-later
#include "statuspanel.h"

#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>

namespace netlens {

StatusPanel::StatusPanel(QStatusBar *bar)
    : QObject(bar)
    , m_counts(new QLabel(bar))
    , m_file(new QLabel(bar))
    , m_rate(new QLabel(bar))
    , m_drops(new QLabel(bar))
    , m_warnings(new QLabel(bar))
    , m_progressText(new QLabel(bar))
    , m_progress(new QProgressBar(bar))
    , m_cancel(new QToolButton(bar))
{
    m_counts->setObjectName(QStringLiteral("statusCounts"));
    m_drops->setObjectName(QStringLiteral("statusDrops"));
    m_warnings->setObjectName(QStringLiteral("statusWarnings"));
    m_warnings->setStyleSheet(QStringLiteral("color: #b36b00;"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(180);
    m_progress->setTextVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAutoRaise(true);
    bar->addWidget(m_counts);
    bar->addWidget(m_file, 1);
    bar->addPermanentWidget(m_progressText);
    bar->addPermanentWidget(m_progress);
    bar->addPermanentWidget(m_cancel);
    bar->addPermanentWidget(m_rate);
    bar->addPermanentWidget(m_drops);
    bar->addPermanentWidget(m_warnings);
    connect(m_cancel, &QToolButton::clicked, this, &StatusPanel::cancelRequested);
    hideProgress();
    setCounts(0, 0);
    setWarnings({});
}

void StatusPanel::setCounts(qint64 displayed, qint64 total)
{
    const QLocale loc;
    m_counts->setText(
        tr("Packets: %1 displayed / %2 total").arg(loc.toString(displayed), loc.toString(total)));
}

QString StatusPanel::countsText() const
{
    return m_counts->text();
}

void StatusPanel::setFile(const QString &path)
{
    m_file->setText(path.isEmpty() ? QString() : tr("File: %1").arg(QFileInfo(path).fileName()));
    m_file->setToolTip(path);
}

void StatusPanel::setRate(double pps, double bps)
{
    m_rate->setText(tr("%1 pkt/s, %2 Mbit/s").arg(pps, 0, 'f', 0).arg(bps * 8 / 1e6, 0, 'f', 2));
}

void StatusPanel::setDrops(quint64 kernel, quint64 interface)
{
    m_drops->setText(tr("Dropped: %1").arg(kernel + interface));
    m_drops->setToolTip(
        tr("Dropped by the kernel: %1, by the interface: %2").arg(kernel).arg(interface));
    m_drops->setStyleSheet(kernel + interface ? QStringLiteral("color: #c00000; font-weight: bold;")
                                              : QString());
}

void StatusPanel::clearLive()
{
    m_rate->clear();
    m_drops->clear();
}

void StatusPanel::setWarnings(const QStringList &warnings)
{
    m_warnings->setText(tr("⚠ Warnings: %1").arg(warnings.size()));
    m_warnings->setToolTip(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());
}

void StatusPanel::showProgress(const QString &text, int permille)
{
    m_progressText->setText(text);
    m_progressText->show();
    m_progress->setValue(permille);
    m_progress->show();
    m_cancel->show();
}

void StatusPanel::hideProgress()
{
    m_progressText->hide();
    m_progress->hide();
    m_cancel->hide();
}

} // namespace netlens
