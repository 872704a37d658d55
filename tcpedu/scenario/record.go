package scenario

import (
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/link"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Result is the record of one scenario: every segment, every state change
// and every remark, in the order they happened.
type Result struct {
	Name  string
	Title string
	Seed  uint64

	Segments []SegmentRecord // in the order they were sent
	States   []StateRecord   // every change of state, self-loops left out
	Notes    []NoteRecord    // remarks by the hosts and the script

	// Rows lists every row of tcp.Transitions taken, in order, self-loops
	// included: what the coverage test counts.
	Rows []int

	// Log is everything above merged in time order, with arrivals and
	// losses: the rows of the ladder diagram.
	Log []Entry

	End time.Duration // time of the last thing that happened

	Windows bool // the ladder shows windows (Scenario.Windows)
}

// SegmentRecord is one segment sent.
type SegmentRecord struct {
	At       time.Duration // when it was sent
	Arrived  time.Duration // when it arrived, if it did
	From     string        // "client" or "server"
	To       string
	Seg      tcp.Segment
	Dropped  bool // lost on the wire
	Injected bool // an old duplicate put on the wire by the script

	// SeqRel and AckRel are Seq and Ack relative to the sending
	// connection's ISS and IRS, as Wireshark shows them; HasRel says
	// whether there was a connection to be relative to.
	SeqRel, AckRel    uint32
	HasRel, HasAckRel bool

	Packet []byte // the IPv4 packet, checksums and all
}

// StateRecord is one change of state of one connection.
type StateRecord struct {
	At       time.Duration
	Host     string // "client" or "server"
	Conn     int    // the connection's number on its host
	From, To tcp.State
	Event    tcp.Event
}

// NoteRecord is a remark: a host explaining what it did, or the script
// saying what an application did.
type NoteRecord struct {
	At   time.Duration
	Host string
	Conn int // 0 for the script's own remarks
	Text string
}

// EntryKind says what a Log entry is.
type EntryKind uint8

// The kinds of Log entries.
const (
	_       EntryKind = iota
	Sent              // a segment left a host
	Arrived           // a segment reached the other host
	Lost              // a segment was lost on the wire
	Changed           // a connection changed state
	Remark            // a note
)

// Entry is one row of the Log: an index into Segments, States or Notes.
type Entry struct {
	At    time.Duration
	Kind  EntryKind
	Index int
}

// recorder listens to the hosts and links of a stage.
type recorder struct {
	st  *Stage
	res Result
	ids map[[2]int]int // (host 0/1, IPv4 ID) → index in Segments
}

func newRecorder(st *Stage) *recorder {
	return &recorder{st: st, ids: map[[2]int]int{}}
}

func hostIndex(name string) int {
	if name == "server" {
		return 1
	}
	return 0
}

func (r *recorder) watch(h *tcp.Host) {
	name := h.Name()
	h.OnSend = func(conn *tcp.Endpoint, p []byte, seg *tcp.Segment) { r.sent(name, conn, p, seg, false) }
	h.OnTransition = func(c tcp.StateChange) {
		r.res.Rows = append(r.res.Rows, c.Row)
		if c.From == c.To {
			return
		}
		r.res.States = append(r.res.States, StateRecord{At: c.At, Host: c.Host, Conn: c.Conn, From: c.From, To: c.To, Event: c.Event})
		r.log(Changed, len(r.res.States)-1)
	}
	h.OnNote = func(conn *tcp.Endpoint, text string) {
		id := 0
		if conn != nil {
			id = conn.ID()
		}
		r.note(name, id, text)
	}
	h.OnDiscard = func(p []byte, err error) { r.note(name, 0, "discarded a packet: "+err.Error()) }
}

func (r *recorder) log(kind EntryKind, i int) {
	now := r.st.Sim.Now()
	r.res.Log = append(r.res.Log, Entry{At: now, Kind: kind, Index: i})
	r.res.End = now
}

func (r *recorder) note(host string, conn int, text string) {
	r.res.Notes = append(r.res.Notes, NoteRecord{At: r.st.Sim.Now(), Host: host, Conn: conn, Text: text})
	r.log(Remark, len(r.res.Notes)-1)
}

// sent records a segment as it leaves a host.
func (r *recorder) sent(from string, conn *tcp.Endpoint, p []byte, seg *tcp.Segment, injected bool) {
	rec := SegmentRecord{
		At: r.st.Sim.Now(), Arrived: -1, From: from, To: "server",
		Seg: *seg, Injected: injected, Packet: clone(p),
	}
	if from == "server" {
		rec.To = "client"
	}
	rec.Seg.Payload = append([]byte(nil), seg.Payload...)
	rec.Seg.SACK = append([]wire.SACKBlock(nil), seg.SACK...) // shared with the sender's receive buffer
	// A reset that borrows the peer's number (SEQ=SEG.ACK) has no place
	// in our own sequence space: it gets no relative number.
	if conn != nil && seg.Seq.Relative(conn.ISS()) <= conn.SndNxt().Relative(conn.ISS())+1 {
		rec.SeqRel, rec.HasRel = seg.Seq.Relative(conn.ISS()), true
	}
	if conn != nil {
		if irs, ok := conn.IRS(); ok && seg.Flags.Has(wire.ACK) {
			rec.AckRel, rec.HasAckRel = seg.Ack.Relative(irs), true
		}
	}
	r.res.Segments = append(r.res.Segments, rec)
	i := len(r.res.Segments) - 1
	r.ids[[2]int{hostIndex(from), int(ipID(p))}] = i
	r.log(Sent, i)
}

// linkEvent follows a segment along its link to its arrival or loss.
func (r *recorder) linkEvent(ev link.Event) {
	if ev.Kind != link.Delivered && ev.Kind != link.Dropped {
		return
	}
	from := 0
	if ev.Link == "server→client" {
		from = 1
	}
	i, ok := r.ids[[2]int{from, int(ipID(ev.Packet))}]
	if !ok {
		return
	}
	if ev.Kind == link.Dropped {
		r.res.Segments[i].Dropped = true
		r.log(Lost, i)
		return
	}
	r.res.Segments[i].Arrived = ev.At
	r.log(Arrived, i)
}

// established reports whether connection conn of host ever reached
// ESTABLISHED.
func (r *recorder) established(host string, conn int) bool {
	for _, c := range r.res.States {
		if c.Host == host && c.Conn == conn && c.To == tcp.Established {
			return true
		}
	}
	return false
}

// result returns the record so far.
func (r *recorder) result() *Result {
	res := r.res
	return &res
}

// ipID returns the IPv4 identification of packet p.
func ipID(p []byte) uint16 {
	var h wire.IPv4Header
	if _, err := h.Parse(p); err != nil {
		return 0
	}
	return h.ID
}
