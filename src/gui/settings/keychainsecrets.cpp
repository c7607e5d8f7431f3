// SPDX-License-Identifier: GPL-3.0-or-later
#include "keychainsecrets.h"

#include "notify/secretstore.h"

#include <memory>

namespace netlens {

void KeychainSecrets::prefetch(std::function<void()> done)
{
    const QStringList keys{QString::fromLatin1(kSmtpPassword), QString::fromLatin1(kWebhookSecret)};
    auto left = std::make_shared<int>(static_cast<int>(keys.size()));
    for (const QString &key : keys)
        m_store->read(key, [this, key, left, done](const SecretStore::Result &r) {
            if (r.status == SecretStore::Status::Ok)
                m_values.insert(key, r.value);
            else if (r.status == SecretStore::Status::NoKeychain) {
                m_noKeychain = true;
                m_keychainMessage = r.message;
            }
            if (--*left == 0 && done)
                done();
        });
}

QString KeychainSecrets::description() const
{
    if (!m_noKeychain)
        return tr("The password and the signing secret are kept in the desktop's keychain.");
    return tr("No keychain is available (%1): the password is kept for this run only and asked "
              "for again at the next start.")
        .arg(m_keychainMessage);
}

SecretKeeper::Status KeychainSecrets::read(const QString &key, QString &value, QString &)
{
    const auto it = m_values.constFind(key);
    if (it == m_values.cend())
        return m_noKeychain ? Status::NoKeychain : Status::NotFound;
    value = *it;
    return Status::Ok;
}

SecretKeeper::Status KeychainSecrets::write(const QString &key, const QString &value, QString &)
{
    m_values.insert(key, value); // in force now, whatever the keychain says
    if (m_noKeychain)
        return Status::NoKeychain;
    const auto stored = [this](const SecretStore::Result &r) {
        if (r.status == SecretStore::Status::NoKeychain) {
            m_noKeychain = true;
            m_keychainMessage = r.message;
        }
    };
    if (value.isEmpty())
        m_store->remove(key, stored);
    else
        m_store->write(key, value, stored);
    return Status::Ok;
}

} // namespace netlens
