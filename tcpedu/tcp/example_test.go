package tcp_test

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tcpedu/tcpedu/tcpedu/sim"
	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

// The states print their RFC 9293 names; Netstat gives the spelling
// netstat prints.
func ExampleState() {
	fmt.Println(tcp.SynReceived, tcp.SynReceived.Netstat())
	fmt.Println(tcp.TimeWait, tcp.TimeWait.Netstat())
	// Output:
	// SYN-RECEIVED SYN_RECV
	// TIME-WAIT TIME_WAIT
}

// Every state change is a row of the table: look one up.
func ExampleLookup() {
	row := tcp.Transitions[tcp.Lookup(tcp.FinWait1, tcp.RcvFIN)]
	fmt.Printf("%s --%s / snd %s--> %s\n", row.From, row.Event, row.Send, row.To)
	fmt.Println(row.Why)
	// Output:
	// FIN-WAIT-1 --rcv FIN / snd ACK--> CLOSING
	// Simultaneous close: the peer's FIN crossed ours before ours was acknowledged.
}

// Two hosts joined directly (no links: each packet arrives 10 ms after it
// is sent) open a connection. OnTransition reports each row taken.
func ExampleHost_Connect() {
	s := sim.New(1)
	var client, server *tcp.Host
	client = tcp.NewHost(s, "client", netip.MustParseAddr("192.0.2.1"), func(p []byte) {
		p = append([]byte(nil), p...)
		s.After(10*time.Millisecond, func() { server.Input(p) })
	})
	server = tcp.NewHost(s, "server", netip.MustParseAddr("192.0.2.2"), func(p []byte) {
		p = append([]byte(nil), p...)
		s.After(10*time.Millisecond, func() { client.Input(p) })
	})
	show := func(c tcp.StateChange) { fmt.Printf("%v %s: %s -> %s\n", c.At, c.Host, c.From, c.To) }
	client.OnTransition, server.OnTransition = show, show

	if _, err := server.Listen(80, tcp.Config{}, nil); err != nil {
		fmt.Println(err)
	}
	conn, err := client.Connect(40000, netip.MustParseAddrPort("192.0.2.2:80"), tcp.Config{})
	if err != nil {
		fmt.Println(err)
	}
	s.Run()
	fmt.Println(conn.SndNxt()-conn.ISS(), "sequence number used: the SYN's")
	// Output:
	// 0s server: CLOSED -> LISTEN
	// 0s client: CLOSED -> SYN-SENT
	// 10ms server: LISTEN -> SYN-RECEIVED
	// 20ms client: SYN-SENT -> ESTABLISHED
	// 30ms server: SYN-RECEIVED -> ESTABLISHED
	// 1 sequence number used: the SYN's
}
