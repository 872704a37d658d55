// Package plots draws the figures that explain TCP, on gonum.org/v1/plot:
// the pictures a teacher puts on a slide and a student is examined on,
// drawn from the model's own runs so that they change when the model
// does.
//
// # The figures
//
//	cwnd        cwnd and ssthresh over time for one bulk transfer, the phases
//	            shaded, each loss marked by how it was found (Cwnd)
//	compare     the same path and losses for each variant, one panel each (Compare)
//	rounds      the textbook's cwnd per transmission round (Rounds, cc.Rounds)
//	stevens     the time-sequence graph of a capture (Stevens)
//	rtt         each RTT measured, SRTT, RTTVAR and the RTO with its backoff (RTT)
//	throughput  goodput against random loss, with the Mathis formula (Throughput)
//	arq         utilization of the ARQ protocols with the analytic model (ARQ)
//	states      the state diagram, from the transition table (States)
//	ladder      a scenario as a ladder diagram (Ladder)
//
// Each kind has a function that runs what it needs with the defaults the
// gallery shows (CwndRun, CompareRun, StevensRun, RTTRun, SweepDefault,
// ARQSweepDefault, RoundsDefault, LadderDefault), a function that takes
// the data out of a run (CwndData, StevensData, RTTData, RoundsData,
// LadderRows) and is what the tests check, and a function that draws the
// figure. Default(kind) does all three; tcpedu plot KIND calls them with
// the flags of sim, rounds and arq.
//
// # Reading order
//
//	figure.go      Figure: title, panels, legend; PNG and SVG; Save, which
//	               never leaves half a file
//	style.go       one face, one palette, sizes legible on a slide
//	legend.go      the legend, outside the data, where it hides nothing
//	phases.go      a trace cut into slow start, congestion avoidance and
//	               fast recovery, and the shading of each
//	cwnd.go        the cwnd figure; compare.go puts several side by side
//	rounds.go      the round model's figure
//	stevens.go     decoding a capture into segments, ACKs and SACK blocks
//	rtt.go         the retransmission timer's inputs and output
//	sweep.go       many runs on every core, in a fixed order;
//	throughput.go  and the Mathis figure drawn from them
//	arq.go         the ARQ sweep and figure
//	states.go      the state diagram; ladder.go the ladder diagram
//	kinds.go       the list of kinds, their defaults, and the gallery
//
// # Notebooks and the REPL
//
// A Figure is drawn in memory with PNG or SVG (bytes a notebook displays),
// written with WritePNG or WriteSVG to any io.Writer, or saved with Save.
// PNG draws any gonum plot.Plot the same way. The API has no generic
// functions, for the yaegi interpreter (issue 8).
//
// Equal seeds give byte-identical pictures: the simulations are
// deterministic, the sweep files each result by its index whatever the
// order the runs finish in, and drawing reads no clock. The gallery in
// plots/gallery is checked against the code by TestGalleryIsCurrent;
// go generate ./plots/... redraws it.
//
// Only this package and the command import gonum; the model under tcpedu/
// stays on the standard library.
package plots
