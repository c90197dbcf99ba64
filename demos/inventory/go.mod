module gotui.dev/demos/inventory

go 1.24
