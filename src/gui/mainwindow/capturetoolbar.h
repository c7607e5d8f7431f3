// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QToolBar>
#include <string>

class QComboBox;
class QTimer;

namespace netlens {

class BpfLineEdit;

/**
 * Interface dropdown (with description, addresses and a live packets/s hint read from
 * /proc/net/dev), capture filter checked as you type, and Start / Stop / Restart.
 */
class CaptureToolbar final : public QToolBar {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureToolbar)

public:
    explicit CaptureToolbar(QWidget *parent = nullptr);

    /// Fills the dropdown; `preferred` is preselected if present, else the default interface.
    void reloadInterfaces(const QString &preferred);
    QString currentInterface() const;
    /// The interface reloadInterfaces() chose: `preferred` if listed, else the default one
    /// (up, not loopback); empty when there is neither, whatever the dropdown shows.
    QString chosenInterface() const { return m_default; }
    /// Selects `name` in the dropdown; false when it does not list it.
    bool selectInterface(const QString &name);
    QString captureFilter() const;
    bool filterIsValid() const;
    /// libpcap's message for a capture filter that is not valid.
    QString filterError() const;
    void setCapturing(bool capturing);
    void setCaptureFilter(const QString &filter);

    QAction *startAction() const { return m_start; }
    QAction *stopAction() const { return m_stop; }
    QAction *restartAction() const { return m_restart; }

private:
    void updateActivity();

    QComboBox *m_interfaces;
    BpfLineEdit *m_filter;
    QAction *m_start;
    QAction *m_stop;
    QAction *m_restart;
    QTimer *m_activityTimer;
    QHash<QString, quint64> m_lastPackets; ///< per interface, from /proc/net/dev
    QHash<QString, QString> m_baseLabels;
    QHash<QString, int> m_linkTypes; ///< per interface, from the helper's list (-1: unknown)
    /// netlens-capture: it lists the interfaces with their link types and checks the filter.
    std::string m_helper;
    int m_linkType = 1;
    QString m_default;
};

} // namespace netlens
