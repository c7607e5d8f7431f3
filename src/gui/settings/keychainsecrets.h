// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretkeeper.h"

#include <QCoreApplication>
#include <QHash>
#include <functional>

namespace netlens {

class SecretStore;

/**
 * The window's SecretKeeper over the desktop keychain (the core's SecretStore, QtKeychain).
 * The keychain answers asynchronously, so the secrets are read once at start (prefetch())
 * and served from memory; a write updates memory now and the keychain in the background.
 * Where no keychain answers, the secrets stay in memory for this run only and
 * description() says so: never a plain-text fallback.
 */
class KeychainSecrets final : public SecretKeeper {
    Q_DECLARE_TR_FUNCTIONS(KeychainSecrets)

public:
    explicit KeychainSecrets(SecretStore *store)
        : m_store(store)
    {
    }

    /// Reads the SMTP password and the webhook secret; `done` runs once both answered.
    void prefetch(std::function<void()> done);

    bool persistent() const override { return !m_noKeychain; }
    QString description() const override;
    Status read(const QString &key, QString &value, QString &error) override;
    Status write(const QString &key, const QString &value, QString &error) override;

private:
    SecretStore *m_store;
    QHash<QString, QString> m_values;
    bool m_noKeychain = false;
    QString m_keychainMessage; ///< what the keychain said when it failed
};

} // namespace netlens
