// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/secretstore.h"

#include <qt6keychain/keychain.h>

namespace netlens {

namespace {

SecretStore::Result resultOf(const QKeychain::Job *job, const QString &key)
{
    SecretStore::Result r;
    switch (job->error()) {
    case QKeychain::NoError: r.status = SecretStore::Status::Ok; break;
    case QKeychain::EntryNotFound: r.status = SecretStore::Status::NotFound; break;
    default:
        r.status = SecretStore::Status::NoKeychain;
        r.message = QStringLiteral("no usable keychain for \"%1\" (%2: %3); the secret is not "
                                   "stored in plain text")
                        .arg(key)
                        .arg(int(job->error()))
                        .arg(job->errorString());
        break;
    }
    return r;
}

template <typename JobT>
void run(JobT *job, const QString &key, QObject *context, SecretStore::Callback done,
         bool withValue)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done = std::move(done), key, withValue](QKeychain::Job *j) {
                         SecretStore::Result r = resultOf(j, key);
                         if (withValue && r.status == SecretStore::Status::Ok)
                             r.value = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
                         if (done)
                             done(r);
                     });
    job->start();
}

} // namespace

SecretStore::SecretStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{
}

QString SecretStore::environmentVariable(const QString &key)
{
    if (key == QLatin1String(kSmtpPassword))
        return QStringLiteral("NETLENS_SMTP_PASSWORD");
    if (key == QLatin1String(kWebhookSecret))
        return QStringLiteral("NETLENS_WEBHOOK_SECRET");
    return {};
}

void SecretStore::read(const QString &key, Callback done)
{
    run(new QKeychain::ReadPasswordJob(m_service, this), key, this, std::move(done), true);
}

void SecretStore::write(const QString &key, const QString &value, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setTextData(value);
    run(job, key, this, std::move(done), false);
}

void SecretStore::remove(const QString &key, Callback done)
{
    run(new QKeychain::DeletePasswordJob(m_service, this), key, this, std::move(done), false);
}

} // namespace netlens
