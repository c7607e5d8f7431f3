// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretkeeper.h"

#include <QCoreApplication>
#include <QHash>

namespace netlens {

/// Secrets for this run only, in memory: what NetLens does where no keychain answers, after
/// asking the user for the password at start. Never written anywhere.
class SessionSecrets final : public SecretKeeper {
    Q_DECLARE_TR_FUNCTIONS(SessionSecrets)

public:
    bool persistent() const override { return false; }
    QString description() const override
    {
        return tr("No keychain is available: the password is kept for this run only and "
                  "asked for again at the next start.");
    }
    Status read(const QString &key, QString &value, QString &) override
    {
        const auto it = m_values.constFind(key);
        if (it == m_values.cend())
            return Status::NotFound;
        value = *it;
        return Status::Ok;
    }
    Status write(const QString &key, const QString &value, QString &) override
    {
        m_values.insert(key, value);
        return Status::Ok;
    }

private:
    QHash<QString, QString> m_values;
};

} // namespace netlens
