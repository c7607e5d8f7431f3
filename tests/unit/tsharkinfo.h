// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// How TShark's Info column compares with packetInfo() (header-only, for tst_dissector): which
// rows we claim to match, and how closely. TShark runs with reassembly and conversation
// analysis off, so that each frame stands alone as it does for us.

#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace netlens::testing {

/// "protocols<TAB>info" for each frame of `path`, from `tshark`.
inline QStringList tsharkInfo(const QString &tshark, const QString &path)
{
    QStringList args = {QStringLiteral("-r"), path};
    args << QStringLiteral("-n -o ip.defragment:FALSE -o ipv6.defragment:FALSE "
                           "-o tcp.desegment_tcp_streams:FALSE "
                           "-o tcp.relative_sequence_numbers:FALSE "
                           "-o tcp.analyze_sequence_numbers:FALSE -o sctp.relative_tsns:FALSE "
                           "-T fields -e frame.protocols -e _ws.col.Info")
                .split(u' ');
    QProcess p;
    p.start(tshark, args);
    if (!p.waitForFinished(120000))
        return {};
    return QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

/// Whitespace collapsed, so that Wireshark's column padding ("%-20s") does not matter.
inline QString simplified(QString s)
{
    return s.simplified();
}

/// How a TShark Info line compares with ours; Skip for what we do not claim to match.
enum class Rule { Skip, Exact, Ports, Sctp, Prefix, TlsItems, Quic };

inline Rule ruleFor(const QString &protocols, const QString &theirs)
{
    static const QRegularExpression tcpUdp(QStringLiteral("^\\d+ → \\d+ (\\[|Len=)"));
    if (theirs.contains(QLatin1Char('[')) &&
        (theirs.contains(QStringLiteral("Malformed")) || theirs.contains(QStringLiteral("Error")) ||
         theirs.contains(QStringLiteral("Packet size limited")) ||
         theirs.contains(QStringLiteral("Unreassembled"))))
        return Rule::Skip;
    const QString last = protocols.section(QLatin1Char(':'), -1);
    const QStringList stack = protocols.split(QLatin1Char(':'));
    // Empty (a TShark error), a vendor trailer's prefix, Teredo's name for its echo test.
    if (theirs.isEmpty() || protocols.contains(QLatin1String("f5ethtrailer")) ||
        theirs.startsWith(QLatin1String("Direct IPv6 Connectivity Test")))
        return Rule::Skip;
    if ((last == QLatin1String("tcp") || last == QLatin1String("udp")) &&
        tcpUdp.match(theirs).hasMatch())
        return Rule::Ports;
    if (stack.contains(QLatin1String("sctp")))
        return Rule::Sctp;
    if (last == QLatin1String("arp") || last == QLatin1String("dns") ||
        last == QLatin1String("mdns") || last == QLatin1String("dhcp") ||
        last == QLatin1String("ntp") ||
        theirs.startsWith(QLatin1String("Fragmented IP protocol")) ||
        theirs.startsWith(QLatin1String("IPv6 fragment")))
        return Rule::Exact;
    if ((stack.contains(QLatin1String("icmp")) || stack.contains(QLatin1String("icmpv6"))) &&
        !theirs.startsWith(QLatin1String("Mobile IP")))
        return Rule::Exact;
    if (last == QLatin1String("http") || stack.contains(QLatin1String("http")))
        return Rule::Prefix;
    if (last == QLatin1String("tls") && !stack.contains(QLatin1String("quic")) &&
        !theirs.contains(QStringLiteral("Ignored")) &&
        !theirs.contains(QStringLiteral("Continuation")))
        return Rule::TlsItems;
    if (stack.contains(QLatin1String("quic")))
        return Rule::Quic;
    return Rule::Skip;
}

/// TShark's notes about other frames ("(reply in 2)") are conversation state we do not keep.
inline QString withoutCrossReferences(QString s)
{
    static const QRegularExpression refs(
        QStringLiteral("\\s*\\((reply|request) in \\d+\\)|\\s*\\(no response found!\\)"));
    return s.remove(refs).simplified();
}

inline bool agrees(Rule rule, const QString &ours, const QString &theirs)
{
    switch (rule) {
    case Rule::Exact: return ours == theirs;
    case Rule::Ports: {
        // TShark scales the window by the factor it saw in the handshake; a lone packet shows
        // the raw field. The rest must be the same.
        static const QRegularExpression win(QStringLiteral("Win=(\\d+)"));
        const auto o = win.match(ours), t = win.match(theirs);
        if (!o.hasMatch() || !t.hasMatch())
            return ours == theirs;
        bool scaled = false;
        for (int shift = 0; shift <= 14 && !scaled; ++shift)
            scaled = (o.captured(1).toULongLong() << shift) == t.captured(1).toULongLong();
        return scaled && QString(ours).replace(win, QStringLiteral("Win=")) ==
                             QString(theirs).replace(win, QStringLiteral("Win="));
    }
    case Rule::Sctp: { // TShark leaves out the TSN when a known protocol rides in the DATA
        static const QRegularExpression tsn(QStringLiteral(" \\(TSN=\\d+\\)"));
        return ours == theirs || QString(ours).remove(tsn) == theirs;
    }
    case Rule::Prefix: // TShark adds the body's media type: "HTTP/1.1 200 OK (text/html)"
        return theirs.startsWith(ours);
    case Rule::TlsItems: { // TShark 4.0 does not show the SNI yet
        static const QRegularExpression sni(QStringLiteral(" \\(SNI=[^)]*\\)"));
        return QString(ours).remove(sni) == theirs;
    }
    case Rule::Quic: // TShark decrypts Initial packets; we show their header only
        return ours.startsWith(
            QStringLiteral("QUIC ") +
            theirs.section(QStringLiteral(", "), 0, 0).remove(QStringLiteral(" (KP0)")));
    case Rule::Skip: break;
    }
    return true;
}

} // namespace netlens::testing
