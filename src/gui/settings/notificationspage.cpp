// SPDX-License-Identifier: GPL-3.0-or-later
#include "notificationspage.h"

#include "secretkeeper.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace netlens {

static QComboBox *severityCombo(Severity current)
{
    auto *c = new QComboBox;
    c->addItem(NotificationsPage::tr("Info and above"), int(Severity::Info));
    c->addItem(NotificationsPage::tr("Warning and above"), int(Severity::Warning));
    c->addItem(NotificationsPage::tr("Critical only"), int(Severity::Critical));
    c->setCurrentIndex(c->findData(int(current)));
    return c;
}

static QString readSecret(SecretKeeper *keeper, const char *key)
{
    QString value, error;
    if (keeper)
        keeper->read(QString::fromLatin1(key), value, error);
    return value;
}

NotificationsPage::NotificationsPage(const AppSettings &s, SecretKeeper *secrets, QWidget *parent)
    : QWidget(parent)
    , m_secrets(secrets)
{
    const SmtpSettings &smtp = s.notify.smtp;
    auto *layout = new QVBoxLayout(this);

    auto *mail = new QGroupBox(tr("E-mail (SMTP)"));
    auto *mf = new QFormLayout(mail);
    m_smtpEnabled = new QCheckBox(tr("Send alerts by e-mail"));
    m_smtpEnabled->setChecked(smtp.enabled);
    mf->addRow(m_smtpEnabled);
    m_host = new QLineEdit(smtp.host);
    m_host->setPlaceholderText(QStringLiteral("smtp.example.org"));
    m_port = new QSpinBox;
    m_port->setRange(1, 65535);
    m_port->setValue(smtp.port);
    m_security = new QComboBox;
    m_security->addItem(tr("STARTTLS (port 587)"), int(SmtpSettings::Security::StartTls));
    m_security->addItem(tr("TLS (SMTPS, port 465)"), int(SmtpSettings::Security::Tls));
    m_security->addItem(tr("None (local relay, port 25)"), int(SmtpSettings::Security::Plain));
    m_security->setCurrentIndex(m_security->findData(int(smtp.security)));
    // The usual port follows the security chosen; a port typed by hand stays.
    connect(m_security, &QComboBox::currentIndexChanged, this, [this] {
        static const int usual[] = {25, 587, 465};
        if (m_port->value() == 25 || m_port->value() == 587 || m_port->value() == 465)
            m_port->setValue(usual[m_security->currentData().toInt()]);
    });
    auto *hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(tr("Port:")));
    hostRow->addWidget(m_port);
    mf->addRow(tr("Server:"), hostRow);
    mf->addRow(tr("Security:"), m_security);
    m_user = new QLineEdit(smtp.user);
    m_user->setPlaceholderText(tr("empty: no login"));
    mf->addRow(tr("User:"), m_user);
    m_password = new QLineEdit(readSecret(secrets, SecretKeeper::kSmtpPassword));
    m_password->setEchoMode(QLineEdit::Password);
    mf->addRow(tr("Password:"), m_password);
    m_from = new QLineEdit(smtp.from);
    m_from->setPlaceholderText(QStringLiteral("netlens@example.org"));
    mf->addRow(tr("From:"), m_from);
    m_to = new QLineEdit(smtp.to.join(QStringLiteral(", ")));
    m_to->setPlaceholderText(tr("addresses, separated by commas"));
    mf->addRow(tr("To:"), m_to);
    m_caFile = new QLineEdit(smtp.caFile);
    m_caFile->setPlaceholderText(tr("the system's certificates only"));
    auto *browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("CA Certificates"), m_caFile->text(),
                                         tr("PEM files (*.pem *.crt);;All files (*)"));
        if (!f.isEmpty())
            m_caFile->setText(f);
    });
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    mf->addRow(tr("Extra CA file:"), caRow);
    m_verify = new QCheckBox(tr("Verify the server's certificate"));
    m_verify->setChecked(smtp.verifyPeer);
    mf->addRow(m_verify);
    m_test = new QPushButton(tr("Send Test E-mail"));
    m_testResult = new QLabel;
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    mf->addRow(testRow);
    connect(m_test, &QPushButton::clicked, this, [this] {
        m_test->setEnabled(false);
        m_testResult->setText(tr("Sending…"));
        Q_EMIT testEmailRequested(smtpSettings());
    });
    layout->addWidget(mail);

    auto *hook = new QGroupBox(tr("Webhook"));
    auto *hf = new QFormLayout(hook);
    m_webhookEnabled = new QCheckBox(tr("Post alerts to a webhook"));
    m_webhookEnabled->setChecked(s.notify.webhook.enabled);
    hf->addRow(m_webhookEnabled);
    m_url = new QLineEdit(s.notify.webhook.url);
    m_url->setPlaceholderText(QStringLiteral("https://hooks.example.org/netlens"));
    hf->addRow(tr("URL:"), m_url);
    m_format = new QComboBox;
    m_format->addItem(tr("Generic JSON"), int(WebhookSettings::Format::Json));
    m_format->addItem(QStringLiteral("Slack"), int(WebhookSettings::Format::Slack));
    m_format->addItem(QStringLiteral("Discord"), int(WebhookSettings::Format::Discord));
    m_format->setCurrentIndex(m_format->findData(int(s.notify.webhook.format)));
    hf->addRow(tr("Format:"), m_format);
    m_secret = new QLineEdit(readSecret(secrets, SecretKeeper::kWebhookSecret));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("empty: not signed"));
    hf->addRow(tr("Signing secret:"), m_secret);
    layout->addWidget(hook);

    auto *levels = new QGroupBox(tr("Which alerts"));
    auto *lf = new QFormLayout(levels);
    m_traySeverity = severityCombo(s.trayMinSeverity);
    m_sendSeverity = severityCombo(s.notify.minSeverity);
    lf->addRow(tr("Desktop notifications:"), m_traySeverity);
    lf->addRow(tr("E-mail and webhook:"), m_sendSeverity);
    layout->addWidget(levels);

    m_keychainNote =
        new QLabel(secrets ? secrets->description() : tr("No keychain: the password is not kept."));
    m_keychainNote->setWordWrap(true);
    layout->addWidget(m_keychainNote);
    layout->addStretch(1);
}

void NotificationsPage::apply(AppSettings &s) const
{
    SmtpSettings &smtp = s.notify.smtp;
    const QString password = smtp.password; // whatever the caller had; never set from here
    smtp = smtpSettings();
    smtp.password = password;
    s.notify.webhook.enabled = m_webhookEnabled->isChecked();
    s.notify.webhook.url = m_url->text().trimmed();
    s.notify.webhook.format = static_cast<WebhookSettings::Format>(m_format->currentData().toInt());
    s.notify.minSeverity = static_cast<Severity>(m_sendSeverity->currentData().toInt());
    s.trayMinSeverity = static_cast<Severity>(m_traySeverity->currentData().toInt());
}

SmtpSettings NotificationsPage::smtpSettings() const
{
    SmtpSettings m;
    m.enabled = m_smtpEnabled->isChecked();
    m.host = m_host->text().trimmed();
    m.port = m_port->value();
    m.security = static_cast<SmtpSettings::Security>(m_security->currentData().toInt());
    m.user = m_user->text().trimmed();
    m.password = m_password->text();
    m.from = m_from->text().trimmed();
    m.to.clear();
    for (const QString &a : m_to->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!a.trimmed().isEmpty())
            m.to << a.trimmed();
    m.caFile = m_caFile->text().trimmed();
    m.verifyPeer = m_verify->isChecked();
    return m;
}

QString NotificationsPage::webhookSecret() const
{
    return m_secret->text();
}

bool NotificationsPage::saveSecrets(QString &error) const
{
    if (!m_secrets)
        return true;
    const std::pair<const char *, QString> values[] = {
        {SecretKeeper::kSmtpPassword, m_password->text()},
        {SecretKeeper::kWebhookSecret, m_secret->text()}};
    for (const auto &[key, value] : values) {
        QString old, e;
        if (m_secrets->read(QString::fromLatin1(key), old, e) == SecretKeeper::Status::Ok &&
            old == value)
            continue;
        // NoKeychain is fine: the secret is kept for this run only, as the page says.
        if (m_secrets->write(QString::fromLatin1(key), value, e) == SecretKeeper::Status::Error) {
            error = tr("The keychain did not keep the %1: %2")
                        .arg(key == SecretKeeper::kSmtpPassword ? tr("e-mail password")
                                                                : tr("webhook secret"),
                             e);
            return false;
        }
    }
    return true;
}

void NotificationsPage::showTestResult(bool ok, const QString &message)
{
    m_test->setEnabled(true);
    m_testResult->setText(ok ? tr("Sent: %1").arg(message) : tr("Failed: %1").arg(message));
    m_testResult->setStyleSheet(ok ? QStringLiteral("color: #15803d;")
                                   : QStringLiteral("color: #b91c1c;"));
}

} // namespace netlens
