// SPDX-License-Identifier: GPL-3.0-or-later
// TLS records and the handshake messages that travel in the clear: the hellos (with SNI, ALPN
// and supported versions), certificates and the rest by name. Records that continue in the next
// segment are shown as far as they go; nothing is reassembled or decrypted.
#include "decode/dissection.h"
#include "decode/dissectnames.h"
#include "decode/dissecttext.h"

#include <algorithm>

namespace netlens::dissect {

namespace {

constexpr int kMaxRecords = 64;
constexpr int kMaxExtensions = 128;
constexpr std::uint32_t kMaxRecordLength = 16384 + 2048; // ciphertext limit, RFC 5246 6.2.3

bool recordHeader(const Dissection &d, std::uint32_t at)
{
    const std::uint8_t type = d.u8(at);
    const std::uint16_t len = d.u16(at + 3);
    return d.have(at, 5) && type >= 20 && type <= 24 && d.u8(at + 1) == 3 && d.u8(at + 2) <= 4 &&
           len > 0 && len <= kMaxRecordLength;
}

std::string versionText(std::uint16_t v)
{
    const std::string_view name = tlsVersionName(v);
    return cat(name.empty() ? std::string_view("Unknown") : name, " (", hex(v, 4), ')');
}

std::string_view alertName(std::uint8_t desc)
{
    switch (desc) {
    case 0: return "Close Notify";
    case 10: return "Unexpected Message";
    case 20: return "Bad Record MAC";
    case 22: return "Record Overflow";
    case 40: return "Handshake Failure";
    case 42: return "Bad Certificate";
    case 43: return "Unsupported Certificate";
    case 44: return "Certificate Revoked";
    case 45: return "Certificate Expired";
    case 46: return "Certificate Unknown";
    case 47: return "Illegal Parameter";
    case 48: return "Unknown CA";
    case 49: return "Access Denied";
    case 50: return "Decode Error";
    case 51: return "Decrypt Error";
    case 70: return "Protocol Version";
    case 71: return "Insufficient Security";
    case 80: return "Internal Error";
    case 86: return "Inappropriate Fallback";
    case 90: return "User Canceled";
    case 100: return "No Renegotiation";
    case 109: return "Missing Extension";
    case 110: return "Unsupported Extension";
    case 112: return "Unrecognized Name";
    case 116: return "Certificate Required";
    case 120: return "No Application Protocol";
    default: return "Unknown";
    }
}

/// One extension of a hello; fills `sni` from a client's server_name.
void extension(Dissection &d, std::uint32_t at, std::uint32_t end, bool client, std::string &sni)
{
    const std::uint16_t type = d.u16(at), len = d.u16(at + 2);
    const std::uint32_t v = at + 4, vEnd = std::min<std::uint32_t>(v + len, end);
    const std::string_view name = tlsExtensionName(type);
    std::string text =
        cat("Extension: ", name.empty() ? cat("Unknown type ", type) : std::string(name),
            " (len=", len, ')');
    if (type == 0 && client && v + 5 <= vEnd && d.u8(v + 2) == 0) {
        const std::uint16_t nameLen = d.u16(v + 3);
        if (v + 5 + nameLen <= vEnd) {
            sni = d.text(v + 5, nameLen, 255);
            text += cat(" name=", sni);
        }
    } else if (type == 16 && v + 2 <= vEnd) {
        std::string protos;
        for (std::uint32_t p = v + 2; p < vEnd && p + 1 + d.u8(p) <= vEnd; p += 1 + d.u8(p))
            protos += cat(protos.empty() ? "" : ", ", d.text(p + 1, d.u8(p), 64));
        text += cat(" ALPN: ", protos);
    } else if (type == 43) {
        std::string versions;
        if (!client && len == 2) {
            versions = std::string(tlsVersionName(d.u16(v)));
        } else if (client && v + 1 <= vEnd) {
            for (std::uint32_t p = v + 1; p + 2 <= vEnd && p < v + 1 + d.u8(v); p += 2) {
                const std::string_view n = tlsVersionName(d.u16(p));
                if (!n.empty())
                    versions += cat(versions.empty() ? "" : ", ", n);
            }
        }
        if (!versions.empty())
            text += cat(' ', versions);
    }
    d.field(3, std::move(text), at, 4u + len);
}

/// ClientHello or ServerHello body in [at, end); fills `sni`.
void hello(Dissection &d, std::uint32_t at, std::uint32_t end, bool client, std::string &sni)
{
    if (at + 35 > end)
        return;
    const bool fields = d.wantFields();
    if (fields) {
        d.field(3, cat("Version: ", versionText(d.u16(at))), at, 2);
        d.field(3, cat("Random: ", hexBytes(d.ptr(at + 2), 32, 32)), at + 2, 32);
    }
    std::uint32_t p = at + 34;
    const std::uint8_t sidLen = d.u8(p);
    if (fields) {
        d.field(3, cat("Session ID Length: ", sidLen), p, 1);
        if (sidLen)
            d.field(3,
                    cat("Session ID: ",
                        hexBytes(d.ptr(p + 1), std::min<std::uint32_t>(sidLen, end - p - 1), 32)),
                    p + 1, sidLen);
    }
    p += 1 + sidLen;
    if (client) {
        if (p + 2 > end)
            return;
        const std::uint16_t csLen = d.u16(p);
        if (fields) {
            d.field(3, cat("Cipher Suites Length: ", csLen), p, 2);
            d.field(3, cat("Cipher Suites (", csLen / 2, " suites)"), p + 2, csLen);
        }
        p += 2 + csLen;
        if (p + 1 > end)
            return;
        const std::uint8_t cmLen = d.u8(p);
        if (fields)
            d.field(3, cat("Compression Methods Length: ", cmLen), p, 1);
        p += 1 + cmLen;
    } else {
        if (p + 3 > end)
            return;
        if (fields) {
            d.field(3, cat("Cipher Suite: ", hex(d.u16(p), 4)), p, 2);
            d.field(3, cat("Compression Method: ", d.u8(p + 2)), p + 2, 1);
        }
        p += 3;
    }
    if (p + 2 > end)
        return;
    const std::uint16_t extLen = d.u16(p);
    if (fields)
        d.field(3, cat("Extensions Length: ", extLen), p, 2);
    const std::uint32_t extEnd = std::min<std::uint32_t>(p + 2 + extLen, end);
    p += 2;
    for (int n = 0; p + 4 <= extEnd && n < kMaxExtensions; ++n) {
        extension(d, p, extEnd, client, sni);
        p += 4u + d.u16(p + 2);
    }
}

/// Whether [at, recEnd) reads as a chain of known handshake messages that ends with the record.
/// Encrypted ones (Finished after ChangeCipherSpec) fail this: with AES-GCM their explicit nonce
/// often starts with zeros, which alone would read as Hello Requests.
bool plainHandshakes(const Dissection &d, std::uint32_t at, std::uint32_t recEnd,
                     std::uint32_t stop)
{
    for (int n = 0; at < recEnd; ++n) {
        if (at + 4 > stop)
            return n > 0; // the segment ends inside the record: trust what it showed
        const std::uint8_t type = d.u8(at);
        const std::uint32_t len = d.u24(at + 1);
        if (n == kMaxRecords || tlsHandshakeName(type).empty() || (type == 0 && len != 0) ||
            at + 4 + len > recEnd)
            return false;
        at += 4 + len;
    }
    return at == recEnd;
}

/// Handshake messages of one record; returns their names for the Info column.
std::string handshakes(Dissection &d, std::uint32_t at, std::uint32_t recEnd, std::uint32_t stop,
                       bool encrypted)
{
    if (encrypted || !plainHandshakes(d, at, recEnd, stop)) {
        d.field(2, "Handshake Protocol: Encrypted Handshake Message", at, recEnd - at);
        return "Encrypted Handshake Message";
    }
    std::string names;
    for (int n = 0; at + 4 <= stop && at < recEnd && n < kMaxRecords; ++n) {
        const std::uint8_t type = d.u8(at);
        const std::uint32_t len = d.u24(at + 1);
        const std::string_view name = tlsHandshakeName(type);
        std::string item(name);
        d.field(2, cat("Handshake Protocol: ", name), at, 4 + len);
        if (d.wantFields()) {
            d.field(3, cat("Handshake Type: ", name, " (", type, ')'), at, 1);
            d.field(3, cat("Length: ", len), at + 1, 3);
        }
        if (type == 1 || type == 2) {
            std::string sni;
            hello(d, at + 4, std::min(at + 4 + len, stop), type == 1, sni);
            if (!sni.empty())
                item += cat(" (SNI=", sni, ')');
        } else if (type == 11 && d.wantFields() && at + 7 <= stop) {
            d.field(3, cat("Certificates Length: ", d.u24(at + 4)), at + 4, 3);
        }
        names += cat(names.empty() ? "" : ", ", item);
        at += 4 + len;
    }
    return names;
}

} // namespace

bool looksLikeTls(const Dissection &d, std::uint32_t off, std::uint32_t end)
{
    return off + 5 <= d.capped(end) && recordHeader(d, off);
}

void dissectTls(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    const std::uint32_t stop = d.capped(end);
    d.layer("Transport Layer Security", off, stop - off);
    // Like TShark without reassembly, Info lists the records that end in this segment; only
    // when none does (a big ClientHello spread over segments) it names the cut ones.
    std::string info, partial;
    bool changedCipher = false; // handshake records after ChangeCipherSpec are encrypted
    std::uint32_t at = off;
    for (int n = 0; at + 5 <= stop && n < kMaxRecords; ++n) {
        if (!recordHeader(d, at)) {
            d.field(1, "Ignored Unknown Record", at, stop - at);
            info += cat(info.empty() ? "" : ", ", "Ignored Unknown Record");
            break;
        }
        const std::uint8_t type = d.u8(at);
        const std::uint16_t version = d.u16(at + 1), len = d.u16(at + 3);
        const std::uint32_t body = at + 5, recEnd = body + len, recStop = std::min(recEnd, stop);
        const std::string_view rv = tlsRecordVersionName(version);
        const std::size_t head = d.mark();
        if (d.wantFields()) {
            d.field(2, cat("Content Type: ", tlsContentTypeName(type), " (", type, ')'), at, 1);
            d.field(2, cat("Version: ", versionText(version)), at + 1, 2);
            d.field(2, cat("Length: ", len), at + 3, 2);
        }
        std::string protocol, item;
        switch (type) {
        case 22:
            protocol = "Handshake Protocol";
            item = handshakes(d, body, recEnd, recStop, changedCipher);
            break;
        case 20:
            protocol = "Change Cipher Spec Protocol";
            item = "Change Cipher Spec";
            changedCipher = true;
            d.field(2, "Change Cipher Spec Message", body, len);
            break;
        case 21:
            protocol = "Alert Protocol";
            if (len == 2 && body + 2 <= stop)
                item = cat("Alert (Level: ", d.u8(body) == 2 ? "Fatal" : "Warning",
                           ", Description: ", alertName(d.u8(body + 1)), ')');
            else
                item = "Encrypted Alert";
            d.field(2, cat("Alert Message: ", item), body, len);
            break;
        case 23:
            protocol = "Application Data Protocol";
            item = "Application Data";
            if (d.wantFields())
                d.field(
                    2,
                    cat("Encrypted Application Data: ",
                        hexBytes(d.ptr(std::min(body, stop)), recStop - std::min(body, recStop))),
                    body, len);
            break;
        default:
            protocol = "Heartbeat Protocol";
            item = "Heartbeat";
            break;
        }
        d.insertAt(head, 1,
                   cat(rv.empty() ? std::string_view("TLS") : rv, " Record Layer: ", protocol,
                       item.empty() ? "" : ": ", item),
                   at, recEnd - at);
        std::string &list = recEnd <= end ? info : partial;
        if (!item.empty())
            list += cat(list.empty() ? "" : ", ", item);
        at = recEnd;
    }
    if (info.empty())
        info = partial.empty() ? std::string("Transport Layer Security") : std::move(partial);
    d.setInfo(std::move(info));
}

} // namespace netlens::dissect
