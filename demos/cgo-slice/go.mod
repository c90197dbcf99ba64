module gotui.dev/demos/cgo-slice

go 1.24
