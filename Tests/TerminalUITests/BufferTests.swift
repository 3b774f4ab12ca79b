import Testing
@testable import TerminalUI

@Suite("Buffer")
struct BufferTests {
    @Test("wide characters take a cell and a continuation; plain lines show them once")
    func wideCharacters() {
        var buffer = Buffer(width: 6, height: 1)
        let end = buffer.set(0, 0, "a界b")
        #expect(end == 4)
        #expect(buffer.cells.map(\.symbol) == ["a", "界", "", "b", " ", " "])
        #expect(buffer[2, 0].isContinuation)
        assertLines(buffer, ["a界b"])
        #expect(buffer.plainLines(trimmingTrailingSpaces: false) == ["a界b  "])
    }

    @Test("combining marks stay in their base's cell; control characters are skipped")
    func zeroWidth() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.set(0, 0, "e\u{301}\tx\u{200B}")
        #expect(buffer[0, 0].symbol == "e\u{301}")
        #expect(buffer[1, 0].symbol == "x")
        #expect(buffer[2, 0] == .blank)
    }

    @Test("writing stops before a grapheme that would cross the right edge")
    func rightEdge() {
        var buffer = Buffer(width: 5, height: 1)
        let end = buffer.set(2, 0, "界界")
        #expect(end == 4)
        assertLines(buffer, ["  界"])
        // A wide character never half-fits at the edge.
        #expect(buffer[4, 0] == .blank)
    }

    @Test("clipping to a rectangle, including a wide character cut by its left edge")
    func clipping() {
        var buffer = Buffer(width: 6, height: 2)
        buffer.set(0, 0, "abcdef", within: Rect(x: 1, y: 0, width: 3, height: 1))
        assertLines(buffer, [" bcd", ""])
        buffer.set(-1, 1, "界xy")
        assertLines(buffer, [" bcd", " xy"])
        buffer.set(0, 5, "out of area")
        buffer.set(0, 1, "zzzz", within: Rect(x: 0, y: 0, width: 6, height: 1))
        assertLines(buffer, [" bcd", " xy"])
        buffer.set(0, 1, "pqrs", maxWidth: 2)
        assertLines(buffer, [" bcd", "pqy"])
    }

    @Test("overwriting half of a wide character blanks the other half")
    func brokenWideCharacters() {
        var buffer = Buffer(lines: ["界界界"])
        buffer.set(1, 0, "x")   // the right half of the first
        buffer.set(2, 0, "y")   // the left half of the second
        #expect(buffer.cells.map(\.symbol) == [" ", "x", "y", " ", "界", ""])
        buffer.set(3, 0, "日")  // straddles the blank and the third's left half
        #expect(buffer.cells.map(\.symbol) == [" ", "x", "y", "日", "", " "])
    }

    @Test("fill, restyle and paste")
    func fillStylePaste() {
        var buffer = Buffer(width: 5, height: 2)
        buffer.fill(Rect(x: 1, y: 0, width: 3, height: 2), with: Cell("."))
        let bold = Style(modifiers: .bold)
        buffer.setStyle(Rect(x: 0, y: 1, width: 2, height: 1), bold)
        assertLines(buffer, [" ...", " ..."])
        #expect(buffer[0, 1].style == bold && buffer[1, 1].style == bold && buffer[2, 1].style == .plain)
        buffer.paste(Buffer(lines: ["界z", "q"]), x: 3, y: 0)
        // The wide character does not fit at column 3 (it would need 3 and 4 and z 5): 界 fits, z is cut.
        assertLines(buffer, [" ..界", " ..q"])
        buffer.paste(Buffer(lines: ["界z"]), x: -1, y: 0)
        assertLines(buffer, [" z.界", " ..q"])
    }

    @Test("lineMismatch names the lines that differ")
    func mismatch() {
        let buffer = Buffer(lines: ["ab", "cd"])
        #expect(buffer.lineMismatch(["ab", "cd"]) == nil)
        let message = buffer.lineMismatch(["ab", "ce"]) ?? ""
        #expect(message.contains("line 1: expected |ce|"))
        #expect(message.contains("line 1:      got |cd|"))
        #expect(!message.contains("line 0: expected"))
    }

    @Test("rectangles split and intersect")
    func rects() {
        let area = Rect(x: 2, y: 1, width: 10, height: 5)
        #expect(area.splitRows([1, 3, 4]) == [Rect(x: 2, y: 1, width: 10, height: 1),
                                               Rect(x: 2, y: 2, width: 10, height: 3),
                                               Rect(x: 2, y: 5, width: 10, height: 1)])
        #expect(area.splitColumns([4, 8]) == [Rect(x: 2, y: 1, width: 4, height: 5), Rect(x: 6, y: 1, width: 6, height: 5)])
        #expect(area.intersection(Rect(x: 0, y: 0, width: 4, height: 3)) == Rect(x: 2, y: 1, width: 2, height: 2))
        #expect(area.intersection(Rect(x: 20, y: 0, width: 4, height: 3)).isEmpty)
        #expect(area.inset(horizontal: 1, vertical: 1) == Rect(x: 3, y: 2, width: 8, height: 3))
    }
}
