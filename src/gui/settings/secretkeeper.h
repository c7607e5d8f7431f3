// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace netlens {

/**
 * Where the SMTP password and the webhook secret are kept. The window's one is the
 * keychain (KeychainSecrets over the core's SecretStore); where no keychain answers, it keeps
 * them in memory for this run only and never on disk: settings go to QSettings, secrets
 * never do.
 */
class SecretKeeper {
public:
    enum class Status { Ok, NotFound, NoKeychain, Error };
    static constexpr const char *kSmtpPassword = "smtp-password";
    static constexpr const char *kWebhookSecret = "webhook-secret";

    SecretKeeper() = default;
    virtual ~SecretKeeper() = default;
    SecretKeeper(const SecretKeeper &) = delete;
    SecretKeeper &operator=(const SecretKeeper &) = delete;

    /// A keychain keeps secrets across runs; false: they last only this run.
    virtual bool persistent() const = 0;
    /// What the user is told about where secrets go ("Saved in the keychain", "No keychain:
    /// ...").
    virtual QString description() const = 0;
    virtual Status read(const QString &key, QString &value, QString &error) = 0;
    virtual Status write(const QString &key, const QString &value, QString &error) = 0;
};

} // namespace netlens
