// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/deliveryoutcome.h"
#include "notify/notifysettings.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;

namespace netlens {

/**
 * Posts one JSON body to a webhook through QNetworkAccessManager. Every post carries
 * `Idempotency-Key` (the alert uid or digest id, so a receiver can drop a resend after an
 * ambiguous failure) and, with a secret, `X-NetLens-Timestamp` plus
 * `X-NetLens-Signature: sha256=<hex HMAC-SHA256(secret, body)>`.
 *
 * Only 2xx is delivered. 408, 429, 5xx, timeouts and network errors are worth a retry; other
 * 4xx, a bad URL and TLS errors fail for good.
 */
class WebhookClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookClient)
public:
    explicit WebhookClient(QObject *parent = nullptr);
    ~WebhookClient() override;

    /// One post at a time; finished() follows exactly once unless abort() comes first.
    void post(const WebhookSettings &webhook, const QByteArray &body,
              const QString &idempotencyKey);
    void abort();
    bool isBusy() const { return !m_reply.isNull(); }

    static QByteArray signature(const QByteArray &secret, const QByteArray &body);

Q_SIGNALS:
    void finished(netlens::DeliveryOutcome outcome, const QString &message);

private:
    void onFinished();

    QNetworkAccessManager *m_manager;
    QPointer<QNetworkReply> m_reply;
    QString m_url;
    int m_timeoutMs = 0;
};

} // namespace netlens
