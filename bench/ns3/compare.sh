#!/bin/sh
# compare.sh: run ns-3 and tcpedu on the same bulk transfer, one after the
# other on this machine, and print each one's goodput and wall time and the
# ratio of the wall times. Extra arguments go to both, in tcpedu's spelling:
#
#   bench/ns3/compare.sh                       # 60 s, 100 Mbit/s, 20 ms, 50 packets, NewReno
#   bench/ns3/compare.sh --sack
#   bench/ns3/compare.sh --loss 0.01 --queue 1000
#
# Neither side writes a trace, so the times are the simulators' own. Needs
# Debian's ns3, libns3-dev, g++ and pkg-config (see README.md) and Go.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

bandwidth=100Mbps delay=20ms queue=50 duration=60 loss=0 sack=0
while [ $# -gt 0 ]; do
	case "$1" in
	--bandwidth) bandwidth=$2; shift 2 ;;
	--delay) delay=$2; shift 2 ;;
	--queue) queue=$2; shift 2 ;;
	--duration) duration=${2%s}; shift 2 ;;
	--loss) loss=$2; shift 2 ;;
	--sack) sack=1; shift ;;
	*) echo "compare.sh: unknown argument $1 (known: --bandwidth --delay --queue --duration SECONDS --loss --sack)" >&2; exit 2 ;;
	esac
done

ns3=$("$here/build.sh")
ours="${TMPDIR:-/tmp}/tcpedu-compare"
(cd "$root" && go build -o "$ours" ./cmd/tcpedu)

sackflag=
[ "$sack" = 1 ] && sackflag=--sack

# seconds since the epoch with nanoseconds, for wall time
now() { date +%s.%N; }

t0=$(now)
ns3out=$("$ns3" --cc=NewReno --bandwidth="$bandwidth" --delay="$delay" --queue="$queue" \
	--loss="$loss" --duration="$duration" --sack="$sack")
t1=$(now)
ourout=$("$ours" sim --cc newreno --bandwidth "$bandwidth" --delay "$delay" --queue "$queue" \
	--loss "$loss" --duration "${duration}s" $sackflag --json)
t2=$(now)

python3 - "$ns3out" "$ourout" "$t0" "$t1" "$t2" <<'EOF'
import json, sys
ns3, ours = json.loads(sys.argv[1]), json.loads(sys.argv[2])
t0, t1, t2 = map(float, sys.argv[3:6])
a, b = t1 - t0, t2 - t1
print(f"ns-3:   {ns3['goodput_bps']/1e6:7.2f} Mbit/s  {a:7.2f} s wall")
print(f"tcpedu: {ours['goodput_bps']/1e6:7.2f} Mbit/s  {b:7.2f} s wall"
      f"  ({ours['timeouts']} timeouts, {ours['fast_retransmits']} fast retransmits)")
print(f"tcpedu takes {b/a:.3f} of ns-3's wall time (1/{a/b:.0f})")
EOF
