// SPDX-License-Identifier: GPL-3.0-or-later
#include "bpflineedit.h"

#include "engine/bpffilter.h"
#include "engine/displayexpression.h"

#include <QKeyEvent>

namespace netlens {

BpfLineEdit::BpfLineEdit(QWidget *parent)
    : QLineEdit(parent)
{
    setClearButtonEnabled(true);
    connect(this, &QLineEdit::textChanged, this, &BpfLineEdit::validate);
    connect(this, &QLineEdit::returnPressed, this, [this] {
        if (m_valid)
            Q_EMIT applied(text().trimmed());
    });
}

void BpfLineEdit::setLinkType(int linkType)
{
    m_linkType = linkType;
    m_checked.clear();
    validate();
}

void BpfLineEdit::setCaptureCheck(std::function<bool(const std::string &, std::string &)> check)
{
    m_captureCheck = std::move(check);
    m_checked.clear();
    validate();
}

void BpfLineEdit::setDisplayFilterMode(bool on)
{
    m_displayMode = on;
    validate();
}

void BpfLineEdit::validate()
{
    const QString expr = text().trimmed();
    std::string error;
    if (!expr.isEmpty() && !m_displayMode && m_captureCheck) {
        auto it = m_checked.constFind(expr);
        if (it == m_checked.constEnd()) {
            const bool ok = m_captureCheck(expr.toStdString(), error);
            it = m_checked.insert(expr, ok ? QString() : QString::fromStdString(error));
        }
        m_valid = it->isEmpty();
        m_error = *it;
    } else {
        m_valid =
            expr.isEmpty() ||
            (m_displayMode ? DisplayExpression::validate(expr.toStdString(), m_linkType, error)
                           : BpfFilter::validate(expr.toStdString(), m_linkType, error));
        m_error = QString::fromStdString(error);
    }
    if (expr.isEmpty())
        setStyleSheet(QString());
    else if (m_valid)
        setStyleSheet(QStringLiteral("QLineEdit { background: #d8f5d0; color: black; }"));
    else
        setStyleSheet(QStringLiteral("QLineEdit { background: #f8d0d0; color: black; }"));
    setToolTip(m_valid ? QString() : m_error);
}

void BpfLineEdit::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        clear();
        Q_EMIT cleared();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

} // namespace netlens
