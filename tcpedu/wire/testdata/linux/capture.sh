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
# Loss for tcp6_sack: this kernel has no netem (and no gact "drop" action). A packet that
# a qdisc or a tc filter drops as it is enqueued is no loss for TCP either: the kernel
# reports NET_XMIT_DROP back to tcp_transmit_skb, which counts the segment as not sent and
# sends it again later, so no hole appears and no SACK is sent. A real loss needs a packet
# that TCP already counts as sent to vanish. pfifo_head_drop does that: when full it
# discards the OLDEST queued packet and accepts the new one (returning NET_XMIT_CN, which
# TCP treats as sent). So A's egress gets a small bottleneck: HTB at 20 Mbit/s in front of
# a 3-packet head-drop queue. Slow start overflows it, runs of segments are lost, B's
# duplicate ACKs carry up to three SACK blocks, A retransmits (fast retransmit and RACK).
# A true bottleneck is also what tcpedu's simulator models. Seen in a rerun with a second
# tcpdump on A's veth (after the qdisc): it saw exactly the packets B saw, so every loss
# happened in the queue; but the queue's own drop counter (tc -s) said 9 while the
# sender's TcpRetransSegs said 35 (23 lost originals, 12 lost retransmissions), so do
# not trust that counter here.
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
TCPDUMP_PID=""
CAPTURE_FILE=""

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
# (Background jobs below call ip netns exec directly: a backgrounded function would run
# in a subshell, and a signal meant for the job would hit that subshell instead.)

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
        $ns ethtool -K $dev tx off rx off tso off gso off gro off >/dev/null
        $ns ip link set $dev up
    done
    # Let the link come up (carrier on both ends) before traffic.
    sleep 0.5
}

# start_capture NAME FILTER: tcpdump on B's veth end into $OUT/NAME.pcap
start_capture() {
    CAPTURE_FILE="$OUT/$1.pcap"
    rm -f "$CAPTURE_FILE"
    # ip netns exec execs tcpdump, so $! is tcpdump itself.
    ip netns exec "$NSB" tcpdump -i veth-b -s 0 -U --immediate-mode -w "$CAPTURE_FILE" "$2" 2>"$WORK/tcpdump.log" &
    TCPDUMP_PID=$!
    PIDS+=("$TCPDUMP_PID")
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
    kill -INT "$TCPDUMP_PID"
    wait "$TCPDUMP_PID" || true
    forget_pid "$TCPDUMP_PID"
    chown "$(stat -c %u:%g "$OUT")" "$CAPTURE_FILE"   # tcpdump hands the file to its own user
    sed -n 's/^\([0-9]* packets\? \(captured\|dropped by kernel\)\)/  tcpdump: \1/p' "$WORK/tcpdump.log"
}

# run_workload MODE SERVER_ADDR: server in B (waits until it is ready), client in A.
run_workload() {
    local ready="$WORK/ready.$1"
    rm -f "$ready"
    ip netns exec "$NSB" python3 "$HERE/workload.py" "$1" server "$2" "$ready" &
    local spid=$!
    PIDS+=($spid)
    wait_for "$ready" 5
    A python3 "$HERE/workload.py" "$1" client "$2"
    wait "$spid"
    forget_pid "$spid"
}

forget_pid() {
    local p rest=()
    for p in "${PIDS[@]}"; do
        if [ "$p" != "$1" ]; then rest+=("$p"); fi
    done
    PIDS=("${rest[@]}")
}

# The bottleneck for tcp6_sack (see the header): HTB shapes A's egress to SACK_RATE and its
# only class feeds a pfifo_head_drop queue of SACK_QUEUE packets. With these values the
# 60000-byte transfer loses runs of segments in its third round of slow start; in
# repeated runs the pattern of losses, SACKs and retransmissions came out the same.
SACK_RATE=20mbit
SACK_QUEUE=3

capture_tcp6_sack() {
    A tc qdisc add dev veth-a root handle 1: htb default 1 r2q 1000
    A tc class add dev veth-a parent 1: classid 1:1 htb rate $SACK_RATE ceil $SACK_RATE
    A tc qdisc add dev veth-a parent 1:1 handle 10: pfifo_head_drop limit $SACK_QUEUE
    start_capture tcp6_sack "ip6 and tcp port 5001"
    run_workload tcp6-sack fd00::2
    stop_capture
    echo "  tc: $(A tc -s qdisc show dev veth-a | sed -n '/pfifo_head_drop/{n;s/^ *//;p}')"
    if command -v tshark >/dev/null; then
        local f="$OUT/tcp6_sack.pcap" sacks multi
        sacks=$(tshark -n -r "$f" -Y "tcp.options.sack.count >= 1" 2>/dev/null | wc -l)
        multi=$(tshark -n -r "$f" -Y "tcp.options.sack.count >= 2" 2>/dev/null | wc -l)
        echo "  check: $sacks packets carry SACK blocks, $multi of them 2 or more"
        if [ "$sacks" -lt 5 ] || [ "$multi" -lt 1 ]; then
            echo "tcp6_sack: not enough SACK traffic this time; run again or change SACK_QUEUE" >&2
            return 1
        fi
    fi
}

capture_tcp4_zero_window() {
    start_capture tcp4_zero_window "ip and tcp port 5001"
    run_workload tcp4-zwin 10.200.0.2
    stop_capture
    if command -v tshark >/dev/null; then
        local f="$OUT/tcp4_zero_window.pcap" zw upd
        zw=$(tshark -n -r "$f" -Y tcp.analysis.zero_window 2>/dev/null | wc -l)
        upd=$(tshark -n -r "$f" -Y tcp.analysis.window_update 2>/dev/null | wc -l)
        echo "  check: $zw zero-window packets, $upd window updates"
        if [ "$zw" -lt 1 ] || [ "$upd" -lt 1 ]; then
            echo "tcp4_zero_window: no zero window or no window update seen" >&2
            return 1
        fi
    fi
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
