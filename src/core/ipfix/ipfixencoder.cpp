// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipfix/ipfixencoder.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <fixbuf/public.h>

namespace netlens {

namespace {
// The records as libfixbuf's internal templates read them: fields in template order, the gap
// before the varfield marked by paddingOctets (flag 1: in the internal template only).
struct Record4 {
    std::uint64_t start;
    std::uint64_t end;
    std::uint64_t octets;
    std::uint64_t packets;
    std::uint32_t src; // host order: fixbuf writes it in network order
    std::uint32_t dst;
    std::uint32_t ingress;
    std::uint16_t srcPort;
    std::uint16_t dstPort;
    std::uint16_t tcpFlags;
    std::uint8_t proto;
    std::uint8_t reason;
    std::uint8_t padding[4];
    fbVarfield_t app;
};
struct Record6 {
    std::uint64_t start;
    std::uint64_t end;
    std::uint64_t octets;
    std::uint64_t packets;
    std::uint8_t src[16];
    std::uint8_t dst[16];
    std::uint32_t ingress;
    std::uint16_t srcPort;
    std::uint16_t dstPort;
    std::uint16_t tcpFlags;
    std::uint8_t proto;
    std::uint8_t reason;
    std::uint8_t padding[4];
    fbVarfield_t app;
};
static_assert(offsetof(Record4, app) == 56 && sizeof(Record4) == 72);
static_assert(offsetof(Record6, app) == 80 && sizeof(Record6) == 96);

constexpr std::uint32_t kInternalOnly = 1;

/// The template's elements, in record order. fixbuf's spec names are `char *`.
std::array<fbInfoElementSpec_t, 15> specFor(bool v4)
{
    const auto e = [](const char *name, std::uint16_t length, std::uint32_t flags = 0) {
        return fbInfoElementSpec_t{const_cast<char *>(name), length, flags};
    };
    const std::uint16_t addr = v4 ? 4 : 16;
    return {e("flowStartMilliseconds", 8),
            e("flowEndMilliseconds", 8),
            e("octetDeltaCount", 8),
            e("packetDeltaCount", 8),
            e(v4 ? "sourceIPv4Address" : "sourceIPv6Address", addr),
            e(v4 ? "destinationIPv4Address" : "destinationIPv6Address", addr),
            e("ingressInterface", 4),
            e("sourceTransportPort", 2),
            e("destinationTransportPort", 2),
            e("tcpControlBits", 2),
            e("protocolIdentifier", 1),
            e("flowEndReason", 1),
            e("paddingOctets", 4, kInternalOnly),
            e("applicationName", FB_IE_VARLEN),
            fbInfoElementSpec_t FB_IESPEC_NULL};
}

std::string take(GError *&err)
{
    std::string text = err && err->message ? err->message : "unknown libfixbuf error";
    g_clear_error(&err);
    return text;
}

bool isEndOfMessage(const GError *err)
{
    return err && g_error_matches(err, FB_ERROR_DOMAIN, FB_ERROR_EOM);
}
} // namespace

IpfixEncoder::IpfixEncoder(std::uint32_t observationDomain, std::uint16_t maxMessageBytes,
                           MessageSink sink)
    : m_domain(observationDomain)
    , m_sink(std::move(sink))
    , m_buffer(maxMessageBytes)
{
}

IpfixEncoder::~IpfixEncoder()
{
    if (m_fbuf)
        fBufFree(m_fbuf); // and the session and exporter it owns
    else if (m_session)
        fbSessionFree(m_session);
    if (m_model)
        fbInfoModelFree(m_model);
}

bool IpfixEncoder::open(std::string &error)
{
    GError *err = nullptr;
    m_model = fbInfoModelAlloc();
    m_session = fbSessionAlloc(m_model);
    fbSessionSetDomain(m_session, m_domain);
    for (const bool v4 : {true, false}) {
        std::array<fbInfoElementSpec_t, 15> specs = specFor(v4);
        fbInfoElementSpec_t *spec = specs.data();
        fbTemplate_t *internal = fbTemplateAlloc(m_model);
        fbTemplate_t *external = fbTemplateAlloc(m_model);
        if (!fbTemplateAppendSpecArray(internal, spec, kInternalOnly, &err) ||
            !fbTemplateAppendSpecArray(external, spec, 0, &err)) {
            fbTemplateFreeUnused(internal);
            fbTemplateFreeUnused(external);
            error = "IPFIX template: " + take(err);
            return false;
        }
        const std::uint16_t tid =
            fbSessionAddTemplate(m_session, TRUE, FB_TID_AUTO, internal, &err);
        if (!tid || !fbSessionAddTemplate(m_session, FALSE, v4 ? kTemplateIpv4 : kTemplateIpv6,
                                          external, &err)) {
            error = "IPFIX template: " + take(err);
            return false;
        }
        (v4 ? m_internal4 : m_internal6) = tid;
    }
    fbExporter_t *exporter =
        fbExporterAllocBuffer(m_buffer.data(), static_cast<std::uint16_t>(m_buffer.size()));
    m_fbuf = fBufAllocForExport(m_session, exporter);
    // Manual mode: a full message is reported (FB_ERROR_EOM) instead of sent, so each message
    // is taken from our buffer before the next one overwrites it.
    fBufSetAutomaticMode(m_fbuf, FALSE);
    return exportTemplates(error);
}

bool IpfixEncoder::exportTemplates(std::string &error)
{
    GError *err = nullptr;
    // In manual mode fixbuf will not open a message for templates; in automatic mode it
    // does, and never emits on its own here since the message is empty (flushed before).
    fBufSetAutomaticMode(m_fbuf, TRUE);
    const bool ok = fbSessionExportTemplates(m_session, &err);
    fBufSetAutomaticMode(m_fbuf, FALSE);
    if (!ok) {
        error = "IPFIX templates: " + take(err);
        return false;
    }
    m_pending = true;
    ++m_templateSends;
    m_current = 0; // the buffer's set changed: set the template again before the next record
    return true;
}

bool IpfixEncoder::useTemplate(std::uint8_t addrLen, std::string &error)
{
    if (m_current == addrLen)
        return true;
    GError *err = nullptr;
    const bool v4 = addrLen == 4;
    if (!fBufSetInternalTemplate(m_fbuf, v4 ? m_internal4 : m_internal6, &err) ||
        !fBufSetExportTemplate(m_fbuf, v4 ? kTemplateIpv4 : kTemplateIpv6, &err)) {
        error = "IPFIX template: " + take(err);
        return false;
    }
    m_current = addrLen;
    return true;
}

bool IpfixEncoder::append(const MeteredFlow &f, std::string_view appName, std::string &error)
{
    if (f.addrLen != 4 && f.addrLen != 16)
        return true;
    if (!useTemplate(f.addrLen, error))
        return false;
    const auto ms = [](std::int64_t ns) {
        // Floor, so a record's start and end stay in order for times before 1970 too.
        return static_cast<std::uint64_t>(ns >= 0 ? ns / 1000000 : (ns - 999999) / 1000000);
    };
    Record4 r4{};
    Record6 r6{};
    std::uint8_t *base = nullptr;
    std::size_t size = 0;
    fbVarfield_t app{appName.size(),
                     reinterpret_cast<std::uint8_t *>(const_cast<char *>(appName.data()))};
    const auto fill = [&](auto &r) {
        r.start = ms(f.firstNs);
        r.end = ms(f.lastNs);
        r.octets = f.octets;
        r.packets = f.packets;
        r.ingress = f.ingress;
        r.srcPort = f.srcPort;
        r.dstPort = f.dstPort;
        r.tcpFlags = f.tcpFlags;
        r.proto = f.proto;
        r.reason = static_cast<std::uint8_t>(f.reason);
        r.app = app;
    };
    if (f.addrLen == 4) {
        fill(r4);
        r4.src = std::uint32_t{f.src[0]} << 24 | std::uint32_t{f.src[1]} << 16 |
                 std::uint32_t{f.src[2]} << 8 | f.src[3];
        r4.dst = std::uint32_t{f.dst[0]} << 24 | std::uint32_t{f.dst[1]} << 16 |
                 std::uint32_t{f.dst[2]} << 8 | f.dst[3];
        base = reinterpret_cast<std::uint8_t *>(&r4);
        size = sizeof r4;
    } else {
        fill(r6);
        std::memcpy(r6.src, f.src.data(), 16);
        std::memcpy(r6.dst, f.dst.data(), 16);
        base = reinterpret_cast<std::uint8_t *>(&r6);
        size = sizeof r6;
    }
    GError *err = nullptr;
    if (!fBufAppend(m_fbuf, base, size, &err)) {
        if (!isEndOfMessage(err)) {
            error = "IPFIX record: " + take(err);
            return false;
        }
        g_clear_error(&err);
        if (!emitMessage(error) || !useTemplate(f.addrLen, error))
            return false;
        if (!fBufAppend(m_fbuf, base, size, &err)) {
            error = "IPFIX record: " + take(err);
            return false;
        }
    }
    m_pending = true;
    ++m_records;
    return true;
}

bool IpfixEncoder::emitMessage(std::string &error)
{
    GError *err = nullptr;
    if (!fBufEmit(m_fbuf, &err)) {
        error = "IPFIX message: " + take(err);
        return false;
    }
    m_current = 0;
    const std::size_t size = fbExporterGetMsgLen(fBufGetExporter(m_fbuf));
    m_pending = false;
    if (size == 0)
        return true;
    ++m_messages;
    m_bytes += size;
    m_largest = std::max(m_largest, size);
    m_sink(m_buffer.data(), size);
    return true;
}

bool IpfixEncoder::flush(std::string &error)
{
    return !m_pending || emitMessage(error);
}

bool IpfixEncoder::refreshTemplates(std::string &error)
{
    return flush(error) && exportTemplates(error);
}

} // namespace netlens
