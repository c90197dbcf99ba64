module gotui.dev/demos/orders

go 1.24
