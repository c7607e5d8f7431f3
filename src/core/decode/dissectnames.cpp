// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/dissectnames.h"

#include "decode/dissecttext.h"

#include <cstddef>

namespace netlens::dissect {

namespace {

struct Name {
    std::uint32_t value;
    std::string_view name;
};

template <std::size_t N> std::string_view find(const Name (&table)[N], std::uint32_t value)
{
    for (const Name &n : table)
        if (n.value == value)
            return n.name;
    return {};
}

constexpr Name kEtherTypes[] = {
    {0x0800, "IPv4"},
    {0x0806, "ARP"},
    {0x8035, "RARP"},
    {0x86dd, "IPv6"},
    {0x8100, "802.1Q Virtual LAN"},
    {0x88a8, "802.1ad Provider Bridge (Q-in-Q)"},
    {0x9100, "QinQ: old non-standard 802.1ad"},
    {0x8847, "MPLS label switched packet"},
    {0x8848, "MPLS multicast label switched packet"},
    {0x8863, "PPPoE Discovery"},
    {0x8864, "PPPoE Session"},
    {0x888e, "802.1X Authentication"},
    {0x88cc, "802.1 Link Layer Discovery Protocol (LLDP)"},
    {0x6558, "Transparent Ethernet bridging"},
    {0x880b, "PPP"},
    {0x88e5, "802.1AE (MACsec)"},
    {0x8906, "FCoE"},
    {0x88f7, "PTPv2 over Ethernet (IEEE1588)"},
    {0x9000, "Configuration Test Protocol (loopback)"},
    {0x0842, "Wake on LAN"},
    {0x893a, "IEEE 1905.1a"},
    {0x88b5, "Local Experimental Ethertype 1"},
    {0x8909, "Cisco MetaData"},
};

constexpr Name kIpProtos[] = {
    {0, "IPv6 Hop-by-Hop Option"},
    {1, "ICMP"},
    {2, "IGMP"},
    {4, "IPIP"},
    {6, "TCP"},
    {17, "UDP"},
    {41, "IPv6"},
    {43, "IPv6 Routing"},
    {44, "IPv6 Fragment"},
    {46, "RSVP"},
    {47, "GRE"},
    {50, "ESP"},
    {51, "AH"},
    {58, "ICMPv6"},
    {59, "IPv6 No Next Header"},
    {60, "IPv6 Destination Options"},
    {88, "EIGRP"},
    {89, "OSPF IGP"},
    {103, "PIM"},
    {112, "VRRP"},
    {115, "L2TP"},
    {132, "SCTP"},
    {135, "Mobility Header"},
    {136, "UDPLite"},
    {139, "Host Identity Protocol"},
    {140, "Shim6 Protocol"},
};

constexpr Name kDscp[] = {
    {0, "CS0"},   {8, "CS1"},   {10, "AF11"}, {12, "AF12"}, {14, "AF13"}, {16, "CS2"},
    {18, "AF21"}, {20, "AF22"}, {22, "AF23"}, {24, "CS3"},  {26, "AF31"}, {28, "AF32"},
    {30, "AF33"}, {32, "CS4"},  {34, "AF41"}, {36, "AF42"}, {38, "AF43"}, {40, "CS5"},
    {44, "VA"},   {46, "EF"},   {48, "CS6"},  {56, "CS7"},  {1, "LE"},
};

constexpr Name kIcmpTypes[] = {
    {0, "Echo (ping) reply"},
    {3, "Destination unreachable"},
    {4, "Source quench (flow control)"},
    {5, "Redirect"},
    {8, "Echo (ping) request"},
    {9, "Router advertisement"},
    {10, "Router solicitation"},
    {11, "Time-to-live exceeded"},
    {12, "Parameter problem"},
    {13, "Timestamp request"},
    {14, "Timestamp reply"},
    {15, "Information request"},
    {16, "Information reply"},
    {17, "Address mask request"},
    {18, "Address mask reply"},
    {30, "Traceroute"},
    {42, "Extended Echo request"},
    {43, "Extended Echo reply"},
};

constexpr Name kIcmpUnreachable[] = {
    {0, "Network unreachable"},
    {1, "Host unreachable"},
    {2, "Protocol unreachable"},
    {3, "Port unreachable"},
    {4, "Fragmentation needed"},
    {5, "Source route failed"},
    {6, "Destination network unknown"},
    {7, "Destination host unknown"},
    {8, "Source host isolated"},
    {9, "Network administratively prohibited"},
    {10, "Host administratively prohibited"},
    {11, "Network unreachable for TOS"},
    {12, "Host unreachable for TOS"},
    {13, "Communication administratively filtered"},
    {14, "Host precedence violation"},
    {15, "Precedence cutoff in effect"},
};

constexpr Name kIcmpRedirect[] = {
    {0, "Redirect for network"},
    {1, "Redirect for host"},
    {2, "Redirect for TOS and network"},
    {3, "Redirect for TOS and host"},
};

constexpr Name kIcmpv6Types[] = {
    {1, "Destination Unreachable"},
    {2, "Packet Too Big"},
    {3, "Time Exceeded"},
    {4, "Parameter Problem"},
    {128, "Echo (ping) request"},
    {129, "Echo (ping) reply"},
    {130, "Multicast Listener Query"},
    {131, "Multicast Listener Report"},
    {132, "Multicast Listener Done"},
    {133, "Router Solicitation"},
    {134, "Router Advertisement"},
    {135, "Neighbor Solicitation"},
    {136, "Neighbor Advertisement"},
    {137, "Redirect"},
    {138, "Router Renumbering"},
    {141, "Inverse Neighbor Discovery Solicitation Message"},
    {142, "Inverse Neighbor Discovery Advertisement Message"},
    {143, "Multicast Listener Report Message v2"},
    {151, "Multicast Router Advertisement"},
    {152, "Multicast Router Solicitation"},
    {153, "Multicast Router Termination"},
    {155, "RPL Control Message"},
};

constexpr Name kIcmpv6Unreachable[] = {
    {0, "no route to destination"},
    {1, "communication with destination administratively prohibited"},
    {2, "beyond scope of source address"},
    {3, "address unreachable"},
    {4, "port unreachable"},
    {5, "source address failed ingress/egress policy"},
    {6, "reject route to destination"},
};

constexpr Name kTcpOptions[] = {
    {0, "End of Option List (EOL)"},
    {1, "No-Operation (NOP)"},
    {2, "Maximum segment size"},
    {3, "Window scale"},
    {4, "SACK permitted"},
    {5, "SACK"},
    {8, "Timestamps"},
    {19, "TCP MD5 signature"},
    {28, "User Timeout"},
    {29, "TCP Authentication Option"},
    {30, "Multipath TCP"},
    {34, "TCP Fast Open Cookie"},
};

constexpr Name kSctpChunks[] = {
    {0, "DATA"},
    {1, "INIT"},
    {2, "INIT_ACK"},
    {3, "SACK"},
    {4, "HEARTBEAT"},
    {5, "HEARTBEAT_ACK"},
    {6, "ABORT"},
    {7, "SHUTDOWN"},
    {8, "SHUTDOWN_ACK"},
    {9, "ERROR"},
    {10, "COOKIE_ECHO"},
    {11, "COOKIE_ACK"},
    {12, "ECNE"},
    {13, "CWR"},
    {14, "SHUTDOWN_COMPLETE"},
    {15, "AUTH"},
    {64, "I_DATA"},
    {128, "ASCONF_ACK"},
    {130, "RE_CONFIG"},
    {132, "PAD"},
    {192, "FORWARD_TSN"},
    {193, "ASCONF"},
    {194, "I_FORWARD_TSN"},
};

constexpr Name kDnsTypes[] = {
    {1, "A"},           {2, "NS"},      {5, "CNAME"},   {6, "SOA"},       {12, "PTR"},
    {13, "HINFO"},      {15, "MX"},     {16, "TXT"},    {17, "RP"},       {18, "AFSDB"},
    {24, "SIG"},        {25, "KEY"},    {28, "AAAA"},   {29, "LOC"},      {33, "SRV"},
    {35, "NAPTR"},      {36, "KX"},     {37, "CERT"},   {39, "DNAME"},    {41, "OPT"},
    {42, "APL"},        {43, "DS"},     {44, "SSHFP"},  {45, "IPSECKEY"}, {46, "RRSIG"},
    {47, "NSEC"},       {48, "DNSKEY"}, {49, "DHCID"},  {50, "NSEC3"},    {51, "NSEC3PARAM"},
    {52, "TLSA"},       {53, "SMIMEA"}, {55, "HIP"},    {59, "CDS"},      {60, "CDNSKEY"},
    {61, "OPENPGPKEY"}, {62, "CSYNC"},  {63, "ZONEMD"}, {64, "SVCB"},     {65, "HTTPS"},
    {99, "SPF"},        {249, "TKEY"},  {250, "TSIG"},  {251, "IXFR"},    {252, "AXFR"},
    {255, "ANY"},       {256, "URI"},   {257, "CAA"},
};

constexpr Name kDnsClasses[] = {
    {1, "IN"}, {3, "CH"}, {4, "HS"}, {254, "NONE"}, {255, "ANY"},
};

constexpr Name kDnsOpcodes[] = {
    {0, "Standard query"},           {1, "Inverse query"},  {2, "Server status request"},
    {4, "Zone change notification"}, {5, "Dynamic update"}, {6, "DNS Stateful operations (DSO)"},
};

constexpr Name kDnsRcodes[] = {
    {0, "No error"},          {1, "Format error"},      {2, "Server failure"},
    {3, "No such name"},      {4, "Not implemented"},   {5, "Refused"},
    {6, "Name exists"},       {7, "RRset exists"},      {8, "RRset does not exist"},
    {9, "Not authoritative"}, {10, "Name out of zone"}, {11, "DSO-Type not implemented"},
};

constexpr Name kTlsContentTypes[] = {
    {20, "Change Cipher Spec"}, {21, "Alert"},     {22, "Handshake"},
    {23, "Application Data"},   {24, "Heartbeat"},
};

constexpr Name kTlsHandshakes[] = {
    {0, "Hello Request"},        {1, "Client Hello"},       {2, "Server Hello"},
    {3, "Hello Verify Request"}, {4, "New Session Ticket"}, {5, "End of Early Data"},
    {8, "Encrypted Extensions"}, {11, "Certificate"},       {12, "Server Key Exchange"},
    {13, "Certificate Request"}, {14, "Server Hello Done"}, {15, "Certificate Verify"},
    {16, "Client Key Exchange"}, {20, "Finished"},          {21, "Certificate URL"},
    {22, "Certificate Status"},  {24, "Key Update"},        {254, "Message Hash"},
};

constexpr Name kTlsVersions[] = {
    {0x0300, "SSL 3.0"}, {0x0301, "TLS 1.0"}, {0x0302, "TLS 1.1"},
    {0x0303, "TLS 1.2"}, {0x0304, "TLS 1.3"},
};

constexpr Name kTlsRecordVersions[] = {
    {0x0300, "SSLv3"},   {0x0301, "TLSv1"},   {0x0302, "TLSv1.1"},
    {0x0303, "TLSv1.2"}, {0x0304, "TLSv1.3"},
};

constexpr Name kTlsExtensions[] = {
    {0, "server_name"},
    {1, "max_fragment_length"},
    {5, "status_request"},
    {10, "supported_groups"},
    {11, "ec_point_formats"},
    {13, "signature_algorithms"},
    {14, "use_srtp"},
    {15, "heartbeat"},
    {16, "application_layer_protocol_negotiation"},
    {18, "signed_certificate_timestamp"},
    {21, "padding"},
    {22, "encrypt_then_mac"},
    {23, "extended_master_secret"},
    {27, "compress_certificate"},
    {28, "record_size_limit"},
    {35, "session_ticket"},
    {41, "pre_shared_key"},
    {42, "early_data"},
    {43, "supported_versions"},
    {44, "cookie"},
    {45, "psk_key_exchange_modes"},
    {49, "post_handshake_auth"},
    {50, "signature_algorithms_cert"},
    {51, "key_share"},
    {57, "quic_transport_parameters"},
    {13172, "next_protocol_negotiation"},
    {17513, "application_settings"},
    {65037, "encrypted_client_hello"},
    {65281, "renegotiation_info"},
};

constexpr Name kDhcpMessageTypes[] = {
    {1, "Discover"},      {2, "Offer"},        {3, "Request"},           {4, "Decline"},
    {5, "ACK"},           {6, "NAK"},          {7, "Release"},           {8, "Inform"},
    {9, "Force Renew"},   {10, "Lease query"}, {11, "Lease Unassigned"}, {12, "Lease Unknown"},
    {13, "Lease Active"},
};

constexpr Name kDhcpOptions[] = {
    {0, "Padding"},
    {1, "Subnet Mask"},
    {2, "Time Offset"},
    {3, "Router"},
    {6, "Domain Name Server"},
    {12, "Host Name"},
    {15, "Domain Name"},
    {26, "Interface MTU"},
    {28, "Broadcast Address"},
    {31, "Perform Router Discover"},
    {33, "Static Route"},
    {42, "Network Time Protocol Servers"},
    {43, "Vendor-Specific Information"},
    {44, "NetBIOS over TCP/IP Name Server"},
    {46, "NetBIOS over TCP/IP Node Type"},
    {47, "NetBIOS over TCP/IP Scope"},
    {50, "Requested IP Address"},
    {51, "IP Address Lease Time"},
    {52, "Option Overload"},
    {53, "DHCP Message Type"},
    {54, "DHCP Server Identifier"},
    {55, "Parameter Request List"},
    {56, "Message"},
    {57, "Maximum DHCP Message Size"},
    {58, "Renewal Time Value"},
    {59, "Rebinding Time Value"},
    {60, "Vendor class identifier"},
    {61, "Client identifier"},
    {66, "TFTP Server Name"},
    {67, "Bootfile name"},
    {77, "User Class Information"},
    {81, "Client Fully Qualified Domain Name"},
    {82, "Agent Information Option"},
    {116, "DHCP Auto-Configuration"},
    {119, "Domain Search"},
    {121, "Classless Static Route"},
    {145, "Forcerenew Nonce Capable"},
    {249, "Private/Classless Static Route (Microsoft)"},
    {252, "Private/Proxy autodiscovery"},
    {255, "End"},
};

constexpr Name kArpOpcodes[] = {
    {1, "request"},       {2, "reply"},           {3, "reverse request"},
    {4, "reverse reply"}, {8, "inverse request"}, {9, "inverse reply"},
};

constexpr Name kSllPacketTypes[] = {
    {0, "Unicast to us"},           {1, "Broadcast"},  {2, "Multicast"},
    {3, "Unicast to another host"}, {4, "Sent by us"},
};

} // namespace

std::string_view etherTypeName(std::uint16_t type)
{
    return find(kEtherTypes, type);
}
std::string etherTypeText(std::uint16_t type)
{
    const std::string_view name = etherTypeName(type);
    return cat(name.empty() ? std::string_view("Unknown") : name, " (", hex(type, 4), ')');
}
std::string_view ipProtoName(std::uint8_t proto)
{
    return find(kIpProtos, proto);
}
std::string_view dscpName(unsigned dscp)
{
    return find(kDscp, dscp);
}
std::string_view ecnName(unsigned ecn)
{
    switch (ecn & 3) {
    case 0: return "Not-ECT";
    case 1: return "ECT(1)";
    case 2: return "ECT(0)";
    default: return "CE";
    }
}
std::string_view icmpTypeName(std::uint8_t type)
{
    return find(kIcmpTypes, type);
}
std::string_view icmpCodeName(std::uint8_t type, std::uint8_t code)
{
    switch (type) {
    case 3: return find(kIcmpUnreachable, code);
    case 5: return find(kIcmpRedirect, code);
    case 9:
        return code == 0    ? "Normal router advertisement"
               : code == 16 ? "Does not route common traffic"
                            : std::string_view();
    case 11:
        return code == 0   ? "Time to live exceeded in transit"
               : code == 1 ? "Fragment reassembly time exceeded"
                           : std::string_view();
    case 12:
        return code == 0   ? "Pointer indicates the error"
               : code == 1 ? "Required option missing"
               : code == 2 ? "Bad length"
                           : std::string_view();
    default: return {};
    }
}
std::string_view icmpv6TypeName(std::uint8_t type)
{
    return find(kIcmpv6Types, type);
}
std::string_view icmpv6CodeName(std::uint8_t type, std::uint8_t code)
{
    switch (type) {
    case 1: return find(kIcmpv6Unreachable, code);
    case 3:
        return code == 0   ? "hop limit exceeded in transit"
               : code == 1 ? "fragment reassembly time exceeded"
                           : std::string_view();
    case 4:
        return code == 0   ? "erroneous header field encountered"
               : code == 1 ? "unrecognized Next Header type encountered"
               : code == 2 ? "unrecognized IPv6 option encountered"
                           : std::string_view();
    default: return {};
    }
}
std::string_view tcpOptionName(std::uint8_t kind)
{
    return find(kTcpOptions, kind);
}
std::string_view sctpChunkName(std::uint8_t type)
{
    return find(kSctpChunks, type);
}
std::string_view dnsTypeName(std::uint16_t type)
{
    return find(kDnsTypes, type);
}
std::string_view dnsClassName(std::uint16_t cls)
{
    return find(kDnsClasses, cls);
}
std::string_view dnsOpcodeName(unsigned opcode)
{
    return find(kDnsOpcodes, opcode);
}
std::string_view dnsRcodeName(unsigned rcode)
{
    return find(kDnsRcodes, rcode);
}
std::string_view tlsContentTypeName(std::uint8_t type)
{
    return find(kTlsContentTypes, type);
}
std::string_view tlsHandshakeName(std::uint8_t type)
{
    return find(kTlsHandshakes, type);
}
std::string_view tlsVersionName(std::uint16_t version)
{
    return find(kTlsVersions, version);
}
std::string_view tlsRecordVersionName(std::uint16_t version)
{
    return find(kTlsRecordVersions, version);
}
std::string_view tlsExtensionName(std::uint16_t type)
{
    // GREASE values (RFC 8701) are 0x?a?a with both bytes equal.
    if ((type & 0x0f0f) == 0x0a0a && (type >> 8) == (type & 0xff))
        return "Reserved (GREASE)";
    return find(kTlsExtensions, type);
}
std::string_view dhcpMessageTypeName(std::uint8_t type)
{
    return find(kDhcpMessageTypes, type);
}
std::string_view dhcpOptionName(std::uint8_t option)
{
    return find(kDhcpOptions, option);
}
std::string_view arpOpcodeName(std::uint16_t op)
{
    return find(kArpOpcodes, op);
}
std::string_view sllPacketTypeName(std::uint16_t type)
{
    return find(kSllPacketTypes, type);
}

} // namespace netlens::dissect
