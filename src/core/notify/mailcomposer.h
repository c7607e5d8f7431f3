// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "notify/notifysettings.h"

#include <QByteArray>
#include <QList>

namespace netlens {

/**
 * Builds the RFC 5322 / MIME text of alert e-mails, ready for SMTP DATA (CRLF line ends,
 * not yet dot-stuffed: SmtpClient does that). The Message-ID comes from the alert uid (or
 * the digest id) so a resend after an ambiguous failure is the same message to the server
 * and to the reader's mail client.
 */
class MailComposer {
public:
    static QByteArray alertMessage(const Alert &alert, const SmtpSettings &smtp);
    static QByteArray digestMessage(const QList<Alert> &alerts, const QString &digestId,
                                    const SmtpSettings &smtp);
    static QByteArray testMessage(const SmtpSettings &smtp);

    /// RFC 2047 "=?UTF-8?B?...?=" words (folded) for non-ASCII text; ASCII as is.
    static QByteArray encodeHeader(const QString &text);
    /// The bare address of "Name <addr>" or "addr".
    static QString address(const QString &mailbox);
    /// A usable envelope address (local@domain, no spaces, brackets or line breaks).
    static bool isValidAddress(const QString &address);
    /// "Name <addr>" for a header: the name RFC 2047-encoded or quoted, the address as is.
    static QByteArray encodeMailbox(const QString &mailbox);
    /// The text body of one alert: summary, times, evidence, display filter.
    static QString alertText(const Alert &alert);

private:
    struct Attachment {
        QString fileName;
        QByteArray data;
    };
    static QByteArray build(const SmtpSettings &smtp, const QString &messageId,
                            const QString &subject, const QString &body,
                            const QList<Attachment> &attachments);
    /// Reads the snippet when it exists and fits; else a line for the body saying where it is.
    static bool snippetAttachment(const Alert &alert, const SmtpSettings &smtp,
                                  Attachment &attachment, QString &note);
};

} // namespace netlens
