// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/deliveryoutcome.h"
#include "notify/notifysettings.h"

#include <QByteArray>
#include <QObject>
#include <QSslError>
#include <QTimer>

class QSslSocket;

namespace netlens {

/**
 * Sends one message over SMTP as an asynchronous state machine on QSslSocket: no blocking
 * waits, so it runs on the GUI thread. SMTPS (implicit TLS), STARTTLS or plain; EHLO, then
 * AUTH PLAIN or LOGIN as the server offers, MAIL/RCPT/DATA with dot-stuffing. Every step
 * has its own timeout (SmtpSettings::timeoutMs).
 *
 * The message counts as delivered only on the 250 after the end of DATA; everything before
 * it is a failure, classified so the outbox knows whether to retry (4xx, network, timeout)
 * or give up (5xx, certificate and configuration errors). Errors name the server:
 * "mail.example.org:587: 535 5.7.8 authentication failed".
 *
 * Certificates are verified against the system's CAs plus SmtpSettings::caFile; errors are
 * never ignored wholesale (only verifyPeer=false, an explicit user choice, turns it off).
 */
class SmtpClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpClient)
public:
    explicit SmtpClient(QObject *parent = nullptr);
    ~SmtpClient() override;

    /// Starts sending `message` (CRLF lines) to smtp.to. finished() follows exactly once,
    /// unless abort() comes first. One message at a time.
    void send(const SmtpSettings &smtp, const QByteArray &message);
    void abort();
    bool isBusy() const { return m_state != State::Idle; }

Q_SIGNALS:
    void finished(netlens::DeliveryOutcome outcome, const QString &message);

private:
    enum class State : std::uint8_t {
        Idle,
        Greeting,
        Ehlo,
        StartTls,
        TlsHandshake,
        EhloTls,
        AuthPlain,
        AuthLoginUser,
        AuthLoginPassword,
        AuthLoginDone,
        MailFrom,
        RcptTo,
        Data,
        Body,
    };

    void onReadyRead();
    void onReply(int code, const QByteArray &text);
    void onEncrypted();
    void onSocketError();
    void onTimeout();
    void afterEhlo(const QByteArray &text);
    void startAuthOrMail();
    void sendMailFrom();
    void sendCommand(const QByteArray &line, State next);
    void finish(DeliveryOutcome outcome, const QString &message);
    /// Fails with the server's reply: 4xx retry, 5xx for good.
    void failReply(int code, const QByteArray &text, const char *during);
    QString where() const;
    static QByteArray dotStuff(const QByteArray &message);

    QSslSocket *m_socket = nullptr;
    QTimer m_timer;
    SmtpSettings m_smtp;
    QByteArray m_message;
    State m_state = State::Idle;
    QByteArray m_buffer;    ///< received bytes not yet a complete reply
    QByteArray m_replyText; ///< lines of a multi-line reply so far
    int m_rcptIndex = 0;
    QList<QSslError> m_sslErrors;
};

} // namespace netlens
