// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/smtpclient.h"

#include "notify/mailcomposer.h"

#include <QHostInfo>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslSocket>

namespace netlens {

SmtpClient::SmtpClient(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SmtpClient::onTimeout);
}

SmtpClient::~SmtpClient()
{
    abort();
}

QString SmtpClient::where() const
{
    return QStringLiteral("%1:%2").arg(m_smtp.host).arg(m_smtp.port);
}

void SmtpClient::abort()
{
    m_timer.stop();
    m_state = State::Idle;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
}

void SmtpClient::send(const SmtpSettings &smtp, const QByteArray &message)
{
    abort();
    m_smtp = smtp;
    m_message = message;
    m_buffer.clear();
    m_replyText.clear();
    m_rcptIndex = 0;
    m_sslErrors.clear();
    m_state = State::Greeting;
    // Configuration errors are reported through finished() too, but not from inside
    // send(): the caller may not be ready for a signal yet.
    auto failLater = [this](const QString &why) {
        QMetaObject::invokeMethod(
            this, [this, why] { finish(DeliveryOutcome::Failed, why); }, Qt::QueuedConnection);
    };
    if (smtp.host.isEmpty())
        return failLater(QStringLiteral("SMTP: no server set"));
    if (smtp.to.isEmpty())
        return failLater(QStringLiteral("%1: no recipient set").arg(where()));
    if (smtp.from.isEmpty() && smtp.user.isEmpty())
        return failLater(QStringLiteral("%1: no sender (From) set").arg(where()));
    QStringList addresses{smtp.from.isEmpty() ? smtp.user : smtp.from};
    addresses += smtp.to;
    for (const QString &mailbox : std::as_const(addresses))
        if (!MailComposer::isValidAddress(MailComposer::address(mailbox)))
            return failLater(
                QStringLiteral("%1: not a valid e-mail address: \"%2\"").arg(where(), mailbox));

    m_socket = new QSslSocket(this);
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!smtp.caFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(smtp.caFile);
        if (cas.isEmpty())
            return failLater(
                QStringLiteral("%1: no PEM certificate in CA file %2").arg(where(), smtp.caFile));
        config.addCaCertificates(cas);
    }
    config.setPeerVerifyMode(smtp.verifyPeer ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
    m_socket->setSslConfiguration(config);
    m_socket->setPeerVerifyName(smtp.host);

    connect(m_socket, &QSslSocket::readyRead, this, &SmtpClient::onReadyRead);
    connect(m_socket, &QSslSocket::encrypted, this, &SmtpClient::onEncrypted);
    // A large attachment on a slow link: the DATA timeout counts from the last progress.
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, [this] {
        if (m_state == State::Body)
            m_timer.start(m_smtp.timeoutMs);
    });
    connect(m_socket, &QSslSocket::bytesWritten, this, [this] {
        if (m_state == State::Body)
            m_timer.start(m_smtp.timeoutMs);
    });
    connect(m_socket, &QSslSocket::errorOccurred, this, &SmtpClient::onSocketError);
    connect(m_socket, &QSslSocket::sslErrors, this,
            [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    connect(m_socket, &QSslSocket::disconnected, this, [this] {
        if (m_state != State::Idle)
            finish(DeliveryOutcome::Retry,
                   QStringLiteral("%1: the server closed the connection").arg(where()));
    });
    m_timer.start(smtp.timeoutMs);
    if (smtp.security == SmtpSettings::Security::Tls)
        m_socket->connectToHostEncrypted(smtp.host, quint16(smtp.port));
    else
        m_socket->connectToHost(smtp.host, quint16(smtp.port));
}

void SmtpClient::finish(DeliveryOutcome outcome, const QString &message)
{
    if (m_state == State::Idle)
        return; // already finished or aborted: finished() comes once
    abort();
    Q_EMIT finished(outcome, message);
}

void SmtpClient::onTimeout()
{
    static const char *const kSteps[] = {"",
                                         "the greeting",
                                         "the EHLO reply",
                                         "the STARTTLS reply",
                                         "the TLS handshake",
                                         "the EHLO reply",
                                         "AUTH",
                                         "AUTH",
                                         "AUTH",
                                         "AUTH",
                                         "the MAIL FROM reply",
                                         "the RCPT TO reply",
                                         "the DATA reply",
                                         "the end of DATA reply"};
    finish(DeliveryOutcome::Retry, QStringLiteral("%1: timed out after %2 ms waiting for %3")
                                       .arg(where())
                                       .arg(m_smtp.timeoutMs)
                                       .arg(QLatin1String(kSteps[static_cast<int>(m_state)])));
}

void SmtpClient::onSocketError()
{
    if (m_state == State::Idle)
        return;
    const QAbstractSocket::SocketError err = m_socket->error();
    if (err == QAbstractSocket::SslHandshakeFailedError || !m_sslErrors.isEmpty()) {
        QStringList why;
        for (const QSslError &e : std::as_const(m_sslErrors))
            why << e.errorString();
        if (why.isEmpty())
            why << m_socket->errorString();
        // A certificate the client does not trust will not become trusted by retrying.
        finish(DeliveryOutcome::Failed,
               QStringLiteral("%1: TLS certificate verification failed: %2%3")
                   .arg(where(), why.join(QLatin1String("; ")),
                        m_smtp.caFile.isEmpty()
                            ? QStringLiteral(" (set a CA file to trust a private CA)")
                            : QString()));
        return;
    }
    if (err == QAbstractSocket::RemoteHostClosedError && m_state == State::Idle)
        return;
    finish(DeliveryOutcome::Retry, QStringLiteral("%1: %2").arg(where(), m_socket->errorString()));
}

void SmtpClient::onReadyRead()
{
    m_buffer += m_socket->readAll();
    // Replies are "ddd-text" lines ending with one "ddd text" line (RFC 5321 4.2.1).
    for (;;) {
        const qsizetype eol = m_buffer.indexOf("\r\n");
        if (eol < 0)
            break;
        const QByteArray line = m_buffer.left(eol);
        m_buffer.remove(0, eol + 2);
        if (line.size() < 3) {
            finish(DeliveryOutcome::Retry, QStringLiteral("%1: malformed reply \"%2\"")
                                               .arg(where(), QString::fromLatin1(line)));
            return;
        }
        bool ok = false;
        const int code = line.left(3).toInt(&ok);
        if (!ok) {
            finish(DeliveryOutcome::Retry, QStringLiteral("%1: malformed reply \"%2\"")
                                               .arg(where(), QString::fromLatin1(line)));
            return;
        }
        m_replyText += line.mid(4) + '\n';
        if (line.size() > 3 && line[3] == '-')
            continue;
        QByteArray text = m_replyText;
        m_replyText.clear();
        onReply(code, text.trimmed());
        if (m_state == State::Idle || m_state == State::TlsHandshake)
            return; // finished, or the remaining bytes belong to the TLS layer
    }
}

void SmtpClient::failReply(int code, const QByteArray &text, const char *during)
{
    const QString message =
        QStringLiteral("%1: %2 %3 (%4)")
            .arg(where())
            .arg(code)
            .arg(QString::fromUtf8(text).replace(QLatin1Char('\n'), QLatin1Char(' ')),
                 QLatin1String(during));
    finish(code >= 400 && code < 500 ? DeliveryOutcome::Retry : DeliveryOutcome::Failed, message);
}

void SmtpClient::sendCommand(const QByteArray &line, State next)
{
    m_state = next;
    m_timer.start(m_smtp.timeoutMs);
    m_socket->write(line + "\r\n");
}

static QByteArray ehloLine()
{
    // The client's name for EHLO: its host name when that is a plain DNS label, else a
    // loopback address literal (always valid syntax).
    const QString name = QHostInfo::localHostName();
    static const QRegularExpression kValid(QStringLiteral("^[A-Za-z0-9.-]+$"));
    return "EHLO " + (kValid.match(name).hasMatch() ? name.toLatin1() : QByteArray("[127.0.0.1]"));
}

void SmtpClient::onReply(int code, const QByteArray &text)
{
    switch (m_state) {
    case State::Idle:
    case State::TlsHandshake: return;
    case State::Greeting:
        if (code != 220)
            return failReply(code, text, "greeting");
        return sendCommand(ehloLine(), State::Ehlo);
    case State::Ehlo:
    case State::EhloTls:
        if (code != 250)
            return failReply(code, text, "EHLO");
        return afterEhlo(text);
    case State::StartTls:
        if (code != 220)
            return failReply(code, text, "STARTTLS");
        m_state = State::TlsHandshake;
        m_timer.start(m_smtp.timeoutMs);
        m_socket->startClientEncryption();
        return;
    case State::AuthPlain:
    case State::AuthLoginDone:
        if (code != 235)
            return failReply(code, text, "authentication");
        return sendMailFrom();
    case State::AuthLoginUser:
        if (code != 334)
            return failReply(code, text, "authentication");
        return sendCommand(m_smtp.user.toUtf8().toBase64(), State::AuthLoginPassword);
    case State::AuthLoginPassword:
        if (code != 334)
            return failReply(code, text, "authentication");
        return sendCommand(m_smtp.password.toUtf8().toBase64(), State::AuthLoginDone);
    case State::MailFrom:
        if (code != 250)
            return failReply(code, text, "MAIL FROM");
        m_rcptIndex = 0;
        return sendCommand("RCPT TO:<" + MailComposer::address(m_smtp.to[0]).toUtf8() + '>',
                           State::RcptTo);
    case State::RcptTo:
        if (code != 250 && code != 251)
            return failReply(code, text, "RCPT TO");
        if (++m_rcptIndex < m_smtp.to.size())
            return sendCommand("RCPT TO:<" +
                                   MailComposer::address(m_smtp.to[m_rcptIndex]).toUtf8() + '>',
                               State::RcptTo);
        return sendCommand("DATA", State::Data);
    case State::Data:
        if (code != 354)
            return failReply(code, text, "DATA");
        m_state = State::Body;
        m_timer.start(m_smtp.timeoutMs);
        m_socket->write(dotStuff(m_message));
        return;
    case State::Body:
        if (code != 250)
            return failReply(code, text, "end of DATA");
        // Delivered: the server has taken responsibility. QUIT is a courtesy; its answer
        // (or its absence) changes nothing.
        m_socket->write("QUIT\r\n");
        m_socket->flush();
        finish(DeliveryOutcome::Delivered,
               QStringLiteral("%1: %2 %3").arg(where()).arg(code).arg(QString::fromUtf8(text)));
        return;
    }
}

void SmtpClient::afterEhlo(const QByteArray &text)
{
    const bool encrypted = m_socket->isEncrypted();
    if (m_smtp.security == SmtpSettings::Security::StartTls && !encrypted) {
        bool offered = false;
        for (const QByteArray &line : text.split('\n'))
            if (line.trimmed().toUpper() == "STARTTLS")
                offered = true;
        if (!offered)
            return finish(DeliveryOutcome::Failed,
                          QStringLiteral("%1: the server does not offer STARTTLS").arg(where()));
        return sendCommand("STARTTLS", State::StartTls);
    }
    m_replyText = text; // keep the capabilities for the AUTH choice
    startAuthOrMail();
}

void SmtpClient::startAuthOrMail()
{
    const QByteArray capabilities = m_replyText;
    m_replyText.clear();
    if (m_smtp.user.isEmpty())
        return sendMailFrom();
    QList<QByteArray> mechanisms;
    for (const QByteArray &line : capabilities.split('\n')) {
        const QByteArray l = line.trimmed().toUpper();
        if (l.startsWith("AUTH ") || l.startsWith("AUTH="))
            mechanisms += l.mid(5).split(' ');
    }
    if (mechanisms.contains("PLAIN")) {
        const QByteArray token = '\0' + m_smtp.user.toUtf8() + '\0' + m_smtp.password.toUtf8();
        return sendCommand("AUTH PLAIN " + token.toBase64(), State::AuthPlain);
    }
    if (mechanisms.contains("LOGIN"))
        return sendCommand("AUTH LOGIN", State::AuthLoginUser);
    finish(DeliveryOutcome::Failed,
           mechanisms.isEmpty()
               ? QStringLiteral("%1: the server offers no AUTH, but a user is set").arg(where())
               : QStringLiteral("%1: the server offers neither AUTH PLAIN nor LOGIN (only %2)")
                     .arg(where(), QString::fromLatin1(mechanisms.join(' '))));
}

void SmtpClient::sendMailFrom()
{
    const QString from = m_smtp.from.isEmpty() ? m_smtp.user : m_smtp.from;
    sendCommand("MAIL FROM:<" + MailComposer::address(from).toUtf8() + '>', State::MailFrom);
}

void SmtpClient::onEncrypted()
{
    if (m_state == State::TlsHandshake) {
        // RFC 3207: forget what was said before TLS and ask again.
        m_buffer.clear();
        sendCommand(ehloLine(), State::EhloTls);
    }
    // Implicit TLS: the greeting follows by itself.
}

QByteArray SmtpClient::dotStuff(const QByteArray &message)
{
    // Normalise line ends to CRLF, double a leading dot (RFC 5321 4.5.2), end with <CRLF>.<CRLF>.
    QByteArray out;
    out.reserve(message.size() + message.size() / 50 + 8);
    bool lineStart = true;
    for (qsizetype i = 0; i < message.size(); ++i) {
        const char c = message[i];
        if (c == '\r' && i + 1 < message.size() && message[i + 1] == '\n')
            continue; // the \n writes the CRLF
        if (lineStart && c == '.')
            out += '.';
        if (c == '\n' || c == '\r') {
            out += "\r\n";
            lineStart = true;
            continue;
        }
        out += c;
        lineStart = false;
    }
    if (!lineStart)
        out += "\r\n";
    out += ".\r\n";
    return out;
}

} // namespace netlens
