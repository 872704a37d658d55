package seq

// Tracker learns the base of one direction of one TCP connection from the
// packets, the way Wireshark does, and turns that direction's raw numbers
// into the relative numbers Wireshark shows. The zero value knows no base
// yet and is ready to use.
//
// A connection needs two Trackers, one per direction, and each segment
// touches both: its sequence number belongs to its sender's direction, its
// acknowledgment number to the other one (it counts the bytes the sender has
// received). So for a segment from the client:
//
//	relSeq := client.Seq(seg.Seq, seg.SYN) // the client's own bytes
//	relAck := server.Ack(seg.Ack)          // the server's bytes it has received
//
// # How the base is learned
//
// These rules were found by experiment with TShark 4.0.17, on
// tcp4_transfer.pcap (../shared/fixtures/linux) cut with editcap so that the
// capture starts at different packets, and on captures made by hand; the
// tests replay those packets and check every number tshark printed.
//
//  1. A SYN sets the base to its own sequence number, so the SYN shows as 0
//     and the first data byte as 1. The SYN carries the ISN, so this is the
//     true base, and it replaces any base guessed earlier.
//  2. A capture may begin in the middle of a connection, with no SYN. Then
//     Wireshark takes the first number it sees for a direction to be
//     relative 1, as if the handshake had happened just before the capture
//     began: base = that number − 1. The first number may be the
//     direction's own sequence number, or an acknowledgment number sent by
//     the other side, whichever comes first. With the capture started at
//     packet 7, an ACK from the server, its acknowledgment number 748208885
//     shows as 1, and the client's next segment, 748211437, shows as 2553
//     rather than 1: the client's base was already learned from the ACK.
//  3. Once known, the base changes only on a SYN.
//
// One simplification: a SYN that turns up after data on the same ports makes
// Wireshark start a new conversation (it says "A new tcp session is started
// with the same ports as an earlier session") and forget both directions'
// bases. A Tracker sees only its own direction; to do the same, set the
// other direction's Tracker back to its zero value.
//
// A base guessed by rule 2 is not the ISN, so the relative numbers no
// longer count from the start of the connection, only from the start of the
// capture: the client's FIN in tcp4_transfer.pcap is relative 4001 in the
// full capture and 2553 when the capture starts at packet 5.
//
// # After 4 GiB
//
// Wireshark's relative numbers, like Relative's, are 32-bit differences, so
// they wrap: in a hand-made capture whose ISN was 4294967000, the segment
// 4294967295 bytes after the ISN showed as 4294967295 and the next one,
// 2^32 bytes after the ISN, showed as 0 again. After 4 GiB a relative
// number no longer tells how far into the stream a byte is; only the count
// of wraps, which neither Wireshark nor this type keeps, could tell.
type Tracker struct {
	base  Num  // the sequence number that shows as relative 0
	known bool // whether base has been learned yet
}

// Seq records a segment sent in this direction and returns its relative
// sequence number. seq is the segment's SEG.SEQ; syn reports whether its
// SYN flag is set. A SYN sets the base to seq (rule 1); any other segment
// sets it to seq−1 if no base is known yet (rule 2).
func (t *Tracker) Seq(seq Num, syn bool) uint32 {
	switch {
	case syn:
		t.learn(seq) // the SYN takes relative 0
	case !t.known:
		t.learn(seq - 1) // guess that this first byte is relative 1
	}
	return seq.Relative(t.base)
}

// Ack records an acknowledgment number sent by the other direction, which
// counts this direction's bytes, and returns it relative to this
// direction's base. Call it only for segments with the ACK flag set: without
// the flag the field means nothing (RFC 9293 §3.1). If no base is known yet
// it becomes ack−1 (rule 2).
func (t *Tracker) Ack(ack Num) uint32 {
	if !t.known {
		t.learn(ack - 1) // guess that the byte it asks for is relative 1
	}
	return ack.Relative(t.base)
}

// Base returns the sequence number that this direction's relative numbers
// count from, and whether it is known yet. It is known after the first
// call to Seq or Ack; before that, Base returns 0, false.
func (t *Tracker) Base() (Num, bool) {
	return t.base, t.known
}

// learn sets the base.
func (t *Tracker) learn(base Num) {
	t.base = base
	t.known = true
}
