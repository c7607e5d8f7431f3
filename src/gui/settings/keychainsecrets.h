// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretkeeper.h"

#include <QCoreApplication>
#include <QHash>
#include <functional>
#include <memory>

namespace netlens {

class SecretStore;

/**
 * The window's SecretKeeper over the desktop keychain (the core's SecretStore, QtKeychain).
 * The keychain answers asynchronously, so the secrets are read once at start (prefetch())
 * and served from memory; a write updates memory now and the keychain in the background.
 * Where no keychain answers, the secrets stay in memory for this run only and
 * description() says so: never a plain-text fallback.
 *
 * QtKeychain's libsecret backend must not lose a job while its answer is on the way (the
 * answer would land in freed memory), so the store outlives this object until its last
 * job has answered.
 */
class KeychainSecrets final : public SecretKeeper {
    Q_DECLARE_TR_FUNCTIONS(KeychainSecrets)

public:
    KeychainSecrets();
    ~KeychainSecrets() override;

    /// Reads the SMTP password and the webhook secret; `done` runs once both answered
    /// (never after this object is gone).
    void prefetch(std::function<void()> done);

    bool persistent() const override;
    QString description() const override;
    Status read(const QString &key, QString &value, QString &error) override;
    Status write(const QString &key, const QString &value, QString &error) override;

private:
    struct State;
    std::shared_ptr<State> m_state; ///< shared with the jobs' callbacks
};

} // namespace netlens
