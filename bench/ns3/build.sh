#!/bin/sh
# build.sh: build the ns-3 reference program, bulk, from bulk.cc.
# Needs Debian's ns3 and libns3-dev (apt-get install ns3 libns3-dev g++
# pkg-config). Prints the binary's path.
set -e
cd "$(dirname "$0")"
mods="ns3-core ns3-network ns3-internet ns3-point-to-point ns3-applications ns3-traffic-control"
out="${TMPDIR:-/tmp}/tcpedu-ns3-bulk"
g++ -O2 -std=c++17 -o "$out" bulk.cc $(pkg-config --cflags --libs $mods)
echo "$out"
