#!/usr/bin/env bash
# capture.sh — make the Linux golden captures in this directory.
#
# Usage (as root):  ./capture.sh OUTDIR [tcp6_sack] [tcp4_zero_window] [udp6] [udp6_dstopts]
# With no capture names it makes all four. For each name X it writes OUTDIR/X.pcap and,
# if tshark is installed, OUTDIR/X.json (via tshark2json.py, run from OUTDIR).
#
# Recipe (the same as ../../../../../shared/fixtures/linux): two fresh network namespaces
# joined by one veth pair, A = 10.200.0.1 / fd00::1 (the client, the TCP sender) and
# B = 10.200.0.2 / fd00::2 (the server, the TCP receiver), checksum, segmentation and
# receive offloads off on both ends so the kernel computes every checksum in software,
# ordinary Python sockets (workload.py), and `tcpdump -s 0 -w` on B's end (Ethernet
# link type), filtered to the one flow so neighbour discovery stays out of the file.
# Every capture gets its own pair of namespaces; the EXIT trap always deletes them.
#
# Loss for tcp6_sack: this kernel has no netem and no gact ("drop") action, and a packet
# dropped by a qdisc or by a tc drop verdict on the sender is reported back to TCP
# (NET_XMIT_DROP), which then simply sends it again: no hole, no SACK. So the sender's
# egress has a clsact u32 filter whose action is `mirred egress redirect` to a sink veth
# pair inside A: the packet is stolen (TC_ACT_STOLEN looks like success to TCP) and never
# reaches B. The filter matches only IPv6/TCP packets whose socket mark is 1 and whose
# payload starts with "LOSE"; workload.py sets SO_MARK=1 only around one burst, so the
# first transmissions of three segments vanish and later retransmissions get through.
set -euo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 OUTDIR [tcp6_sack|tcp4_zero_window|udp6|udp6_dstopts ...]" >&2
    exit 2
fi
[ "$(id -u)" -eq 0 ] || { echo "$0: must run as root (namespaces, tc, tcpdump)" >&2; exit 1; }

HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
shift
CAPTURES=("$@")
[ ${#CAPTURES[@]} -gt 0 ] || CAPTURES=(tcp6_sack tcp4_zero_window udp6 udp6_dstopts)

NSA="tcpedu-a-$$"
NSB="tcpedu-b-$$"
WORK=$(mktemp -d)
PIDS=()   # background processes this script started (tcpdump, servers)

cleanup() {
    set +e
    local p
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
    done
    PIDS=()
    ip netns del "$NSA" 2>/dev/null
    ip netns del "$NSB" 2>/dev/null
    return 0
}
trap 'cleanup; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

A() { ip netns exec "$NSA" "$@"; }
B() { ip netns exec "$NSB" "$@"; }

# wait_for FILE SECONDS: poll until FILE exists.
wait_for() {
    local i
    for ((i = 0; i < $2 * 20; i++)); do
        [ -e "$1" ] && return 0
        sleep 0.05
    done
    echo "timed out waiting for $1" >&2
    return 1
}

setup_namespaces() {
    ip netns add "$NSA"
    ip netns add "$NSB"
    ip link add veth-a netns "$NSA" type veth peer name veth-b netns "$NSB"
    local ns dev v4 v6
    for ns in A B; do
        if [ $ns = A ]; then dev=veth-a v4=10.200.0.1 v6=fd00::1; else dev=veth-b v4=10.200.0.2 v6=fd00::2; fi
        $ns ip link set lo up
        # Defaults, pinned so the recipe does not depend on the host.
        $ns sysctl -qw net.ipv4.tcp_sack=1 net.ipv4.tcp_timestamps=1 net.ipv4.tcp_window_scaling=1
        $ns ip addr add "$v4/24" dev $dev
        $ns ip -6 addr add "$v6/64" dev $dev nodad
        $ns ethtool -K $dev tx off rx off tso off gso off gro off
        $ns ip link set $dev up
    done
    # Let the link come up (carrier on both ends) before traffic.
    sleep 0.5
}

# start_capture NAME FILTER: tcpdump on B's veth end into $OUT/NAME.pcap
start_capture() {
    rm -f "$OUT/$1.pcap"
    B tcpdump -i veth-b -s 0 -U -w "$OUT/$1.pcap" "$2" 2>"$WORK/tcpdump.log" &
    PIDS+=($!)
    local i
    for ((i = 0; i < 100; i++)); do
        grep -q "listening on" "$WORK/tcpdump.log" && return 0
        sleep 0.05
    done
    cat "$WORK/tcpdump.log" >&2
    return 1
}

stop_capture() {
    sleep 0.3
    local p=${PIDS[0]}
    kill -INT "$p"
    wait "$p" || true
    PIDS=("${PIDS[@]:1}")
    grep -E "packets? (captured|dropped by kernel)" "$WORK/tcpdump.log" | sed 's/^/  tcpdump: /'
}

# run_workload MODE SERVER_ADDR: server in B (waits until it is ready), client in A.
run_workload() {
    local ready="$WORK/ready.$1"
    rm -f "$ready"
    B python3 "$HERE/workload.py" "$1" server "$2" "$ready" &
    local spid=$!
    PIDS+=($spid)
    wait_for "$ready" 5
    A python3 "$HERE/workload.py" "$1" client "$2"
    wait "$spid"
    PIDS=("${PIDS[@]/$spid}")
    local p rest=()
    for p in "${PIDS[@]}"; do [ -n "$p" ] && rest+=("$p"); done
    PIDS=("${rest[@]}")
}

capture_tcp6_sack() {
    # The sink: a second veth pair inside A, both ends up, no IPv6 (no chatter).
    A ip link add sink0 type veth peer name sink1
    A sysctl -qw net.ipv6.conf.sink0.disable_ipv6=1 net.ipv6.conf.sink1.disable_ipv6=1
    A ip link set sink0 up
    A ip link set sink1 up
    A tc qdisc add dev veth-a clsact
    # IPv6 (ethertype) / next header 6 at byte 6 / TCP data offset 8 words (32 bytes) at
    # byte 40+12 / payload "LOSE" at byte 40+32 / skb mark 1 (SO_MARK).
    A tc filter add dev veth-a egress protocol ipv6 prio 1 u32 \
        match u8 6 0xff at 6 \
        match u8 0x80 0xf0 at 52 \
        match u32 0x4c4f5345 0xffffffff at 72 \
        match mark 1 0xffffffff \
        action mirred egress redirect dev sink0
    start_capture tcp6_sack "ip6 and tcp port 5001"
    run_workload tcp6-sack fd00::2
    stop_capture
    echo "  tc: segments stolen by the loss filter (first transmissions and any retransmission sent while the mark was 1):"
    A tc -s filter show dev veth-a egress | grep -E "Sent [0-9]+ bytes [0-9]+ pkt" | head -1 | sed 's/^ */    /'
}

capture_tcp4_zero_window() {
    start_capture tcp4_zero_window "ip and tcp port 5001"
    run_workload tcp4-zwin 10.200.0.2
    stop_capture
}

capture_udp6() {
    start_capture udp6 "ip6 and udp port 5002"
    run_workload udp6 fd00::2
    stop_capture
}

capture_udp6_dstopts() {
    # "udp port" in a BPF filter does not look past IPv6 extension headers, so match
    # the hosts and keep only what is not ICMPv6 (neighbour discovery).
    start_capture udp6_dstopts "ip6 and host fd00::1 and host fd00::2 and not icmp6"
    run_workload udp6-dstopts fd00::2
    stop_capture
}

for c in "${CAPTURES[@]}"; do
    case $c in
        tcp6_sack | tcp4_zero_window | udp6 | udp6_dstopts) ;;
        *) echo "unknown capture $c" >&2; exit 2 ;;
    esac
    echo "== $c"
    setup_namespaces
    "capture_$c"
    cleanup
    if command -v tshark >/dev/null; then
        (cd "$OUT" && python3 "$HERE/tshark2json.py" "$c.pcap" >"$c.json")
        echo "  wrote $OUT/$c.pcap and $c.json"
    else
        echo "  wrote $OUT/$c.pcap (no tshark: no sidecar)"
    fi
done
