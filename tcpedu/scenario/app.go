package scenario

import (
	"net/netip"

	"github.com/tcpedu/tcpedu/tcpedu/tcp"
)

// This file holds the small applications that scenarios run on top of the
// connections: what a program using sockets would do and be told.

// watch makes the story say what the application on host hears from conn:
// bytes read, end of file, and how the connection ended.
func (st *Stage) watch(host string, c *tcp.Endpoint) {
	if c == nil {
		return
	}
	c.OnData = func(data []byte) { st.Note(host, "application reads %d bytes: %q", len(data), short(data)) }
	c.OnEOF = func() { st.Note(host, "application reads end of file: the peer has closed its direction") }
	c.OnClosed = func(err error) {
		if err != nil && (host == "client" || st.rec.established(host, c.ID())) {
			// A server's application hears only of connections that
			// were established: accept() returns no others.
			st.Note(host, "application is told: %v", err)
		}
	}
}

// short returns data, cut to a few bytes for a note.
func short(data []byte) string {
	const n = 24
	if len(data) > n {
		return string(data[:n]) + "…"
	}
	return string(data)
}

// ConnectFrom opens a connection from host ("client" or "server") to the
// other one, ports as in every scenario: how simultaneous open is staged.
func (st *Stage) ConnectFrom(host string) *tcp.Endpoint {
	if host == "client" {
		c := st.Connect()
		st.watch("client", c)
		return c
	}
	c, err := st.Server.Connect(ServerPort, netip.AddrPortFrom(ClientAddr, ClientPort), st.Config)
	if err != nil {
		st.Note("server", "connect() fails: %v", err)
		return nil
	}
	st.watch("server", c)
	return c
}

// server is a listening application: it accepts every connection, notes
// what it hears, and reacts to the peer's close as its fields say.
type server struct {
	st *Stage

	// closeAfterEOF is how long the application takes to close after it
	// reads end of file; negative: it never closes (a bug).
	closeAfterEOF durationMS

	// greeting, if set, is sent as soon as a connection is established.
	greeting string

	// reply, if set, is sent on reading end of file, before closing.
	reply []byte

	conns []*tcp.Endpoint
}

// durationMS is a delay in milliseconds (a plain int keeps scenario
// tables short).
type durationMS int

// listen starts the server application.
func (sv *server) listen() {
	st := sv.st
	st.Listen(func(c *tcp.Endpoint) {
		sv.conns = append(sv.conns, c)
		st.watch("server", c)
		if sv.greeting != "" {
			c.OnEstablished = func() {
				st.Note("server", "application sends %q", sv.greeting)
				c.Send([]byte(sv.greeting))
			}
		}
		c.OnEOF = func() {
			st.Note("server", "application reads end of file: the client has closed its direction")
			if len(sv.reply) > 0 {
				st.Note("server", "application goes on sending: %d bytes", len(sv.reply))
				c.Send(sv.reply)
			}
			switch {
			case sv.closeAfterEOF == 0:
				st.Note("server", "application calls close() at once")
				c.Close()
			case sv.closeAfterEOF > 0:
				st.Sim.After(ms(int(sv.closeAfterEOF)), func() {
					st.Note("server", "application calls close()")
					c.Close()
				})
			default:
				st.Note("server", "application never calls close(): a bug")
			}
		}
	})
}
