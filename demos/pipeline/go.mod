module gotui.dev/demos/pipeline

go 1.24
