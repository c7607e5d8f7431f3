// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace netlens {

/// The alert panel's filter: rows whose text holds every word of the filter line, at or
/// above a severity.
class AlertFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertFilterProxy)

public:
    explicit AlertFilterProxy(QObject *parent = nullptr);
    void setText(const QString &text);
    /// int(netlens::Severity); rows below it are hidden.
    void setMinSeverity(int severity);
    QString text() const { return m_words.join(QLatin1Char(' ')); }
    int minSeverity() const { return m_minSeverity; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_words;
    int m_minSeverity = 0;
};

} // namespace netlens
