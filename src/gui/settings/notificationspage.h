// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace netlens {

class SecretKeeper;

/**
 * The settings' Notifications page: SMTP (host, port, security, user, password, from, to,
 * CA file, verification) with "Send test e-mail", the webhook (URL, format, secret) and the
 * minimum severities for the tray and for e-mail/webhook. The password and the secret are
 * read from and written to a SecretKeeper, never to the settings.
 */
class NotificationsPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationsPage)

public:
    NotificationsPage(const AppSettings &settings, SecretKeeper *secrets,
                      QWidget *parent = nullptr);

    /// Writes the page's non-secret fields into `settings`.
    void apply(AppSettings &settings) const;
    /// The SMTP settings as shown, password included (for the test e-mail and the hub).
    SmtpSettings smtpSettings() const;
    QString webhookSecret() const;
    /// Stores the password and the secret in the SecretKeeper; false with a message.
    bool saveSecrets(QString &error) const;
    /// Shows the outcome of a test e-mail next to its button.
    void showTestResult(bool ok, const QString &message);

    // The widgets, for the tests.
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portSpin() const { return m_port; }
    QComboBox *securityCombo() const { return m_security; }
    QLineEdit *fromEdit() const { return m_from; }
    QLineEdit *toEdit() const { return m_to; }
    QPushButton *testButton() const { return m_test; }
    QLabel *testResultLabel() const { return m_testResult; }

Q_SIGNALS:
    /// "Send test e-mail": send one now with these settings.
    void testEmailRequested(const netlens::SmtpSettings &smtp);

private:
    SecretKeeper *m_secrets;
    QCheckBox *m_smtpEnabled;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QComboBox *m_security;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_from;
    QLineEdit *m_to;
    QLineEdit *m_caFile;
    QCheckBox *m_verify;
    QPushButton *m_test;
    QLabel *m_testResult;
    QCheckBox *m_webhookEnabled;
    QLineEdit *m_url;
    QComboBox *m_format;
    QLineEdit *m_secret;
    QComboBox *m_sendSeverity;
    QComboBox *m_traySeverity;
    QLabel *m_keychainNote;
};

} // namespace netlens
