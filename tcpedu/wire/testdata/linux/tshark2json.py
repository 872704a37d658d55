#!/usr/bin/env python3
"""tshark2json.py — turn a pcap into the golden-test sidecar JSON (X.pcap -> X.json).

Usage: python3 tshark2json.py PATH/X.pcap > X.json

The sidecar has the same schema and key names as ../shared/fixtures/linux/*.json:
{pcap, tshark_command, notes, checksum_summary, packets: [...]}. Every decoded value comes
from one run of tshark (the command, with the same options and field list as those
sidecars, is recorded in "tshark_command", with PATH exactly as given). Only the two raw
byte strings, ip_hex and l4_hdr_hex, are not tshark fields: they are cut from the pcap's
own frame bytes (Ethernet header stripped), and the cut is cross-checked against tshark's
lengths.
"""
import collections
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

FIELDS = """
frame.number frame.time_relative frame.len
ip.version ip.src ip.dst ip.proto ip.ttl ip.id ip.flags ip.len ip.checksum ip.checksum.status
ipv6.version ipv6.src ipv6.dst ipv6.nxt ipv6.hlim ipv6.plen ipv6.flow
tcp.stream tcp.srcport tcp.dstport tcp.seq_raw tcp.ack_raw tcp.nxtseq tcp.flags tcp.flags.str
tcp.hdr_len tcp.window_size_value tcp.window_size tcp.window_size_scalefactor
tcp.urgent_pointer tcp.checksum tcp.checksum.status tcp.checksum_calculated tcp.len
tcp.options tcp.option_kind tcp.option_len tcp.options.mss_val tcp.options.wscale.shift
tcp.options.wscale.multiplier tcp.options.sack_le tcp.options.sack_re tcp.options.sack.count
tcp.options.timestamp.tsval tcp.options.timestamp.tsecr
udp.srcport udp.dstport udp.length udp.checksum udp.checksum.status udp.checksum_calculated
icmp.type icmp.code icmp.checksum icmp.checksum.status
icmpv6.type icmpv6.code icmpv6.checksum icmpv6.checksum.status
tcp.analysis.retransmission tcp.analysis.fast_retransmission
tcp.analysis.spurious_retransmission tcp.analysis.duplicate_ack
tcp.analysis.duplicate_ack_num tcp.analysis.zero_window tcp.analysis.zero_window_probe
tcp.analysis.window_full tcp.analysis.window_update tcp.analysis.out_of_order
tcp.analysis.lost_segment tcp.analysis.ack_lost_segment tcp.analysis.keep_alive
tcp.analysis.bytes_in_flight
""".split()

OPTIONS = [
    "-o", "tcp.relative_sequence_numbers:FALSE",
    "-o", "tcp.analyze_sequence_numbers:TRUE",
    "-o", "ip.check_checksum:TRUE",
    "-o", "tcp.check_checksum:TRUE",
    "-o", "udp.check_checksum:TRUE",
    "-o", "tcp.desegment_tcp_streams:FALSE",
    "-T", "fields",
    "-E", "header=y", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,",
]

NOTES = ("seq/ack/sack are raw wire values; window_raw is the unscaled 16-bit field; "
         "checksum_status from tshark validation (good/bad/unverified); "
         "ip_hex = IP header..end of packet (Ethernet stripped); "
         "l4_hdr_hex = TCP/UDP header incl. options")

# tshark's expert flags, in the order of the field list; the "analysis" list names the
# ones present on a packet. duplicate_ack_num and bytes_in_flight are numbers, not flags.
ANALYSIS_FLAGS = [
    "retransmission", "fast_retransmission", "spurious_retransmission", "duplicate_ack",
    "zero_window", "zero_window_probe", "window_full", "window_update", "out_of_order",
    "lost_segment", "ack_lost_segment", "keep_alive",
]

# TCP flag bits, least significant first (RFC 9293 §3.1, RFC 3168, RFC 9768 for AE).
TCP_FLAG_NAMES = [(0x001, "FIN"), (0x002, "SYN"), (0x004, "RST"), (0x008, "PSH"),
                  (0x010, "ACK"), (0x020, "URG"), (0x040, "ECE"), (0x080, "CWR"),
                  (0x100, "AE")]

CHECKSUM_STATUS = {"0": "bad", "1": "good", "2": "unverified", "3": "not_present",
                   "4": "illegal"}

ICMP_ERROR_NOTE = "quotes the offending IP+UDP header; inner udp.* fields are not listed"
ICMP_ERROR_TYPES = {3, 4, 5, 11, 12}       # ICMPv4 errors that quote a datagram
ICMPV6_ERROR_TYPES = {1, 2, 3, 4}          # ICMPv6 errors that quote a datagram

ETH_HLEN = 14
LINKTYPE_ETHERNET = 1
IPV6_EXT_HEADERS = {0, 43, 60}             # hop-by-hop, routing, destination options
IPV6_FRAGMENT = 44
IPV6_AH = 51


def tshark_argv(pcap):
    argv = ["tshark", "-n", "-r", pcap] + OPTIONS
    for f in FIELDS:
        argv += ["-e", f]
    return argv


def read_pcap(path):
    """Return the list of frame byte strings of a classic libpcap file."""
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        sys.exit("%s: not a classic pcap file (pcapng is not supported)" % path)
    linktype = struct.unpack(end + "I", data[20:24])[0]
    if linktype != LINKTYPE_ETHERNET:
        sys.exit("%s: link type %d, want Ethernet (1)" % (path, linktype))
    frames, off = [], 24
    while off < len(data):
        _sec, _frac, incl, _orig = struct.unpack(end + "IIII", data[off:off + 16])
        frames.append(data[off + 16:off + 16 + incl])
        off += 16 + incl
    return frames


def first(v):
    """The first occurrence of a field (ICMP errors repeat IP fields for the quote)."""
    return v.split(",")[0] if v else ""


def num(v):
    """An integer field as tshark prints it (decimal or 0x hex), None when absent."""
    v = first(v)
    if v == "":
        return None
    return int(v, 16) if v.startswith("0x") else int(v)


def ints(v):
    return [int(x, 16) if x.startswith("0x") else int(x) for x in v.split(",")] if v else []


def status(v):
    v = first(v)
    return CHECKSUM_STATUS.get(v, v) if v != "" else None


def l4_offset(ip):
    """Offset of the transport header inside the IP packet, skipping IPv6 extensions."""
    if ip[0] >> 4 == 4:
        return (ip[0] & 0x0F) * 4, ip[9]
    nxt, off = ip[6], 40
    while nxt in IPV6_EXT_HEADERS or nxt in (IPV6_FRAGMENT, IPV6_AH):
        if nxt == IPV6_FRAGMENT:
            length = 8
        elif nxt == IPV6_AH:
            length = (ip[off + 1] + 2) * 4
        else:
            length = (ip[off + 1] + 1) * 8
        nxt, off = ip[off], off + length
    return off, nxt


def convert(pcap):
    argv = tshark_argv(pcap)
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    lines = out.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    if header != FIELDS:
        sys.exit("unexpected tshark header: %r" % header)
    frames = read_pcap(pcap)
    if len(frames) != len(lines) - 1:
        sys.exit("tshark printed %d packets, pcap holds %d" % (len(lines) - 1, len(frames)))

    summary = {"packets": 0, "tcp_checksum": collections.Counter(),
               "udp_checksum": collections.Counter(), "ip_checksum": collections.Counter(),
               "icmp_checksum": collections.Counter()}
    packets = []
    ext_headers = False
    for line, frame in zip(lines[1:], frames):
        r = dict(zip(FIELDS, line.split("\t")))
        p = collections.OrderedDict()
        p["frame"] = num(r["frame.number"])
        p["t"] = float(r["frame.time_relative"])
        p["frame_len"] = num(r["frame.len"])
        ip = frame[ETH_HLEN:]
        # The IPv6 dissector fills ip.version too, so decide on the address fields.
        if r["ip.src"]:
            p["ipver"] = num(r["ip.version"])
            p["src"] = first(r["ip.src"])
            p["dst"] = first(r["ip.dst"])
            p["proto"] = num(r["ip.proto"])
            p["ttl"] = num(r["ip.ttl"])
            p["ip_id"] = num(r["ip.id"])
            p["ip_flags"] = num(r["ip.flags"])
            p["ip_total_len"] = num(r["ip.len"])
            p["ip_checksum"] = num(r["ip.checksum"])
            p["ip_checksum_status"] = status(r["ip.checksum.status"])
            ip_len = p["ip_total_len"]
            summary["ip_checksum"][p["ip_checksum_status"]] += 1
        elif r["ipv6.src"]:
            p["ipver"] = num(r["ipv6.version"])
            p["src"] = first(r["ipv6.src"])
            p["dst"] = first(r["ipv6.dst"])
            # proto is the upper-layer protocol, as ip.proto is for IPv4. Without
            # extension headers that is ipv6.nxt; with them, ipv6.nxt names the first
            # extension header and the upper-layer protocol is found by walking the
            # chain in the packet bytes (and must agree with the layer tshark decoded).
            p["proto"] = num(r["ipv6.nxt"])
            if p["proto"] in IPV6_EXT_HEADERS | {IPV6_FRAGMENT, IPV6_AH}:
                p["proto"] = l4_offset(ip)[1]
                ext_headers = True
            p["hop_limit"] = num(r["ipv6.hlim"])
            p["payload_len"] = num(r["ipv6.plen"])
            p["flow_label"] = num(r["ipv6.flow"])
            ip_len = 40 + p["payload_len"]
        else:
            sys.exit("frame %s: neither IPv4 nor IPv6" % r["frame.number"])
        if len(ip) != ip_len:
            sys.exit("frame %d: %d bytes after Ethernet, IP says %d" % (p["frame"], len(ip), ip_len))
        l4off, l4proto = l4_offset(ip)
        summary["packets"] += 1

        l4_hdr = None
        if r["icmp.type"] or r["icmpv6.type"]:
            v6 = not r["icmp.type"]
            pre = "icmpv6." if v6 else "icmp."
            icmp = collections.OrderedDict()
            icmp["type"] = num(r[pre + "type"])
            icmp["code"] = num(r[pre + "code"])
            icmp["checksum"] = num(r[pre + "checksum"])
            icmp["checksum_status"] = status(r[pre + "checksum.status"])
            if icmp["type"] in (ICMPV6_ERROR_TYPES if v6 else ICMP_ERROR_TYPES):
                icmp["note"] = ICMP_ERROR_NOTE
            p["icmp"] = icmp
            summary["icmp_checksum"][icmp["checksum_status"]] += 1
        elif r["tcp.srcport"]:
            t = collections.OrderedDict()
            t["sport"] = num(r["tcp.srcport"])
            t["dport"] = num(r["tcp.dstport"])
            t["seq"] = num(r["tcp.seq_raw"])
            t["ack"] = num(r["tcp.ack_raw"])
            t["flags"] = num(r["tcp.flags"])
            t["flags_str"] = r["tcp.flags.str"]
            t["flag_names"] = [n for bit, n in TCP_FLAG_NAMES if t["flags"] & bit]
            t["data_offset_bytes"] = num(r["tcp.hdr_len"])
            t["data_offset_words"] = t["data_offset_bytes"] // 4
            t["window_raw"] = num(r["tcp.window_size_value"])
            t["window_scaled_by_tshark"] = num(r["tcp.window_size"])
            t["window_scalefactor_tshark"] = num(r["tcp.window_size_scalefactor"])
            t["urgent_pointer"] = num(r["tcp.urgent_pointer"])
            t["checksum"] = num(r["tcp.checksum"])
            t["checksum_status"] = status(r["tcp.checksum.status"])
            t["checksum_calculated_by_tshark"] = num(r["tcp.checksum_calculated"])
            t["payload_len"] = num(r["tcp.len"])
            t["options_hex"] = r["tcp.options"].replace(":", "")
            t["option_kinds"] = ints(r["tcp.option_kind"])
            t["mss"] = num(r["tcp.options.mss_val"])
            t["wscale"] = num(r["tcp.options.wscale.shift"])
            t["sack_permitted"] = 4 in t["option_kinds"]
            le, re_ = ints(r["tcp.options.sack_le"]), ints(r["tcp.options.sack_re"])
            if len(le) != len(re_):
                sys.exit("frame %d: %d SACK left edges, %d right edges" % (p["frame"], len(le), len(re_)))
            t["sack_blocks"] = [[a, b] for a, b in zip(le, re_)]
            t["ts_val"] = num(r["tcp.options.timestamp.tsval"])
            t["ts_ecr"] = num(r["tcp.options.timestamp.tsecr"])
            t["analysis"] = [f for f in ANALYSIS_FLAGS if r["tcp.analysis." + f] != ""]
            p["tcp"] = t
            summary["tcp_checksum"][t["checksum_status"]] += 1
            l4_hdr = ip[l4off:l4off + t["data_offset_bytes"]]
            check_l4(p, l4proto, 6, len(ip) - l4off, t["data_offset_bytes"] + t["payload_len"])
        elif r["udp.srcport"]:
            u = collections.OrderedDict()
            u["sport"] = num(r["udp.srcport"])
            u["dport"] = num(r["udp.dstport"])
            u["length"] = num(r["udp.length"])
            u["payload_len"] = u["length"] - 8
            u["checksum"] = num(r["udp.checksum"])
            u["checksum_status"] = status(r["udp.checksum.status"])
            u["checksum_calculated_by_tshark"] = num(r["udp.checksum_calculated"])
            p["udp"] = u
            summary["udp_checksum"][u["checksum_status"]] += 1
            l4_hdr = ip[l4off:l4off + 8]
            check_l4(p, l4proto, 17, len(ip) - l4off, u["length"])
        else:
            sys.exit("frame %d: not TCP, UDP or ICMP" % p["frame"])
        if l4_hdr is not None:
            p["l4_hdr_hex"] = l4_hdr.hex()
        p["ip_hex"] = ip.hex()
        packets.append(p)

    notes = NOTES
    if ext_headers:
        notes += ("; some IPv6 packets carry extension headers: for them proto is the "
                  "upper-layer protocol found after the extension headers (as for IPv4 and "
                  "for IPv6 without them), not the fixed header's Next Header (tshark's "
                  "ipv6.nxt, e.g. 60 for Destination Options: byte 6 of ip_hex), and "
                  "l4_hdr_hex is the transport header after the extension headers")
    doc = collections.OrderedDict()
    doc["pcap"] = os.path.basename(pcap)
    doc["tshark_command"] = " ".join(argv)
    doc["notes"] = notes
    doc["checksum_summary"] = {k: (dict(v) if k != "packets" else v) for k, v in summary.items()}
    doc["packets"] = packets
    return doc


def check_l4(p, got_proto, want_proto, bytes_after, want_len):
    """The transport header found by walking the IP headers must be where tshark says."""
    if got_proto != want_proto or bytes_after != want_len:
        sys.exit("frame %d: transport header walk disagrees with tshark (proto %d/%d, %d/%d bytes)"
                 % (p["frame"], got_proto, want_proto, bytes_after, want_len))


def check(sidecar):
    """Regenerate a sidecar with the tshark installed here; report whether it is unchanged.

    The pcap is decoded under the same relative path the sidecar's tshark_command recorded
    (say pcap/X.pcap), so that the regenerated file can be compared whole.
    """
    with open(sidecar) as f:
        old = json.load(f)
    recorded = old["tshark_command"].split(" -r ", 1)[1].split(" ", 1)[0]
    pcap = os.path.join(os.path.dirname(sidecar), os.path.basename(recorded))
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, recorded)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy(pcap, target)
        here = os.getcwd()
        os.chdir(tmp)
        try:
            new = json.loads(json.dumps(convert(recorded)))
        finally:
            os.chdir(here)
    if new == old:
        return True
    for key in old:
        if key != "packets" and old.get(key) != new.get(key):
            print("%s: %s differs: stored %r, tshark now says %r" % (sidecar, key, old.get(key), new.get(key)), file=sys.stderr)
    for a, b in zip(old["packets"], new.get("packets", [])):
        if a != b:
            diff = {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}
            print("%s: frame %s differs (stored, now): %r" % (sidecar, a.get("frame"), diff), file=sys.stderr)
            break
    return False


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--check":
        ok = all([check(s) for s in sys.argv[2:]])
        sys.exit(0 if ok else 1)
    if len(sys.argv) != 2:
        sys.exit("usage: tshark2json.py PATH/X.pcap > X.json\n       tshark2json.py --check X.json...")
    json.dump(convert(sys.argv[1]), sys.stdout, indent=1)


if __name__ == "__main__":
    main()
