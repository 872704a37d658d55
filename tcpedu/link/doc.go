// Package link carries packets between simulated hosts, and breaks them on
// purpose. TCP exists because networks queue, lose, corrupt, duplicate and
// reorder packets; this package does each of those, on demand and
// reproducibly, so that the protocols above it have something to cope with.
//
// # The path of a packet
//
// A Link is one direction of a path. A packet handed to Link.Send goes
// through four stages before the receiving host's deliver function gets it:
//
//		Send ─▶ ① queue ─▶ ② serialise ─▶ ③ wire faults ─▶ ④ propagate ─▶ deliver
//		        DropTail   len*8/Bandwidth   Faults          Delay + jitter
//
//	 1. The queue. A link sends one packet at a time; the others wait in a
//	    first-in, first-out queue of Config.Queue packets. A packet that
//	    arrives at a full queue is dropped: DropTail, the simplest policy a
//	    router can have, and the one whose losses TCP's congestion control
//	    was first designed around (Jacobson 1988).
//	 2. Serialisation. Putting a packet's bits on the wire takes
//	    len(p)*8/Bandwidth seconds (TransmissionTime): 1000 bytes at
//	    8 Mbit/s take 1 ms. This is where bandwidth shows; a packet waits in
//	    the queue for as long as the packets ahead of it take to serialise.
//	 3. The wire's faults (Faults), applied as the packet's last bit leaves:
//	    scripted rules first, then independent loss, bursty loss, a flipped
//	    bit, a duplicate copy, and extra delay that lets later packets
//	    overtake.
//	 4. Propagation. The last bit arrives Config.Delay later, plus any extra
//	    delay from the faults, and the packet is delivered.
//
// So a lone packet of n bytes arrives n*8/Bandwidth + Delay after it is
// sent, and a round trip over two links adds both directions. How many
// bytes fit "in the pipe" at once, Bandwidth × round-trip time, is the
// window TCP needs to keep the link busy.
//
// # Faults
//
// Random faults each have a probability per packet: Loss loses packets
// independently, Burst loses them in bursts with the Gilbert-Elliott model
// (GilbertElliott), Corrupt flips one bit, Duplicate delivers a packet
// twice, Jitter and Reorder delay packets so that they arrive out of order.
// Scripted rules (Rule) stage a textbook case exactly: "drop the third
// data segment", "drop the first ACK for 1001", "hold the segment at 2001
// for 50 ms". The matchers DataSegment, SeqIs, AckIs and HasFlags read the
// TCP header to pick them.
//
// # Why corruption is delivered
//
// A corrupted packet is delivered, not dropped: it is the receiver's
// checksums (the IPv4 header checksum, RFC 791 §3.1; the TCP checksum, RFC
// 9293 §3.1) that must notice, and the receiving host in this model
// verifies them as a real one does. On a real path the link layer's CRC
// catches most damage first; what reaches TCP is the damage that slipped
// past it, in a router's memory or a buggy NIC (Stone and Partridge, "When
// the CRC and TCP checksum disagree", SIGCOMM 2000). Flipping one bit
// always changes the ones' complement sum of the bytes it is in, so a
// receiver that checks both checksums rejects every packet this package
// corrupts (corrupt_test.go flips each bit of sample segments in turn);
// package checksum explains the errors a checksum cannot see, such as two
// flips that cancel.
//
// # Determinism and the order of random draws
//
// Everything happens in the virtual time of a sim.Sim, and every random
// number comes from its one source, sim.Sim.Rand, in event order: the same
// seed gives the same events, byte for byte. A fault that is off draws no
// numbers, and a probability of exactly 0 or 1 decides without drawing, so
// a link with no faults leaves the source untouched. For each packet that
// reaches the wire, the draws are, in order:
//
//	Loss                Float64, if 0 < Loss < 1
//	Burst               Float64 to change state, Float64 to lose; each only if not 0 or 1
//	Corrupt             Float64, if 0 < Corrupt < 1; then IntN for the bit, if corrupted
//	Duplicate           Float64, if 0 < Duplicate < 1
//	each copy: Jitter   Int64N, if Jitter > 0
//	           Reorder  Float64, if 0 < Reorder < 1
//
// A packet that is dropped draws nothing more, and a scripted action takes
// the place of the draw for the same fault. So turning one fault on
// changes the numbers the faults after it see, but never whether a packet
// reaches them.
//
// # Watching
//
// Link.Stats counts what happened; Link.Observe reports every step of
// every packet as an Event (queued, transmitted, dropped, corrupted,
// duplicated, held, delivered), synchronously and in order, for traces,
// ladder diagrams and plots.
//
// # Reading order
//
//	config.go    Config and Faults: what a link is, and Validate
//	link.go      Link: Send, the queue, serialisation, delivery
//	faults.go    the wire: the faults in order, and the draws they take
//	gilbert.go   GilbertElliott: bursty loss as a two-state Markov chain
//	rule.go      Rule and Action: scripted faults
//	match.go     matchers that pick TCP segments for rules
//	event.go     Event and EventKind: what Observe reports
//	stats.go     Stats: the counters
//	queue.go     the ring buffer and the heap that hold packets
//
// # Simplifications
//
// The queue counts packets, not bytes, and only drops the newest arrival:
// no RED, no ECN marking. Bandwidth applies to the IP packet alone, with no
// link-layer framing or gaps between frames, and no MTU is enforced. The
// Gilbert-Elliott chain moves once per packet that reaches it (not per
// unit of time), and starts in Good. Jitter is uniform and independent per
// packet, so a link with jitter reorders packets sent closer together than
// the jitter, as Linux netem does; real links mostly keep order.
package link
