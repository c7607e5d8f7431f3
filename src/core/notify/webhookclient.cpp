// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/webhookclient.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

namespace netlens {

WebhookClient::WebhookClient(QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
}

WebhookClient::~WebhookClient()
{
    abort();
}

QByteArray WebhookClient::signature(const QByteArray &secret, const QByteArray &body)
{
    return "sha256=" +
           QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

void WebhookClient::abort()
{
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply.clear();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void WebhookClient::post(const WebhookSettings &webhook, const QByteArray &body,
                         const QString &idempotencyKey)
{
    abort();
    m_url = webhook.url;
    m_timeoutMs = webhook.timeoutMs;
    const QUrl url(webhook.url, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        const QString message =
            QStringLiteral("webhook URL \"%1\": not a valid http(s) URL").arg(webhook.url);
        QMetaObject::invokeMethod(
            this, [this, message] { Q_EMIT finished(DeliveryOutcome::Failed, message); },
            Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("NetLens/" NETLENS_VERSION));
    request.setRawHeader("Idempotency-Key", idempotencyKey.toUtf8());
    if (!webhook.secret.isEmpty()) {
        request.setRawHeader("X-NetLens-Timestamp",
                             QByteArray::number(QDateTime::currentSecsSinceEpoch()));
        request.setRawHeader("X-NetLens-Signature", signature(webhook.secret.toUtf8(), body));
    }
    request.setTransferTimeout(webhook.timeoutMs);
    // A POST must not silently turn into a GET somewhere else.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    m_reply = m_manager->post(request, body);
    connect(m_reply, &QNetworkReply::finished, this, &WebhookClient::onFinished);
}

void WebhookClient::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply.clear();
    if (!reply)
        return;
    reply->deleteLater();
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QString where = m_url;
    if (statusAttr.isValid()) {
        const int status = statusAttr.toInt();
        const QString reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        const QString message = QStringLiteral("%1: HTTP %2 %3").arg(where).arg(status).arg(reason);
        if (status >= 200 && status < 300)
            Q_EMIT finished(DeliveryOutcome::Delivered, message);
        else if (status == 408 || status == 429 || status >= 500)
            Q_EMIT finished(DeliveryOutcome::Retry, message);
        else
            Q_EMIT finished(DeliveryOutcome::Failed, message);
        return;
    }
    const QNetworkReply::NetworkError err = reply->error();
    // The transfer timeout shows up as "Operation canceled": say what happened.
    const QString message =
        err == QNetworkReply::OperationCanceledError
            ? QStringLiteral("%1: no answer within %2 ms").arg(where).arg(m_timeoutMs)
            : QStringLiteral("%1: %2").arg(where, reply->errorString());
    if (err == QNetworkReply::SslHandshakeFailedError ||
        err == QNetworkReply::ProtocolUnknownError || err == QNetworkReply::ProtocolFailure)
        Q_EMIT finished(DeliveryOutcome::Failed, message);
    else
        Q_EMIT finished(DeliveryOutcome::Retry, message);
}

} // namespace netlens
