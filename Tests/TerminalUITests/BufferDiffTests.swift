import Testing
@testable import TerminalUI

@Suite("Buffer diff")
struct BufferDiffTests {
    @Test("identical buffers need no update")
    func identical() {
        let buffer = Buffer(lines: ["hello", "界 x"])
        #expect(Buffer.diff(buffer, buffer).isEmpty)
    }

    @Test("only changed cells, in row-major order, style changes included")
    func changedCells() {
        let old = Buffer(lines: ["hello", "world"])
        var new = old
        new.set(1, 0, "a")
        new.setStyle(Rect(x: 4, y: 1, width: 1, height: 1), Style(modifiers: .bold))
        #expect(Buffer.diff(old, new) == [
            CellUpdate(x: 1, y: 0, cell: Cell("a")),
            CellUpdate(x: 4, y: 1, cell: Cell("d", style: Style(modifiers: .bold))),
        ])
    }

    @Test("a wide character replacing narrow ones is one update; its continuation is never sent")
    func narrowToWide() {
        let old = Buffer(lines: ["abc"])
        let new = Buffer(lines: ["a界"])
        #expect(Buffer.diff(old, new) == [CellUpdate(x: 1, y: 0, cell: Cell("界"))])
    }

    @Test("narrow characters replacing a wide one update both columns it covered")
    func wideToNarrow() {
        let old = Buffer(lines: ["界c"])
        let new = Buffer(lines: ["xyc"])
        #expect(Buffer.diff(old, new) == [CellUpdate(x: 0, y: 0, cell: Cell("x")), CellUpdate(x: 1, y: 0, cell: Cell("y"))])
        // A wide character moving right by one: the new one, and the column it uncovered.
        let shifted = Buffer(lines: [" 界"])
        #expect(Buffer.diff(old, shifted) == [CellUpdate(x: 0, y: 0, cell: Cell(" ")), CellUpdate(x: 1, y: 0, cell: Cell("界"))])
    }

    @Test("buffers of different areas give a full redraw")
    func differentAreas() {
        let old = Buffer(width: 2, height: 1)
        let new = Buffer(lines: ["ab", "c"])
        #expect(Buffer.diff(old, new).count == 4)
    }

    @Test("updates as escape sequences: a cursor move only where the cursor is not already")
    func ansiUpdates() {
        let old = Buffer(lines: ["abcd", "efgh"])
        var new = old
        new.set(1, 0, "XY", Style(foreground: .ansi(.red)))
        new.set(0, 1, "界")
        let text = Buffer.ansiUpdates(Buffer.diff(old, new))
        #expect(text == "\u{1B}[1;2H\u{1B}[31mXY\u{1B}[2;1H\u{1B}[0m界")
    }
}
