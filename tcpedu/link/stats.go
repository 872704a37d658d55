package link

// Stats counts what a link has done since it was made. Counts are in
// packets unless the name says bytes; the zero value is a link that has
// seen nothing.
//
// Once the simulation has run dry, every packet handed to Send has been
// either dropped or delivered, so Sent = Dropped + Delivered - Duplicated:
// duplication adds deliveries, and Delivered can exceed Sent.
type Stats struct {
	Sent      int   // packets handed to Send
	SentBytes int64 // their bytes

	Transmitted int // packets that finished serialisation and entered the wire
	MaxQueue    int // the most packets ever waiting in the queue at once

	Delivered      int   // copies handed to the receiver, duplicates included
	DeliveredBytes int64 // their bytes

	Dropped       int // all drops: the four below added up
	DroppedQueue  int // by DropTail, arriving at a full queue
	DroppedLoss   int // by independent loss (Faults.Loss)
	DroppedBurst  int // by Gilbert-Elliott loss (Faults.Burst)
	DroppedScript int // by a Drop rule

	Corrupted  int // packets with a bit flipped, by Faults.Corrupt or a rule
	Duplicated int // packets sent twice, by Faults.Duplicate or a rule
	Held       int // copies delayed by Faults.Reorder or a Hold rule
}
