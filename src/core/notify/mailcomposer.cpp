// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/mailcomposer.h"

#include "alerts/alertjson.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace netlens {

namespace {

QByteArray base64Lines(const QByteArray &data)
{
    // 76 characters a line (RFC 2045), CRLF ends.
    const QByteArray b64 = data.toBase64();
    QByteArray out;
    out.reserve(b64.size() + b64.size() / 76 * 2 + 2);
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + "\r\n";
    return out;
}

QString itemsText(const std::vector<EvidenceItem> &items)
{
    QStringList parts;
    for (const EvidenceItem &item : items)
        parts << QStringLiteral("%1 (%2 packets, %3 bytes)")
                     .arg(item.name)
                     .arg(item.packets)
                     .arg(item.bytes);
    return parts.join(QLatin1String(", "));
}

} // namespace

QString MailComposer::address(const QString &mailbox)
{
    const qsizetype open = mailbox.lastIndexOf(QLatin1Char('<'));
    const qsizetype close = mailbox.lastIndexOf(QLatin1Char('>'));
    if (open >= 0 && close > open)
        return mailbox.mid(open + 1, close - open - 1).trimmed();
    return mailbox.trimmed();
}

QByteArray MailComposer::encodeHeader(const QString &text)
{
    bool ascii = true;
    for (QChar c : text)
        if (c.unicode() > 126 || c.unicode() < 32)
            ascii = false;
    if (ascii)
        return text.toLatin1();
    // Encoded words of at most 75 characters, so at most 45 bytes of UTF-8 each, never
    // splitting a character's bytes across two words (RFC 2047 section 5).
    const QByteArray utf8 = text.toUtf8();
    QList<QByteArray> words;
    qsizetype start = 0;
    while (start < utf8.size()) {
        qsizetype end = std::min<qsizetype>(start + 45, utf8.size());
        while (end < utf8.size() && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80)
            --end;
        words << "=?UTF-8?B?" + utf8.mid(start, end - start).toBase64() + "?=";
        start = end;
    }
    return words.join("\r\n ");
}

bool MailComposer::isValidAddress(const QString &address)
{
    // Enough to keep the envelope well-formed: one @, no spaces, brackets or line breaks
    // (an address with CR/LF would inject SMTP commands).
    static const QRegularExpression kAddress(QStringLiteral("^[^\\s<>@,;\"]+@[^\\s<>@,;\"]+$"));
    return kAddress.match(address).hasMatch();
}

QByteArray MailComposer::encodeMailbox(const QString &mailbox)
{
    const QString addr = address(mailbox);
    const qsizetype open = mailbox.lastIndexOf(QLatin1Char('<'));
    QString name = open > 0 ? mailbox.left(open).trimmed() : QString();
    if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')))
        name = name.mid(1, name.size() - 2);
    if (name.isEmpty())
        return addr.toUtf8();
    QByteArray encoded = encodeHeader(name);
    if (encoded == name.toLatin1()) { // plain ASCII: a quoted string, quotes escaped
        encoded.replace('\\', "\\\\").replace('"', "\\\"");
        encoded = '"' + encoded + '"';
    }
    return encoded + " <" + addr.toUtf8() + '>';
}

QString MailComposer::alertText(const Alert &a)
{
    const Evidence &e = a.evidence;
    QString text = a.summary + QLatin1String("\n\n");
    text += QStringLiteral("Type:      %1\nSeverity:  %2\nRule:      %3\nKey:       %4\n")
                .arg(alertKindName(a.kind), severityName(a.severity),
                     a.ruleName.isEmpty() ? a.ruleId : a.ruleName, a.key);
    text += QStringLiteral("State:     %1\nStart:     %2\n")
                .arg(a.isEngaged() ? QStringLiteral("engaged") : QStringLiteral("released"),
                     captureTimeText(a.startNs));
    if (a.endNs)
        text += QStringLiteral("End:       %1\n").arg(captureTimeText(a.endNs));
    text += QStringLiteral("Trigger:   %1 %2 (threshold %3, peak %4)\n")
                .arg(e.value)
                .arg(e.unit)
                .arg(e.threshold)
                .arg(e.peakValue);
    text += QStringLiteral("Traffic:   %1 packets, %2 bytes\n").arg(e.packets).arg(e.bytes);
    if (!e.topSources.empty())
        text += QStringLiteral("Sources:   %1\n").arg(itemsText(e.topSources));
    if (!e.topDestinations.empty())
        text += QStringLiteral("Targets:   %1\n").arg(itemsText(e.topDestinations));
    if (!e.topPorts.empty())
        text += QStringLiteral("Ports:     %1\n").arg(itemsText(e.topPorts));
    if (!a.displayFilter.isEmpty())
        text += QStringLiteral("Filter:    %1\n").arg(a.displayFilter);
    return text;
}

bool MailComposer::snippetAttachment(const Alert &alert, const SmtpSettings &smtp,
                                     Attachment &attachment, QString &note)
{
    if (alert.snippetPath.isEmpty())
        return false;
    const QFileInfo info(alert.snippetPath);
    if (!info.isFile()) {
        note = QStringLiteral("Packets:   %1 (not found when this mail was made)\n")
                   .arg(alert.snippetPath);
        return false;
    }
    if (info.size() > smtp.attachMaxBytes) {
        note = QStringLiteral("Packets:   %1 (%2 bytes, too large to attach)\n")
                   .arg(alert.snippetPath)
                   .arg(info.size());
        return false;
    }
    QFile file(alert.snippetPath);
    if (!file.open(QIODevice::ReadOnly)) {
        note = QStringLiteral("Packets:   %1 (unreadable: %2)\n")
                   .arg(alert.snippetPath, file.errorString());
        return false;
    }
    attachment = {info.fileName(), file.readAll()};
    note = QStringLiteral("Packets:   attached as %1\n").arg(info.fileName());
    return true;
}

QByteArray MailComposer::alertMessage(const Alert &alert, const SmtpSettings &smtp)
{
    QString body = alertText(alert);
    QList<Attachment> attachments;
    Attachment attachment;
    QString note;
    if (snippetAttachment(alert, smtp, attachment, note))
        attachments << attachment;
    body += note;
    const QString subject =
        QStringLiteral("[NetLens %1] %2").arg(severityName(alert.severity), alert.summary);
    return build(smtp, alert.uid, subject, body, attachments);
}

QByteArray MailComposer::digestMessage(const QList<Alert> &alerts, const QString &digestId,
                                       const SmtpSettings &smtp)
{
    QString body =
        QStringLiteral("%1 alerts, sent together because of the rate limit.\n").arg(alerts.size());
    QList<Attachment> attachments;
    qint64 attachedBytes = 0;
    for (const Alert &alert : alerts) {
        body += QLatin1String("\n----------------------------------------\n") + alertText(alert);
        Attachment attachment;
        QString note;
        // The size limit applies to the whole digest, not to each snippet.
        SmtpSettings left = smtp;
        left.attachMaxBytes = smtp.attachMaxBytes - attachedBytes;
        if (snippetAttachment(alert, left, attachment, note)) {
            attachedBytes += attachment.data.size();
            attachments << attachment;
        }
        body += note;
    }
    Severity worst = Severity::Info;
    for (const Alert &alert : alerts)
        worst = std::max(worst, alert.severity);
    const QString subject =
        QStringLiteral("[NetLens %1] %2 alerts").arg(severityName(worst)).arg(alerts.size());
    return build(smtp, digestId, subject, body, attachments);
}

QByteArray MailComposer::testMessage(const SmtpSettings &smtp)
{
    const QString id = QStringLiteral("test-%1").arg(QDateTime::currentMSecsSinceEpoch());
    return build(smtp, id, QStringLiteral("NetLens test e-mail"),
                 QStringLiteral("This is a test e-mail from NetLens. If you can read it, alert "
                                "e-mails will reach you.\n"),
                 {});
}

QByteArray MailComposer::build(const SmtpSettings &smtp, const QString &messageId,
                               const QString &subject, const QString &body,
                               const QList<Attachment> &attachments)
{
    QByteArray m;
    QStringList to;
    for (const QString &rcpt : smtp.to)
        to << rcpt.trimmed();
    const QString from = smtp.from.isEmpty() ? smtp.user : smtp.from;
    QList<QByteArray> toHeader;
    for (const QString &rcpt : std::as_const(to))
        toHeader << encodeMailbox(rcpt);
    m += "From: " + encodeMailbox(from) + "\r\n";
    m += "To: " + toHeader.join(", ") + "\r\n";
    m += "Subject: " + encodeHeader(subject) + "\r\n";
    m += "Date: " + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toLatin1() + "\r\n";
    m += "Message-ID: <" + messageId.toLatin1() + "@netlens>\r\n";
    m += "X-NetLens-Alert: " + messageId.toLatin1() + "\r\n";
    m += "MIME-Version: 1.0\r\n";
    // The boundary is derived from the content so the same alert gives the same bytes.
    const QByteArray boundary =
        "=_netlens_" + QCryptographicHash::hash(QByteArray(body.toUtf8() + messageId.toUtf8()),
                                                QCryptographicHash::Sha1)
                           .toHex()
                           .left(24);
    const QByteArray textPart = "Content-Type: text/plain; charset=UTF-8\r\n"
                                "Content-Transfer-Encoding: base64\r\n\r\n" +
                                base64Lines(body.toUtf8());
    if (attachments.isEmpty()) {
        m += textPart;
        return m;
    }
    m += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    m += "This is a multi-part message in MIME format.\r\n";
    m += "--" + boundary + "\r\n" + textPart;
    for (const Attachment &a : attachments) {
        const QByteArray name = encodeHeader(a.fileName);
        m += "--" + boundary + "\r\n";
        m += "Content-Type: application/vnd.tcpdump.pcap; name=\"" + name + "\"\r\n";
        m += "Content-Transfer-Encoding: base64\r\n";
        m += "Content-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n";
        m += base64Lines(a.data);
    }
    m += "--" + boundary + "--\r\n";
    return m;
}

} // namespace netlens
