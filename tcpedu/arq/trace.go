package arq

import (
	"fmt"
	"io"
	"time"
)

// EventKind says what happened in one trace event.
type EventKind int

// The kinds of event a trace records.
const (
	EventSend       EventKind = iota // a host put a segment on its link for the first time
	EventRetransmit                  // a sender sent a segment again (Text: why)
	EventArrive                      // a segment reached the other host with good checksums
	EventLost                        // the link dropped a segment (Text: why: "loss", "queue full", "script"…)
	EventCorrupt                     // a segment arrived damaged; its checksum caught it and the host dropped it
	EventDuplicate                   // the link delivered an extra copy of a segment
	EventTimeout                     // a retransmission timer expired (Text: which)
	EventDeliver                     // the receiver handed in-order data to the application (Text: which segments)
	EventNote                        // a protocol decision worth seeing (Text)
)

var eventKindNames = []string{"send", "retransmit", "arrive", "lost", "corrupt", "duplicate", "timeout", "deliver", "note"}

// String returns the kind's name: "send", "lost", "timeout"…
func (k EventKind) String() string {
	if k >= 0 && int(k) < len(eventKindNames) {
		return eventKindNames[k]
	}
	return fmt.Sprintf("EventKind(%d)", int(k))
}

// Event is one line of a trace.
type Event struct {
	At   time.Duration // virtual time
	Kind EventKind
	Side Side    // where it happened; for a segment on the link, the side that sent it
	Seg  Segment // the segment concerned, without its payload (see Len)
	Len  int     // payload bytes of Seg, or bytes delivered
	ID   uint16  // the packet's IPv4 identification: a send, its loss or arrival share it
	Text string
}

// Trace is the record of one run: every segment sent, lost, damaged or
// received, every timeout and every delivery, in the order they happened.
// Equal seeds give identical traces; WriteTo writes one as text, byte for
// byte the same each time.
type Trace struct {
	Numbering Numbering
	Events    []Event
}

func (t *Trace) add(ev Event) {
	if n := len(ev.Seg.Blocks); n > 0 { // the codec reuses its block slice
		ev.Seg.Blocks = append(ev.Seg.Blocks[:0:0], ev.Seg.Blocks...)
	}
	ev.Seg.Payload = nil
	t.Events = append(t.Events, ev)
}

// Describe labels event ev's segment as the ladder diagram does.
func (t *Trace) Describe(ev *Event) string {
	return t.Numbering.Describe(ev.Side, &ev.Seg, ev.Len)
}

// WriteTo writes the trace as text, one event per line: time in
// milliseconds, side, kind, segment and text. It is the form the
// determinism tests compare.
func (t *Trace) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for i := range t.Events {
		ev := &t.Events[i]
		label := ""
		switch ev.Kind {
		case EventSend, EventRetransmit, EventArrive, EventLost, EventCorrupt, EventDuplicate:
			label = t.Describe(ev)
		}
		m, err := fmt.Fprintf(w, "%.6f %s %s %s %s\n", ms(ev.At), ev.Side, ev.Kind, label, ev.Text)
		n += int64(m)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// ms returns d in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
