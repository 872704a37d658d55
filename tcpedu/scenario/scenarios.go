package scenario

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/tcp"
	"github.com/tcpedu/tcpedu/tcpedu/wire"
)

// Scenario is one named story of a connection's life: who calls what and
// when, what the network loses, and how long to watch.
type Scenario struct {
	Name  string // the name tcpedu scenario takes: "lost-syn"
	Title string // one line: what it shows
	RFC   string // where the rules it shows are written

	// Story is the paragraph the docs and the ladder's header print: what
	// happens, and what to look for.
	Story string

	// Limit is how long the simulation runs at most.
	Limit time.Duration

	// Windows makes the ladder show each segment's window: for the
	// stories about flow control.
	Windows bool

	// Script stages the story.
	Script func(st *Stage)
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// client stages the usual client: it connects at time 0 and closes at
// closeAt (negative: never).
func client(st *Stage, closeAt int) *tcp.Endpoint {
	c := st.ConnectFrom("client")
	if c != nil && closeAt >= 0 {
		st.At(ms(closeAt), func() {
			st.Note("client", "application calls close()")
			c.Close()
		})
	}
	return c
}

// pureACKs returns a matcher for segments with only ACK set and no data.
func pureACKs(s *tcp.Segment) bool { return s.Flags&^wire.PSH == wire.ACK && len(s.Payload) == 0 }

// scenarios is every scenario, in the order of the course.
var scenarios = []Scenario{
	{
		Name: "handshake", Title: "the three-way handshake", RFC: "RFC 9293 §3.5, Figure 6",
		Story: "The client's SYN carries its ISN; the server's SYN,ACK acknowledges it (ack = ISN+1: the SYN takes one sequence number) and carries the server's own ISN; the client's ACK acknowledges that. Each side is ESTABLISHED once its own ISN has been acknowledged.",
		Limit: time.Second,
		Script: func(st *Stage) {
			(&server{st: st, closeAfterEOF: -1}).listen()
			client(st, -1)
		},
	},
	{
		Name: "teardown", Title: "the four-segment close", RFC: "RFC 9293 §3.6, Figure 12",
		Story: "The client closes first: its FIN takes one sequence number and the server acknowledges it at once. The server's application closes 200 ms later, so its FIN comes in a segment of its own: four segments. The client, which closed first, waits in TIME-WAIT for 2MSL before the connection is gone.",
		Limit: 2 * time.Minute,
		Script: func(st *Stage) {
			(&server{st: st, closeAfterEOF: 200}).listen()
			client(st, 500)
		},
	},
	{
		Name: "teardown-combined", Title: "the three-segment close: ACK and FIN together", RFC: "RFC 9293 §3.10.7.4 (eighth: FIN-WAIT-1)",
		Story: "The server's application closes the moment it reads end of file, before the ACK of the client's FIN has gone out, so one segment carries both the ACK and the server's FIN. The client goes from FIN-WAIT-1 straight to TIME-WAIT, never seeing FIN-WAIT-2.",
		Limit: 2 * time.Minute,
		Script: func(st *Stage) {
			(&server{st: st, closeAfterEOF: 0}).listen()
			client(st, 500)
		},
	},
	{
		Name: "half-close", Title: "half-close: data still flows to the side that closed", RFC: "RFC 9293 §3.6",
		Story: "The client sends its request and closes. The server reads the request and end of file, and goes on sending its reply, 3000 bytes in three segments, before it closes too. The client, in FIN-WAIT-2, still receives and acknowledges: a FIN closes one direction only.",
		Limit: 2 * time.Minute,
		Script: func(st *Stage) {
			(&server{st: st, closeAfterEOF: 300, reply: reply(3000)}).listen()
			c := client(st, 500)
			st.At(ms(300), func() {
				st.Note("client", "application sends its request")
				c.Send([]byte("GET /report\r\n"))
			})
		},
	},
	{
		Name: "simultaneous-open", Title: "simultaneous open: two SYNs cross", RFC: "RFC 9293 §3.5, Figure 7",
		Story: "Both hosts connect to each other at the same instant, each from the port the other is connecting to. Each SYN-SENT side receives a SYN and goes to SYN-RECEIVED, answering with SYN,ACK; each SYN,ACK then completes the other side's handshake. Four segments, no listener.",
		Limit: time.Second,
		Script: func(st *Stage) {
			st.ConnectFrom("client")
			st.ConnectFrom("server")
		},
	},
	{
		Name: "simultaneous-close", Title: "simultaneous close: both pass CLOSING", RFC: "RFC 9293 §3.6, Figure 13",
		Story: "Both applications close at the same instant. Each FIN-WAIT-1 side receives the other's FIN before the ACK of its own, so both go to CLOSING; the ACKs then take both to TIME-WAIT, and both wait 2MSL.",
		Limit: 2 * time.Minute,
		Script: func(st *Stage) {
			var sc *tcp.Endpoint
			st.Listen(func(c *tcp.Endpoint) { sc = c; st.watch("server", c) })
			c := client(st, -1)
			st.At(ms(500), func() {
				st.Note("client", "application calls close()")
				st.Note("server", "application calls close()")
				c.Close()
				sc.Close()
			})
		},
	},
	{
		Name: "lost-syn", Title: "lost SYNs are retransmitted with backoff", RFC: "RFC 6298 §5.5, §5.7; RFC 9293 §3.8.1",
		Story: "The network loses the first two SYNs. The client resends its SYN when the retransmission timer expires, 1 s after the first (the initial RTO, RFC 6298 §2.1), then 2 s after the second: each timeout doubles the RTO. The third SYN gets through. Same ISN every time: it is the same SYN.",
		Limit: 5 * time.Second,
		Script: func(st *Stage) {
			st.Drop("client", 1, Flags(wire.SYN))
			st.Drop("client", 2, Flags(wire.SYN))
			(&server{st: st, closeAfterEOF: -1}).listen()
			client(st, -1)
		},
	},
	{
		Name: "syn-retries-exhausted", Title: "no answer to any SYN: connect times out", RFC: "RFC 9293 §3.8.3; Linux tcp_syn_retries",
		Story: "Every SYN is lost (a firewall drops them, say). The client sends 1 SYN and 6 retransmissions, at 0, 1, 3, 7, 15, 31 and 63 s, then waits 64 s more and gives up at 127 s: connect() fails with 'connection timed out'. These are Linux's defaults; RFC 9293 §3.8.3 (MUST-23) asks for at least 3 minutes before a connect gives up.",
		Limit: 3 * time.Minute,
		Script: func(st *Stage) {
			st.Drop("client", 0, Flags(wire.SYN))
			(&server{st: st, closeAfterEOF: -1}).listen()
			client(st, -1)
		},
	},
	{
		Name: "lost-synack", Title: "the SYN,ACK is lost", RFC: "RFC 9293 §3.10.7.4 (first check); RFC 6298 §5",
		Story: "The server's SYN,ACK is lost. Both sides' timers expire about 1 s later. The server resends its SYN,ACK, which completes the client's handshake. The client resends its SYN, which the server, in SYN-RECEIVED, finds outside its window (it has had that SYN) and answers with a bare ACK; that ACK reaches a client already ESTABLISHED, which ignores it as a duplicate. (Linux's server answers a repeated SYN by resending the SYN,ACK at once instead.)",
		Limit: 5 * time.Second,
		Script: func(st *Stage) {
			st.Drop("server", 1, Flags(wire.SYN|wire.ACK))
			(&server{st: st, closeAfterEOF: -1}).listen()
			client(st, -1)
		},
	},
	{
		Name: "lost-third-ack", Title: "the third ACK never arrives: the server gives up", RFC: "RFC 9293 §3.8.3, §3.10.7.4",
		Story: "Every segment from the client after its SYN is lost. The client is ESTABLISHED as soon as the SYN,ACK arrives; the server stays in SYN-RECEIVED and resends its SYN,ACK 5 times, each answered by an ACK that is lost again. After the last retry it gives up and resets, and the client, which thought it had a connection, is told 'connection reset'.",
		Limit: 2 * time.Minute,
		Script: func(st *Stage) {
			st.Drop("client", 0, pureACKs)
			(&server{st: st, closeAfterEOF: -1}).listen()
			client(st, -1)
		},
	},
	{
		Name: "lost-third-ack-recovers", Title: "the third ACK is lost once: the SYN,ACK comes again", RFC: "RFC 9293 §3.10.7.4 (first check)",
		Story: "Only the client's first ACK is lost. The server's timer resends the SYN,ACK; the client, already ESTABLISHED, finds it old (its sequence number is below RCV.NXT) and answers with an ACK, which completes the server's side. Had the client sent data, its first data segment (which carries the ACK too) would have done the same sooner.",
		Limit: 5 * time.Second,
		Script: func(st *Stage) {
			st.Drop("client", 1, pureACKs)
			(&server{st: st, closeAfterEOF: -1}).listen()
			client(st, -1)
		},
	},
	{
		Name: "lost-final-ack", Title: "the last ACK of the close is lost: why TIME-WAIT exists", RFC: "RFC 9293 §3.6.1, §3.10.7.4",
		Story: "The client's ACK of the server's FIN is lost. The server, in LAST-ACK, resends its FIN when its timer expires; the client, still in TIME-WAIT, acknowledges it again and restarts its 2MSL timer. Had the client gone straight to CLOSED, the repeated FIN would have drawn a RST and the server's close would have ended in an error.",
		Limit: 2 * time.Minute,
		Script: func(st *Stage) {
			st.Drop("client", 2, pureACKs) // the first pure ACK is the handshake's
			(&server{st: st, closeAfterEOF: 200}).listen()
			client(st, 500)
		},
	},
	{
		Name: "time-wait-expiry", Title: "TIME-WAIT holds the port for 2MSL", RFC: "RFC 9293 §3.4.2, §3.6.1",
		Story: "After an ordinary close the client sits in TIME-WAIT. A new connection from the same port to the same server fails with 'connection already exists' while it does (Linux's connect() says EADDRNOTAVAIL; bind() to the port says EADDRINUSE). At 2MSL (60 s here, as on Linux) TIME-WAIT ends, the connection is CLOSED, and the same connect succeeds.",
		Limit: 2 * time.Minute,
		Script: func(st *Stage) {
			(&server{st: st, closeAfterEOF: 200}).listen()
			client(st, 500)
			st.At(10*time.Second, func() {
				st.Note("client", "application connects again from port %d", ClientPort)
				client(st, -1)
			})
			st.At(61*time.Second, func() {
				st.Note("client", "application connects again from port %d", ClientPort)
				client(st, -1)
			})
		},
	},
	{
		Name: "syn-in-time-wait", Title: "a new SYN reaches a connection in TIME-WAIT", RFC: "RFC 9293 §3.10.7.3, §3.10.7.4",
		Story: "The server closed first, so the server holds TIME-WAIT. The client connects again from the same port. The SYN reaches the old connection, which answers with an ACK of the old connection (the stale ACK). The client, in SYN-SENT, sees an ACK that does not acknowledge its SYN and resets it with SEQ = that ACK, which the TIME-WAIT side accepts and closes. The client's SYN, resent by its timer, then finds the listener and a new handshake follows. (Linux would accept the SYN directly if its ISN is above the old connection's RCV.NXT.)",
		Limit: 5 * time.Second,
		Script: func(st *Stage) {
			var sc *tcp.Endpoint
			st.Listen(func(c *tcp.Endpoint) {
				if sc == nil {
					sc = c
				}
				st.watch("server", c)
			})
			c := client(st, -1)
			c.OnEOF = func() {
				st.Note("client", "application reads end of file and closes")
				c.Close()
			}
			st.At(ms(500), func() {
				st.Note("server", "application calls close()")
				sc.Close()
			})
			st.At(2*time.Second, func() {
				st.Note("client", "application connects again from port %d", ClientPort)
				client(st, -1)
			})
		},
	},
	{
		Name: "old-duplicate-syn", Title: "an old duplicate SYN is refused by the three-way handshake", RFC: "RFC 9293 §3.5, Figure 8",
		Story:  "A SYN from an earlier incarnation of the client, delayed in the network, reaches the server before the client's new SYN. The server answers it with SYN,ACK, as it must; but the client, whose ISN is different, sees an ACK that does not acknowledge its SYN and resets it. The server goes back to LISTEN, having delivered nothing and sent nothing but its SYN,ACK, and the real SYN then opens the connection. Compare old-duplicate-syn-two-way.",
		Limit:  3 * time.Second,
		Script: oldDuplicateSYN(false),
	},
	{
		Name: "old-duplicate-syn-two-way", Title: "the same old SYN under a two-way handshake opens a half-connection", RFC: "RFC 9293 §3.5 (the problem it solves)",
		Story:  "The same story with a server that follows a two-way rule (not TCP): a SYN alone opens the connection. The old duplicate makes the server ESTABLISHED with a client that never asked, and the server's application starts talking to it, until the client's reset arrives. With no third segment, the server cannot tell an old SYN from a new one.",
		Limit:  3 * time.Second,
		Script: oldDuplicateSYN(true),
	},
	{
		Name: "rst-closed-port", Title: "a SYN to a port where no one listens", RFC: "RFC 9293 §3.10.7.1, §3.10.7.3",
		Story: "No application listens on the server's port, so no connection exists for the SYN: the server answers with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. The ACK field makes the reset acceptable to the client in SYN-SENT, which closes: connect() fails with 'connection refused'. Linux sends exactly this (compare ../shared/fixtures/linux/tcp4_rst.pcap).",
		Limit: time.Second,
		Script: func(st *Stage) {
			client(st, -1)
		},
	},
	{
		Name: "rst-abort", Title: "abort: a RST instead of a FIN", RFC: "RFC 9293 §3.10.5, §3.10.7.4",
		Story: "The client sends 2000 bytes, then aborts (close() with SO_LINGER set to 0 on Linux): queued data is thrown away and a RST with SEQ = SND.NXT goes out, instead of a FIN. No TIME-WAIT on either side. The server, whose RCV.NXT is exactly that sequence number, accepts the reset and its application is told 'connection reset'.",
		Limit: time.Second,
		Script: func(st *Stage) {
			(&server{st: st, closeAfterEOF: -1}).listen()
			c := client(st, -1)
			st.At(ms(200), func() {
				st.Note("client", "application sends 2000 bytes")
				c.Send(reply(2000))
			})
			st.At(ms(400), func() {
				st.Note("client", "application aborts the connection")
				c.Abort()
			})
		},
	},
	{
		Name: "zero-window-persist", Title: "a closed window, a lost window update, and the persist timer", RFC: "RFC 9293 §3.8.6.1",
		Story: "The server's application does not read for a second, so its 4000-byte buffer fills and its window falls to 0: the client must stop with 4000 of its 8000 bytes unsent. When the application reads, the server announces the open window, but that ACK is lost. The client's persist timer, started when the window closed, sends a 1-byte probe after one RTO; the server takes it, and its ACK carries the open window: the transfer goes on.",
		Limit: 20 * time.Second, Windows: true,
		Script: zeroWindow(true),
	},
	{
		Name: "zero-window-deadlock", Title: "the same lost window update without a persist timer: deadlock", RFC: "RFC 9293 §3.8.6.1",
		Story: "The same story with the persist timer turned off. The window update is lost, and nothing else will ever be sent: the client waits for a window it believes is closed, the server waits for data, and the connection hangs with 4000 bytes unsent. This is why RFC 9293 §3.8.6.1 requires a sender facing a zero window to keep probing it.",
		Limit: 20 * time.Second, Windows: true,
		Script: zeroWindow(false),
	},
	{
		Name: "close-wait-leak", Title: "the server never closes: CLOSE-WAIT forever", RFC: "RFC 9293 §3.6",
		Story: "The client closes; the server's TCP acknowledges the FIN and enters CLOSE-WAIT, and tells its application end of file. The application never calls close(): the connection sits in CLOSE-WAIT for as long as the program runs, holding its memory and its port. The client gives up on FIN-WAIT-2 after 60 s (Linux's tcp_fin_timeout; RFC 9293 would wait forever). Many CLOSE-WAIT sockets in netstat mean an application that forgets to close.",
		Limit: 5 * time.Minute,
		Script: func(st *Stage) {
			(&server{st: st, closeAfterEOF: -1}).listen()
			client(st, 500)
			st.At(5*time.Minute, func() {
				for _, c := range st.Server.Conns() {
					if c.State() == tcp.CloseWait {
						st.Note("server", "connection %d still in CLOSE-WAIT after 5 minutes", c.ID())
					}
				}
			})
		},
	},
}

// zeroWindow stages a client sending 8000 bytes to a server whose
// application does not read for a second, through a 4000-byte receive
// buffer, and loses the server's window update. With persist, the client's
// persist timer finds the open window; without, both wait.
func zeroWindow(persist bool) func(st *Stage) {
	return func(st *Stage) {
		// Small, round numbers: 1000-byte segments, a 4000-byte buffer, no
		// window scaling, so each window in the ladder is in bytes.
		st.Config = tcp.Config{MSS: 1000, RcvWnd: 4000, NoWindowScale: true, ManualRead: true, NoPersist: !persist}
		// The server's pure ACKs: one per data segment (4), then the
		// window update, which the network loses.
		st.Drop("server", 5, pureACKs)
		var sc *tcp.Endpoint
		st.Listen(func(c *tcp.Endpoint) { sc = c; st.watch("server", c) })
		c := client(st, -1)
		st.At(ms(200), func() {
			st.Note("client", "application sends 8000 bytes")
			c.Send(reply(8000))
		})
		read := func() {
			if n := len(sc.Read(0)); n > 0 {
				st.Note("server", "application reads %s", plural(n, "byte"))
			}
		}
		st.At(time.Second, func() {
			st.Note("server", "application starts reading, every 100 ms")
			read()
			for t := 1100; t < 20000; t += 100 {
				st.At(ms(t), read)
			}
		})
		st.At(19*time.Second, func() {
			st.Note("client", "%d of 8000 bytes still waiting to be sent; connection %s", c.Queued(), c.State())
		})
	}
}

// oldDuplicateSYN stages RFC 9293 Figure 8, with the server following the
// three-way handshake or, if twoWay, a two-way one.
func oldDuplicateSYN(twoWay bool) func(st *Stage) {
	return func(st *Stage) {
		old := tcp.Segment{Seq: seqOf(st.Sim.Rand().Uint32()), Flags: wire.SYN, Window: 65535, MSS: 1460}
		sv := &server{st: st, closeAfterEOF: -1, greeting: "220 welcome\r\n"}
		st.Config.TwoWayHandshake = twoWay
		sv.listen()
		st.Config.TwoWayHandshake = false
		// The new SYN is held up 200 ms in the network, so the old
		// duplicate, sent long ago, arrives first.
		st.Hold("client", 2, ms(200), Flags(wire.SYN)) // the 1st SYN on the wire is the old one
		st.Note("client", "an old SYN, seq=%d, from a connection long gone, is still in the network", uint32(old.Seq))
		st.Inject("client", old)
		client(st, -1)
	}
}

// reply returns n bytes of readable text to send.
func reply(n int) []byte {
	const line = "the quick brown fox jumps over the lazy dog\n"
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(line)
	}
	return []byte(b.String()[:n])
}

// All returns every scenario, in the order of the course.
func All() []Scenario { return append([]Scenario(nil), scenarios...) }

// Names returns the scenarios' names, sorted.
func Names() []string {
	var names []string
	for _, s := range scenarios {
		names = append(names, s.Name)
	}
	sort.Strings(names)
	return names
}

// Find returns the scenario called name.
func Find(name string) (Scenario, error) {
	for _, s := range scenarios {
		if s.Name == name {
			return s, nil
		}
	}
	return Scenario{}, fmt.Errorf("no scenario is called %q; 'tcpedu scenario list' names them all", name)
}

// Run plays scenario name with seed and returns its record.
func Run(name string, seed uint64) (*Result, error) {
	sc, err := Find(name)
	if err != nil {
		return nil, err
	}
	return sc.Run(seed), nil
}

// Run plays the scenario with seed and returns its record.
func (sc Scenario) Run(seed uint64) *Result {
	st := NewStage(seed)
	sc.Script(st)
	res := st.Run(sc.Limit)
	res.Name, res.Title, res.Seed, res.Windows = sc.Name, sc.Title, seed, sc.Windows
	return res
}

// plural writes n with its noun: "1 byte", "3 bytes".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
