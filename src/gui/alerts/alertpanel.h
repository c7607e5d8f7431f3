// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/alerthub.h"

#include <QDockWidget>
#include <QPointer>

class QAction;
class QComboBox;
class QLineEdit;
class QTableView;

namespace netlens {

class AlertFilterProxy;
class AlertListModel;
class CaptureSession;

/**
 * The alerts dock: the session's alerts and the history, newest first, with their delivery
 * state per channel; acknowledge, clear, a filter (words and severity), "Show packets" (the
 * alert's display filter, time range included, into the packet table) and a CSV export of
 * the rows shown. The title counts the unacknowledged alerts.
 *
 * It only shows: the AlertHub (history, delivery) is the window's, which feeds setRecords()
 * and hears acknowledged() / cleared().
 */
class AlertPanel final : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertPanel)

public:
    explicit AlertPanel(QWidget *parent = nullptr);
    ~AlertPanel() override;

    /// Follows `session`'s alerts (null: none); rows already shown stay.
    void setSession(CaptureSession *session);
    /// Alerts from the engine (new, updated or released, by uid).
    void addAlerts(const QList<Alert> &alerts);
    /// The history, newest first, replacing what is shown.
    void setRecords(const QList<AlertRecord> &records);
    void updateRecord(const AlertRecord &record);
    void setDelivery(const QString &uid, Channel channel, DeliveryStatus status,
                     const QString &message);

    /// Acknowledges the selected rows / every row.
    void acknowledgeSelected();
    void acknowledgeAll();
    void clearAlerts();
    /// Asks for the selected (else the current) row's packets: showPacketsRequested().
    void showPackets();
    /// Writes the rows the filter shows as CSV; false with a message naming the file.
    bool exportCsv(const QString &path, QString &error) const;
    int unacknowledgedCount() const;

    AlertListModel *model() const { return m_model; }
    AlertFilterProxy *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QComboBox *severityCombo() const { return m_severityCombo; }
    QAction *showPacketsAction() const { return m_showPackets; }

Q_SIGNALS:
    /// "Show packets": the display filter to apply (BPF plus a time range).
    void showPacketsRequested(const QString &displayFilter);
    /// Rows the user acknowledged, as they are now (records with an id are in the history).
    void acknowledged(const QList<netlens::AlertRecord> &records);
    void cleared();
    /// "Reload history" was chosen.
    void historyRequested();
    void unacknowledgedCountChanged(int count);

private:
    void updateTitle();
    void chooseCsvExport();
    QList<int> selectedSourceRows() const;

    AlertListModel *m_model;
    AlertFilterProxy *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filterEdit;
    QComboBox *m_severityCombo;
    QAction *m_ack;
    QAction *m_ackAll;
    QAction *m_clear;
    QAction *m_showPackets;
    QAction *m_export;
    QAction *m_history;
    QPointer<CaptureSession> m_session;
    QMetaObject::Connection m_alertsConnection;
};

} // namespace netlens
