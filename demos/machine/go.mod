module gotui.dev/demos/machine

go 1.24
