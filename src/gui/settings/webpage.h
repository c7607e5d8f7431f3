// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace netlens {

/**
 * The settings' Web page: where the dashboard listens, its access token (shown, with a
 * button that makes a new random one) and whether it starts with NetLens. An address other
 * than loopback is only accepted with a token, as the server itself insists.
 */
class WebPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebPage)

public:
    explicit WebPage(const AppSettings &settings, QWidget *parent = nullptr);

    /// Writes the page's fields into `settings`.
    void apply(AppSettings &settings) const;
    /// False with a message naming the field when the fields cannot be used.
    bool validate(QString &error) const;
    /// A new random token (32 hex digits from the system's random source).
    static QString newToken();

    QLineEdit *addressEdit() const { return m_address; }
    QSpinBox *portSpin() const { return m_port; }
    QLineEdit *tokenEdit() const { return m_token; }
    QPushButton *generateButton() const { return m_generate; }
    QCheckBox *autoStartCheck() const { return m_autoStart; }

private:
    void updateUrl();

    QLineEdit *m_address;
    QSpinBox *m_port;
    QLineEdit *m_token;
    QPushButton *m_generate;
    QCheckBox *m_autoStart;
    QLabel *m_url;
};

} // namespace netlens
