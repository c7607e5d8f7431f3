// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertfilterproxy.h"

#include "alertlistmodel.h"

namespace netlens {

AlertFilterProxy::AlertFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void AlertFilterProxy::setText(const QString &text)
{
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateRowsFilter();
}

void AlertFilterProxy::setMinSeverity(int severity)
{
    m_minSeverity = severity;
    invalidateRowsFilter();
}

bool AlertFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (i.data(AlertListModel::SeverityRole).toInt() < m_minSeverity)
        return false;
    const QString text = i.data(AlertListModel::FilterTextRole).toString();
    for (const QString &w : m_words)
        if (!text.contains(w, Qt::CaseInsensitive))
            return false;
    return true;
}

} // namespace netlens
