// SPDX-License-Identifier: GPL-3.0-or-later
#include "keychainsecrets.h"

#include "notify/secretstore.h"

namespace netlens {

struct KeychainSecrets::State {
    SecretStore *store = new SecretStore(QStringLiteral("NetLens")); // deleted when idle
    QHash<QString, QString> values;
    bool noKeychain = false;
    QString keychainMessage; ///< what the keychain said when it failed
    int pending = 0;         ///< jobs not answered yet
    bool orphaned = false;   ///< the KeychainSecrets is gone

    void answered(const SecretStore::Result &r)
    {
        if (r.status == SecretStore::Status::NoKeychain) {
            noKeychain = true;
            keychainMessage = r.message;
        }
        if (--pending == 0 && orphaned)
            store->deleteLater();
    }
};

KeychainSecrets::KeychainSecrets()
    : m_state(std::make_shared<State>())
{
}

KeychainSecrets::~KeychainSecrets()
{
    m_state->orphaned = true;
    if (m_state->pending == 0)
        delete m_state->store;
}

void KeychainSecrets::prefetch(std::function<void()> done)
{
    const QStringList keys{QString::fromLatin1(kSmtpPassword), QString::fromLatin1(kWebhookSecret)};
    auto left = std::make_shared<int>(static_cast<int>(keys.size()));
    for (const QString &key : keys) {
        ++m_state->pending;
        m_state->store->read(key, [state = m_state, key, left, done](const SecretStore::Result &r) {
            if (r.status == SecretStore::Status::Ok)
                state->values.insert(key, r.value);
            const bool orphaned = state->orphaned;
            state->answered(r);
            if (--*left == 0 && done && !orphaned)
                done();
        });
    }
}

bool KeychainSecrets::persistent() const
{
    return !m_state->noKeychain;
}

QString KeychainSecrets::description() const
{
    if (!m_state->noKeychain)
        return tr("The password and the signing secret are kept in the desktop's keychain.");
    return tr("No keychain is available (%1): the password is kept for this run only and asked "
              "for again at the next start.")
        .arg(m_state->keychainMessage);
}

SecretKeeper::Status KeychainSecrets::read(const QString &key, QString &value, QString &)
{
    const auto it = m_state->values.constFind(key);
    if (it == m_state->values.cend())
        return m_state->noKeychain ? Status::NoKeychain : Status::NotFound;
    value = *it;
    return Status::Ok;
}

SecretKeeper::Status KeychainSecrets::write(const QString &key, const QString &value, QString &)
{
    m_state->values.insert(key, value); // in force now, whatever the keychain says
    if (m_state->noKeychain)
        return Status::NoKeychain;
    ++m_state->pending;
    const auto stored = [state = m_state](const SecretStore::Result &r) { state->answered(r); };
    if (value.isEmpty())
        m_state->store->remove(key, stored);
    else
        m_state->store->write(key, value, stored);
    return Status::Ok;
}

} // namespace netlens
