module gotui.dev/demos/goroutine-leak

go 1.24
