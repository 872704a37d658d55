module github.com/tcpedu/tcpedu/bench

go 1.26.3

replace github.com/tcpedu/tcpedu => ../

require (
	github.com/gopacket/gopacket v1.7.7
	github.com/tcpedu/tcpedu v0.0.0-00010101000000-000000000000
	gvisor.dev/gvisor v0.0.0-20260905035102-160fafc42237
)
