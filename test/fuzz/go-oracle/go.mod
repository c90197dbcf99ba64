module gotui/fuzz-oracle

go 1.24
