#!/usr/bin/env bash
# Reproduces the comparison tables of README.md: tcpedu against gopacket
# (TCP header parsing) and gVisor (Internet checksum), the two
# implementations interleaved round by round, summarised by benchstat.
#
#   ./run.sh                 # 20 rounds, results in new.txt
#   COUNT=20 OUT=x.txt ./run.sh
#   BENCHTIME=2s ./run.sh    # longer runs per sample
set -euo pipefail
cd "$(dirname "$0")"

count=${COUNT:-20}
out=${OUT:-new.txt}
benchtime=${BENCHTIME:-1s}
benchstat=(go run golang.org/x/perf/cmd/benchstat@latest)

# First make sure each pair computes the same thing; a benchmark of
# different work would be meaningless.
go test -count 1 -run . .

# `go test -count N` would run the N samples of each benchmark back to
# back, so a slow spell of this shared machine could land on one
# implementation only. Instead build the test binary once and run it N
# times, each round timing every benchmark once, tcpedu and the other
# implementation one right after the other on the same input.
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go test -c -o "$bin/bench.test" .
: > "$out"
for round in $(seq "$count"); do
	echo "round $round of $count" >&2
	"$bin/bench.test" -test.run '^$' -test.bench . -test.benchmem \
		-test.benchtime "$benchtime" -test.count 1 | grep -v '^PASS$' | tee -a "$out"
done

echo
echo "== Parse: gopacket layers.TCP.DecodeFromBytes (baseline) vs tcpedu wire.TCPHeader.Parse"
"${benchstat[@]}" -filter '.name:Parse .unit:(sec/op OR allocs/op)' -row /hdr -col '/impl@(gopacket tcpedu)' "$out"
echo
echo "== Checksum: gVisor checksum.Checksum (baseline) vs tcpedu checksum.Sum"
"${benchstat[@]}" -filter '.name:Checksum .unit:(sec/op OR allocs/op)' -row /size -col '/impl@(gvisor tcpedu)' "$out"

# Ratio of the medians: how many times faster tcpedu is (above 1) or
# slower (below 1) than the other implementation.
median() { # median ns/op of the benchmark lines whose name starts with $1
	grep -E "^$1-[0-9]+[[:space:]]" "$out" | awk '{print $3}' | sort -g |
		awk '{v[NR]=$1} END {if (NR==0) exit 1; print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'
}
echo
echo "== Speedup of tcpedu (other's median time / tcpedu's median time; target: parse >= 2.00, checksum >= 1.00)"
printf '%-24s %12s %12s %8s\n' benchmark 'tcpedu ns/op' 'other ns/op' speedup
for hdr in syn data sack; do
	t=$(median "BenchmarkParse/impl=tcpedu/hdr=$hdr")
	o=$(median "BenchmarkParse/impl=gopacket/hdr=$hdr")
	awk -v n="Parse hdr=$hdr" -v t="$t" -v o="$o" 'BEGIN {printf "%-24s %12.2f %12.2f %7.2fx\n", n, t, o, o/t}'
done
for size in 40 1500 65536; do
	t=$(median "BenchmarkChecksum/impl=tcpedu/size=$size")
	o=$(median "BenchmarkChecksum/impl=gvisor/size=$size")
	awk -v n="Checksum size=$size" -v t="$t" -v o="$o" 'BEGIN {printf "%-24s %12.2f %12.2f %7.2fx\n", n, t, o, o/t}'
done
