#!/usr/bin/env python3
"""Socket workloads for capture.sh: ordinary Linux sockets, one mode per capture.

Each capture has a server side (run in namespace B, the receiver, where tcpdump
listens) and a client side (run in namespace A). A server writes its ready file
once it is listening, so the client never meets a closed port (which would put
a stray SYN/RST in the capture).

  tcp6-sack  : bulk IPv6 transfer A -> B through the small head-drop bottleneck
               that capture.sh puts on A's veth; slow start overflows it, so some
               segments are lost, B's ACKs carry SACK blocks and A retransmits.
  tcp4-zwin  : IPv4 transfer A -> B into a receiver with a tiny SO_RCVBUF whose
               application does not read for a while: zero window, probes,
               then a window update when it reads, then a normal close.
  udp6       : UDP echoes over IPv6 of 0, 13 and 1000 bytes.
  udp6-dstopts: UDP over IPv6 with a Destination Options header (sendmsg with an
               IPV6_DSTOPTS ancillary message); the echoes carry none.
"""
import os
import socket
import struct
import sys
import time

PORT_TCP = 5001
PORT_UDP = 5002


def pattern(n, start=0):
    """n bytes of a recognisable pattern (steps of 7, period 256), offset by start."""
    return bytes(((start + i) * 7 + 17) & 0xFF for i in range(n))


def ready(path):
    with open(path + ".tmp", "w") as f:
        f.write("ready\n")
    os.rename(path + ".tmp", path)


def recv_all(conn):
    total = 0
    while True:
        b = conn.recv(65536)
        if not b:
            return total
        total += len(b)


# --------------------------------------------------------------------------- tcp6-sack

SACK_BYTES = 60000  # about 42 full segments: slow start overflows the bottleneck once


def tcp6_sack_server(addr, ready_path):
    ls = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, PORT_TCP))
    ls.listen(1)
    ready(ready_path)
    conn, peer = ls.accept()
    n = recv_all(conn)
    conn.close()
    ls.close()
    print("tcp6-sack server: received %d bytes from %s" % (n, peer[0]))


def tcp6_sack_client(addr):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.connect((addr, PORT_TCP))
    s.sendall(pattern(SACK_BYTES))
    s.shutdown(socket.SHUT_WR)
    recv_all(s)
    info = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    # struct tcp_info (linux/tcp.h): tcpi_total_retrans is the u32 at offset 100
    total_retrans = struct.unpack_from("I", info, 100)[0]
    s.close()
    print("tcp6-sack client: sent %d bytes, tcpi_total_retrans=%d" % (SACK_BYTES, total_retrans))


# --------------------------------------------------------------------------- tcp4-zwin

ZW_RCVBUF = 4096      # the kernel doubles it to 8192; the window is 2896 bytes (2 MSS)
ZW_TOTAL = 24 * 1024  # bytes the client sends
ZW_HOLD = 1.6         # seconds the receiving application does not read


def tcp4_zwin_server(addr, ready_path):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Set on the listener before listen() so the accepted socket inherits it and
    # the SYN-ACK's window is already small.
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, ZW_RCVBUF)
    ls.bind((addr, PORT_TCP))
    ls.listen(1)
    ready(ready_path)
    conn, peer = ls.accept()
    rcvbuf = conn.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
    # The receive buffer fills and B advertises a zero window. A's persist timer then
    # sends zero-window probes (Linux: no data, seq = SND.UNA - 1; tshark 4.0 calls
    # those "Keep-Alive", its zero_window_probe needs a 1-byte probe). B answers a
    # probe only if its last answer to an out-of-window segment is 500 ms old
    # (net.ipv4.tcp_invalid_ratelimit), so not every probe gets a reply.
    time.sleep(ZW_HOLD)
    n = 0
    while True:                   # reading opens the window: B sends a window update
        b = conn.recv(4096)
        if not b:
            break
        n += len(b)
    conn.close()
    ls.close()
    print("tcp4-zwin server: SO_RCVBUF=%d (kernel value), received %d bytes" % (rcvbuf, n))


def tcp4_zwin_client(addr):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((addr, PORT_TCP))
    s.sendall(pattern(ZW_TOTAL))
    s.shutdown(socket.SHUT_WR)
    recv_all(s)
    s.close()
    print("tcp4-zwin client: sent %d bytes" % ZW_TOTAL)


# --------------------------------------------------------------------------- udp6

UDP_SIZES = [0, 13, 1000]


def udp_echo_server(addr, ready_path, count, recv_dstopts=False):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.bind((addr, PORT_UDP))
    if recv_dstopts:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVDSTOPTS, 1)
    ready(ready_path)
    s.settimeout(10)
    for _ in range(count):
        data, anc, _flags, peer = s.recvmsg(65535, 1024)
        opts = [c[2].hex() for c in anc
                if c[0] == socket.IPPROTO_IPV6 and c[1] == socket.IPV6_DSTOPTS]
        print("udp6 server: %d bytes from [%s]:%d dstopts=%s" % (
            len(data), peer[0], peer[1], opts or "none"))
        s.sendto(data, peer)
    s.close()


def udp6_client(addr):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.settimeout(2)
    s.connect((addr, PORT_UDP))
    for i, n in enumerate(UDP_SIZES):
        data = pattern(n, 3 + i)
        s.send(data)
        echo = s.recv(65535)
        if echo != data:
            sys.exit("udp6: echo mismatch for %d bytes" % n)
        time.sleep(0.001)
    s.close()
    print("udp6 client: echoed %s bytes" % UDP_SIZES)


# Destination Options headers (RFC 8200 section 4.6). The kernel fills in the Next
# Header byte (first byte); Hdr Ext Len is in 8-octet units, not counting the first 8.
DSTOPTS = [
    # 8 bytes: PadN with 4 zero bytes
    bytes([0, 0, 0x01, 4, 0, 0, 0, 0]),
    # 16 bytes: RFC 4727 experimental option 0x1e ("skip if unknown", 8 data bytes),
    # then PadN with 2 zero bytes
    bytes([0, 1, 0x1e, 8]) + b"tcpedu!!" + bytes([0x01, 2, 0, 0]),
]
DSTOPTS_PAYLOAD = [13, 13]


def udp6_dstopts_client(addr):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.settimeout(2)
    s.connect((addr, PORT_UDP))
    for i, (opt, n) in enumerate(zip(DSTOPTS, DSTOPTS_PAYLOAD)):
        data = pattern(n, 3 + i)
        s.sendmsg([data], [(socket.IPPROTO_IPV6, socket.IPV6_DSTOPTS, opt)])
        echo = s.recv(65535)
        if echo != data:
            sys.exit("udp6-dstopts: echo mismatch")
        time.sleep(0.001)
    s.close()
    print("udp6-dstopts client: sent %d datagrams with Destination Options" % len(DSTOPTS))


def main():
    mode, role, addr = sys.argv[1], sys.argv[2], sys.argv[3]
    rp = sys.argv[4] if len(sys.argv) > 4 else None
    if mode == "tcp6-sack":
        tcp6_sack_server(addr, rp) if role == "server" else tcp6_sack_client(addr)
    elif mode == "tcp4-zwin":
        tcp4_zwin_server(addr, rp) if role == "server" else tcp4_zwin_client(addr)
    elif mode == "udp6":
        udp_echo_server(addr, rp, len(UDP_SIZES)) if role == "server" else udp6_client(addr)
    elif mode == "udp6-dstopts":
        if role == "server":
            udp_echo_server(addr, rp, len(DSTOPTS), recv_dstopts=True)
        else:
            udp6_dstopts_client(addr)
    else:
        sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
