import Testing
@testable import TerminalUI

@Suite("ANSI output")
struct ANSITests {
    let esc = "\u{1B}["

    @Test("a small buffer, exactly: SGR only on change, reset at line end, trailing blanks dropped")
    func smallBuffer() {
        var buffer = Buffer(width: 6, height: 3)
        let boldRed = Style(foreground: .ansi(.red), modifiers: .bold)
        buffer.set(0, 0, "ab", boldRed)
        buffer.set(2, 0, "c")
        buffer.set(1, 1, "x", Style(background: .rgb(1, 2, 3)))
        buffer.set(2, 1, "y", Style(foreground: .indexed(208), background: .rgb(1, 2, 3)))
        buffer.set(0, 2, "界", Style(foreground: .ansi(.brightCyan)))
        #expect(buffer.ansiLines() == [
            "\(esc)1;31mab\(esc)0mc",
            " \(esc)48;2;1;2;3mx\(esc)38;5;208my\(esc)0m",
            "\(esc)96m界\(esc)0m",
        ])
        #expect(buffer.ansiText() == buffer.ansiLines().map { $0 + "\n" }.joined())
    }

    @Test("styled blanks at the end of a line are kept")
    func styledTrailingBlanks() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.set(0, 0, "a  ", Style(background: .ansi(.blue)))
        #expect(buffer.ansiLines() == ["\(esc)44ma  \(esc)0m"])
    }

    @Test("transitions change only what differs, or restart from 0 when that is shorter")
    func transitions() {
        let bold = Style(modifiers: .bold)
        #expect(SGR.transition(from: bold, to: bold.adding(.italic), depth: .trueColor) == "\(esc)3m")
        // 22 clears bold and dim together, so dim is set again.
        let boldDimRed = Style(foreground: .ansi(.red), modifiers: [.bold, .dim])
        #expect(SGR.transition(from: boldDimRed, to: Style(foreground: .ansi(.red), modifiers: .dim), depth: .trueColor)
                == "\(esc)22;2m")
        // Without the colour to keep, starting again from 0 is shorter.
        #expect(SGR.transition(from: Style(modifiers: [.bold, .dim]), to: Style(modifiers: .dim), depth: .trueColor)
                == "\(esc)0;2m")
        let red = Style(foreground: .ansi(.red), background: .ansi(.white))
        #expect(SGR.transition(from: red, to: red.foreground(.ansi(.blue)), depth: .trueColor) == "\(esc)34m")
        #expect(SGR.transition(from: red, to: red.foreground(.default), depth: .trueColor) == "\(esc)39m")
        let busy = Style(foreground: .rgb(10, 20, 30), background: .rgb(40, 50, 60), modifiers: [.bold, .underline, .reverse])
        #expect(SGR.transition(from: busy, to: Style(modifiers: .italic), depth: .trueColor) == "\(esc)0;3m")
        #expect(SGR.transition(from: busy, to: .plain, depth: .trueColor) == "\(esc)0m")
        #expect(SGR.transition(from: busy, to: busy, depth: .trueColor) == "")
    }

    @Test("RGB maps to the nearest xterm-256 entry for 256-colour terminals")
    func indexed256() {
        #expect(Color.rgb(255, 0, 0).indexed256 == .indexed(196))
        #expect(Color.rgb(0, 0, 0).indexed256 == .indexed(16))
        #expect(Color.rgb(128, 128, 128).indexed256 == .indexed(244))
        #expect(Color.rgb(95, 135, 215).indexed256 == .indexed(68))
        #expect(Color.ansi(.red).indexed256 == .ansi(.red))
        var buffer = Buffer(width: 1, height: 1)
        buffer.set(0, 0, "x", Style(foreground: .rgb(255, 0, 0)))
        #expect(buffer.ansiLines(depth: .indexed256) == ["\(esc)38;5;196mx\(esc)0m"])
    }
}
