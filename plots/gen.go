package plots

// The gallery, plots/gallery/KIND.png, is every kind's default figure.
// Redraw it after changing a figure or the model it draws:
//
//	go generate ./plots/...     (or: go run ./cmd/tcpedu plot gallery)
//
//go:generate go run ../cmd/tcpedu plot gallery -o gallery
