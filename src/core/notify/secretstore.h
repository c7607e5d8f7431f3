// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <functional>

namespace netlens {

/**
 * The SMTP password and the webhook secret, kept in the desktop's keychain through
 * QtKeychain (the Secret Service on Linux), never in the settings file.
 *
 * QtKeychain 0.13 without a reachable secret service fails every call with OtherError rather
 * than NoBackendAvailable, so any error other than "not found" counts as NoKeychain: the
 * caller then asks the user (GUI) or reads NETLENS_SMTP_PASSWORD / NETLENS_WEBHOOK_SECRET
 * (CLI). There is deliberately no plain-text fallback.
 *
 * Calls are asynchronous (the keychain may prompt); the callback runs on this object's
 * thread once.
 */
class SecretStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)
public:
    static constexpr const char *kSmtpPassword = "smtp-password";
    static constexpr const char *kWebhookSecret = "webhook-secret";

    enum class Status : std::uint8_t { Ok, NotFound, NoKeychain };
    struct Result {
        Status status = Status::NoKeychain;
        QString value;   ///< the secret, for a successful read
        QString message; ///< for NoKeychain: what the keychain said, ready for the user
    };
    using Callback = std::function<void(const Result &)>;

    /// `service` names the entries in the keychain ("NetLens"; tests pass their own).
    explicit SecretStore(QString service = QStringLiteral("NetLens"), QObject *parent = nullptr);

    /// The environment variable the CLI reads instead: NETLENS_SMTP_PASSWORD for
    /// kSmtpPassword, NETLENS_WEBHOOK_SECRET for kWebhookSecret, else empty.
    static QString environmentVariable(const QString &key);

    void read(const QString &key, Callback done);
    void write(const QString &key, const QString &value, Callback done);
    void remove(const QString &key, Callback done);

private:
    QString m_service;
};

} // namespace netlens
