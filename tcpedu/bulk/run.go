package bulk

import (
	"math"
	"net/netip"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/link"
	"github.com/tcpedu/tcpedu/tcpedu/sim"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// The two hosts, from the documentation range of RFC 5737.
var (
	SenderAddr   = netip.AddrPortFrom(netip.MustParseAddr("192.0.2.1"), 50000)
	ReceiverAddr = netip.AddrPortFrom(netip.MustParseAddr("192.0.2.2"), 50001)
)

// Result is what a run measured.
type Result struct {
	Config Config // the configuration, defaults filled in

	BytesDelivered  int     // bytes the receiving application read
	GoodputBps      float64 // BytesDelivered*8 / simulated seconds
	SegmentsSent    int     // by the sender, retransmissions included
	Retransmissions int
	FastRetransmits int
	Timeouts        int
	DupACKs         int // duplicate ACKs the sender received (RFC 5681 §2)
	RandomLosses    int // data segments lost to Config.Loss
	QueueDrops      int // packets the bottleneck's full queue dropped
	ScriptedDrops   int // data segments lost to Config.Drop
	ACKs            int // segments the receiver sent
	Events          uint64
	SimSeconds      float64
	RTT             time.Duration // the path's round trip with empty queues, for one full segment and its ACK

	Trace   []Sample // with Config.Trace
	Packets []Packet // with Config.Capture
}

// Packet is one packet of a capture taken, as tcpdump would take it, on
// the sender's interface: the sender's segments when it sends them (those
// the bottleneck will drop included), the receiver's when they arrive.
type Packet struct {
	At   time.Duration
	Data []byte
}

// Run performs one bulk transfer.
func Run(c Config) (*Result, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	c = c.WithDefaults()
	r := &runner{cfg: c, s: sim.New(c.Seed), res: &Result{Config: c}}
	r.build()
	if c.Progress == nil {
		r.s.RunUntil(c.Duration)
	} else {
		for t := time.Second; ; t += time.Second {
			if t > c.Duration {
				t = c.Duration
			}
			r.s.RunUntil(t)
			c.Progress(t)
			if t == c.Duration {
				break
			}
		}
	}
	r.finish()
	return r.res, nil
}

type runner struct {
	cfg        Config
	s          *sim.Sim
	res        *Result
	fwd, rev   *link.Link
	sender     *tcp.Endpoint
	receiver   *tcp.Endpoint
	chunk      []byte // what the application writes, again and again
	last       Sample
	free       [][]byte // packet buffers no link holds any more, for reuse
	readCredit float64  // bytes the reading application may read now
	bytesRead  int      // bytes the rate-limited application has read
}

// copyPacket returns a copy of p in a buffer from the free list: a link
// keeps each packet until it delivers or drops it, and then the buffer is
// returned with release. Reusing buffers keeps a long run from allocating
// one per packet.
func (r *runner) copyPacket(p []byte) []byte {
	var b []byte
	if n := len(r.free); n > 0 {
		b, r.free = r.free[n-1][:0], r.free[:n-1]
	}
	return append(b, p...)
}

// release returns a packet buffer to the free list.
func (r *runner) release(p []byte) { r.free = append(r.free, p) }

func (r *runner) build() {
	c := r.cfg
	var client, server *tcp.Host
	client = tcp.NewHost(r.s, "sender", SenderAddr.Addr(), r.sendForward)
	server = tcp.NewHost(r.s, "receiver", ReceiverAddr.Addr(), func(p []byte) {
		r.rev.Send(r.copyPacket(p))
	})
	fwd := link.Config{Bandwidth: c.Bandwidth, Delay: c.Delay, Queue: c.Queue}
	if c.NoQueueLimit {
		fwd.Queue = 0
	}
	for _, n := range c.Drop {
		fwd.Faults.Script = append(fwd.Faults.Script, link.Rule{Action: link.Drop, Match: link.DataSegment(), Nth: n})
	}
	r.fwd = link.New(r.s, "forward", fwd, func(p []byte) {
		server.Input(p)
		r.release(p)
	})
	// The ACKs' path: as fast as the forward one, never congested.
	r.rev = link.New(r.s, "reverse", link.Config{Bandwidth: c.Bandwidth, Delay: c.Delay}, func(p []byte) {
		r.capture(p) // on arrival: the capture is the sender's view
		client.Input(p)
		r.release(p)
		r.feed()
		r.sample()
	})
	r.fwd.Observe(func(ev link.Event) {
		if ev.Kind == link.Dropped {
			r.release(ev.Packet)
		}
	})

	tcfg := tcp.Config{MSS: c.MSS, CC: c.CC, NewCC: c.NewCC, MinRTO: c.MinRTO, RcvWnd: c.RcvWnd, WindowScale: 10, AckEvery: c.AckEvery, SACK: c.SACK}
	rcfg := tcfg
	rcfg.NewCC = nil // the receiver sends no data: its congestion control never acts
	rcfg.ManualRead = c.ReadRate > 0
	if _, err := server.Listen(ReceiverAddr.Port(), rcfg, func(conn *tcp.Endpoint) { r.receiver = conn }); err != nil {
		panic("bulk: bug: " + err.Error())
	}
	conn, err := client.Connect(SenderAddr.Port(), ReceiverAddr, tcfg)
	if err != nil {
		panic("bulk: bug: " + err.Error())
	}
	r.sender = conn
	r.chunk = make([]byte, 64*c.MSS)
	for i := range r.chunk {
		r.chunk[i] = byte('a' + i%26)
	}
	conn.OnEstablished = r.feed
	if c.ReadRate > 0 {
		r.s.After(readTick, r.read)
	}
	r.res.RTT = 2*c.Delay + link.TransmissionTime(wire.IPv4MinHeaderLen+20+c.MSS, c.Bandwidth) + link.TransmissionTime(wire.IPv4MinHeaderLen+20, c.Bandwidth)
}

// readTick is how often a rate-limited application reads.
const readTick = 10 * time.Millisecond

// read is the receiving application at Config.ReadRate: every readTick it
// reads what its rate allows.
func (r *runner) read() {
	if r.receiver != nil {
		r.readCredit += r.cfg.ReadRate * readTick.Seconds()
		if n := int(r.readCredit); n > 0 {
			got := len(r.receiver.Read(n))
			r.bytesRead += got
			r.readCredit -= float64(got)
			if got < n {
				r.readCredit = 0 // nothing more to read: credit does not pile up
			}
		}
	}
	r.s.After(readTick, r.read)
}

// sendForward takes each packet the sender emits to the bottleneck,
// losing data segments at random first if Config.Loss says so.
func (r *runner) sendForward(p []byte) {
	r.capture(p)
	r.sample()
	if r.cfg.Loss > 0 && isData(p) && r.s.Rand().Float64() < r.cfg.Loss {
		r.res.RandomLosses++
		return
	}
	r.fwd.Send(r.copyPacket(p))
}

// feed keeps the sender's buffer full: a bulk application always has more
// to write.
func (r *runner) feed() {
	for r.sender.State() == tcp.Established && r.unsent() < 2*len(r.chunk) {
		if _, err := r.sender.Send(r.chunk); err != nil {
			return
		}
	}
}

// unsent returns the bytes written but not yet sent.
func (r *runner) unsent() int {
	return r.sender.Queued() - int(r.sender.SndUna().Distance(r.sender.SndNxt()))
}

func (r *runner) capture(p []byte) {
	if r.cfg.Capture {
		r.res.Packets = append(r.res.Packets, Packet{At: r.s.Now(), Data: append([]byte(nil), p...)})
	}
}

// isData reports whether p is a TCP segment with a payload.
func isData(p []byte) bool { return link.DataSegment()(p) }

func (r *runner) finish() {
	res := r.res
	st := r.sender.Stats()
	res.SegmentsSent = st.Segments
	res.Retransmissions = st.Retransmissions
	res.FastRetransmits = st.FastRetransmits
	res.Timeouts = st.Timeouts
	res.DupACKs = st.DupACKs
	if r.receiver != nil {
		res.BytesDelivered = r.receiver.Stats().BytesDelivered
		if r.cfg.ReadRate > 0 {
			res.BytesDelivered = r.bytesRead // what reached the buffer but was not read does not count
		}
		res.ACKs = r.receiver.Stats().Segments
	}
	fs := r.fwd.Stats()
	res.QueueDrops = fs.DroppedQueue
	res.ScriptedDrops = fs.DroppedScript
	res.Events = r.s.Events()
	res.SimSeconds = r.s.Now().Seconds()
	if res.SimSeconds > 0 {
		res.GoodputBps = float64(res.BytesDelivered) * 8 / res.SimSeconds
	}
}

// infiniteSsthresh is how an "arbitrarily high" ssthresh is written in a
// trace: Linux's TCP_INFINITE_SSTHRESH, 0x7fffffff.
const infiniteSsthresh = math.MaxInt32
