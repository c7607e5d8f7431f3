#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make-flood-pcap.py OUT [PACKETS]

Writes a classic pcap of PACKETS (default 1,000,000) UDP packets, each a new flow: sources
10.x.y.z counting up, ports varying, 32 bytes of payload no dissector recognises, 10,000
packets per second of capture time. It stands for a scan or a flood of spoofed sources, the
worst case for anything keeping per-flow and per-host state. Standard library only.
"""
import random
import struct
import sys


def checksum(header: bytes) -> int:
    total = sum(struct.unpack('!10H', header))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    count = int(sys.argv[2]) if len(sys.argv) == 3 else 1_000_000
    rng = random.Random(1)
    ethernet = bytes.fromhex('020000000001020000000002') + b'\x08\x00'
    destination = struct.pack('!I', 0xC0A80001)
    with open(sys.argv[1], 'wb') as out:
        out.write(struct.pack('<IHHiIII', 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        chunk = []
        for i in range(count):
            payload = rng.randbytes(4) * 8
            udp = struct.pack('!HHHH', 40000 + i % 20000, 30000 + (i * 7) % 30000,
                              8 + len(payload), 0) + payload
            ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), i & 0xFFFF, 0, 64, 17, 0,
                             struct.pack('!I', 0x0A000000 | (i & 0xFFFFFF)), destination)
            ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
            frame = ethernet + ip + udp
            chunk.append(struct.pack('<IIII', 1700000000 + i // 10000, (i % 10000) * 100,
                                     len(frame), len(frame)) + frame)
            if len(chunk) == 10000:
                out.write(b''.join(chunk))
                chunk.clear()
        out.write(b''.join(chunk))
    return 0


if __name__ == '__main__':
    sys.exit(main())
