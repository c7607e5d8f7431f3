// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace netlens {

/// A strip above the packet list telling of the latest alert, for desktops with neither a
/// notification service nor a tray; "Show alerts" opens the panel, × hides the strip.
class AlertBanner final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertBanner)

public:
    explicit AlertBanner(QWidget *parent = nullptr);
    /// Shows `text`; more while shown are counted ("and 2 more").
    void showAlert(const QString &text);
    QString text() const;

Q_SIGNALS:
    void showAlertsRequested();

private:
    QLabel *m_text;
    QString m_first;
    int m_more = 0;
};

} // namespace netlens
