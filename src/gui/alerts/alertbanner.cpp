// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace netlens {

AlertBanner::AlertBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel)
{
    setObjectName(QStringLiteral("alertBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#alertBanner { background: #fef3c7; border: 1px solid #f59e0b; }"
                                 "#alertBanner QLabel { color: #78350f; }"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 3, 3, 3);
    auto *icon = new QLabel;
    icon->setPixmap(QIcon(QStringLiteral(":/icons/severity-warning.svg")).pixmap(16, 16));
    layout->addWidget(icon);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_text, 1);
    auto *show = new QPushButton(tr("Show Alerts"));
    connect(show, &QPushButton::clicked, this, [this] {
        Q_EMIT showAlertsRequested();
        hide();
    });
    layout->addWidget(show);
    auto *close = new QToolButton;
    close->setText(QStringLiteral("×"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Hide"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    layout->addWidget(close);
    hide();
}

void AlertBanner::showAlert(const QString &text)
{
    if (isHidden()) {
        m_first = text;
        m_more = 0;
    } else {
        ++m_more;
    }
    m_text->setText(m_more ? tr("%1 (and %n more)", nullptr, m_more).arg(m_first) : m_first);
    show();
}

QString AlertBanner::text() const
{
    return m_text->text();
}

} // namespace netlens
