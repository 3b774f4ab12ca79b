// The TerminalUI layer: cells, styles, buffers and widgets (being written).
