// SPDX-License-Identifier: GPL-3.0-or-later
// Tunnels and the like: GRE (with PPTP's enhanced GRE), VXLAN, Teredo and ESP.
#include "decode/dissection.h"
#include "decode/dissectnames.h"
#include "decode/dissecttext.h"

#include <algorithm>

namespace netlens::dissect {

bool dissectVxlan(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    if (!d.have(off, 8))
        return false;
    d.layer("Virtual eXtensible Local Area Network", off, 8);
    if (d.wantFields()) {
        d.field(1, cat("Flags: ", hex(d.u16(off), 4)), off, 2);
        d.field(1, cat("Group Policy ID: ", d.u16(off + 2)), off + 2, 2);
        d.field(1, cat("VXLAN Network Identifier (VNI): ", d.u24(off + 4)), off + 4, 3);
        d.field(1, cat("Reserved: ", d.u8(off + 7)), off + 7, 1);
    }
    dissectEthernet(d, off + 8, end);
    return true;
}

bool dissectTeredo(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    // Optional authentication and origin indications precede the IPv6 packet (RFC 4380 5.1.1).
    std::uint32_t at = off;
    if (d.u16(at) == 0x0001 && d.have(at, 4))
        at += 4 + d.u8(at + 2) + d.u8(at + 3) + 9;
    if (d.have(at, 8) && d.u16(at) == 0x0000)
        at += 8;
    if (!d.have(at, 40) || (d.u8(at) >> 4) != 6)
        return false;
    d.layer("Teredo IPv6 over UDP tunneling", off, at - off);
    dissectIpv6(d, at, end);
    return true;
}

void dissectGre(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    if (!d.have(off, 4)) {
        d.layer("Generic Routing Encapsulation", off, 4);
        d.cut(1, off, 4);
        return;
    }
    const std::uint16_t fv = d.u16(off), proto = d.u16(off + 2);
    const unsigned version = fv & 7;
    // Optional words in a fixed order; routing (R) is obsolete and not followed.
    std::uint32_t hdr = 4;
    if (fv & 0xc000)
        hdr += 4;
    if (fv & 0x2000)
        hdr += 4;
    if (fv & 0x1000)
        hdr += 4;
    if (version == 1 && (fv & 0x0080))
        hdr += 4;
    std::string_view pname = proto == 0x0800 ? "IP" : etherTypeName(proto);
    d.layer(cat("Generic Routing Encapsulation (",
                pname.empty() ? hex(proto, 4) : std::string(pname), ')'),
            off, hdr);
    if (d.wantFields()) {
        d.field(1, cat("Flags and Version: ", hex(fv, 4)), off, 2);
        d.field(2, bitField(fv, 0x8000, 16, cat("Checksum Bit: ", fv & 0x8000 ? "Yes" : "No")), off,
                2);
        d.field(2, bitField(fv, 0x4000, 16, cat("Routing Bit: ", fv & 0x4000 ? "Yes" : "No")), off,
                2);
        d.field(2, bitField(fv, 0x2000, 16, cat("Key Bit: ", fv & 0x2000 ? "Yes" : "No")), off, 2);
        d.field(2,
                bitField(fv, 0x1000, 16, cat("Sequence Number Bit: ", fv & 0x1000 ? "Yes" : "No")),
                off, 2);
        d.field(2, bitField(fv, 0x0007, 16, cat("Version: ", version)), off, 2);
        d.field(1,
                cat("Protocol Type: ", pname.empty() ? "Unknown" : pname, " (", hex(proto, 4), ')'),
                off + 2, 2);
        std::uint32_t at = off + 4;
        if (fv & 0xc000) {
            d.field(1, cat("Checksum: ", hex(d.u16(at), 4)), at, 2);
            d.field(1, cat("Offset: ", d.u16(at + 2)), at + 2, 2);
            at += 4;
        }
        if ((fv & 0x2000) && version == 1) {
            d.field(1, cat("Payload Length: ", d.u16(at)), at, 2);
            d.field(1, cat("Call ID: ", d.u16(at + 2)), at + 2, 2);
            at += 4;
        } else if (fv & 0x2000) {
            d.field(1, cat("Key: ", hexDec(d.u32(at), 8)), at, 4);
            at += 4;
        }
        if (fv & 0x1000) {
            d.field(1, cat("Sequence Number: ", d.u32(at)), at, 4);
            at += 4;
        }
        if (version == 1 && (fv & 0x0080))
            d.field(1, cat("Acknowledgment Number: ", d.u32(at)), at, 4);
    }
    if (!d.have(off, hdr)) {
        d.cut(1, off, hdr);
        return;
    }
    d.setInfo(cat("Generic Routing Encapsulation (", hex(proto, 4), ')'));
    if (fv & 0x4000 || off + hdr >= d.capped(end))
        return;
    if (proto == 0x8909)
        dissectCiscoMetaData(d, off + hdr, end, true);
    else
        dissectEtherType(d, proto, off + hdr, end);
}

void dissectEsp(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    if (!d.have(off, 8)) {
        d.layer("Encapsulating Security Payload", off, 8);
        d.cut(1, off, 8);
        return;
    }
    d.layer("Encapsulating Security Payload", off, d.capped(end) - off);
    d.field(1, cat("ESP SPI: ", hexDec(d.u32(off), 8)), off, 4);
    d.field(1, cat("ESP Sequence: ", d.u32(off + 4)), off + 4, 4);
    d.setInfo(cat("ESP (SPI=", hex(d.u32(off), 8), ')'));
}

} // namespace netlens::dissect
