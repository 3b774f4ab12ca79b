@testable import NcursesScreen
import Testing
import TerminalUI

@Suite("colours for 256-colour, 16-colour, 8-colour and monochrome terminals")
struct CursesColorTests {
    @Test("capability from terminfo colours and NO_COLOR")
    func capability() {
        #expect(ColorCapability(colorCount: 256, noColor: false) == .indexed256)
        #expect(ColorCapability(colorCount: 16_777_216, noColor: false) == .indexed256)
        #expect(ColorCapability(colorCount: 16, noColor: false) == .sixteen)
        #expect(ColorCapability(colorCount: 8, noColor: false) == .eight)
        #expect(ColorCapability(colorCount: 0, noColor: false) == .monochrome)
        #expect(ColorCapability(colorCount: 256, noColor: true) == .monochrome)
        #expect(ColorCapability.noColorRequested(environment: ["NO_COLOR": "1"]))
        #expect(!ColorCapability.noColorRequested(environment: ["NO_COLOR": ""]))
        #expect(!ColorCapability.noColorRequested(environment: [:]))
    }

    @Test("256 colours: ANSI and indexed as they are, RGB to the nearest cube or grey entry")
    func indexed256() {
        #expect(CursesColor.number(for: .default, on: .indexed256) == -1)
        #expect(CursesColor.number(for: .ansi(.brightRed), on: .indexed256) == 9)
        #expect(CursesColor.number(for: .indexed(208), on: .indexed256) == 208)
        #expect(CursesColor.number(for: .rgb(255, 0, 0), on: .indexed256) == 196)
        #expect(CursesColor.number(for: .rgb(128, 128, 128), on: .indexed256) == 244)
    }

    @Test("8 and 16 colours: the nearest ANSI colour by hue, greys by brightness")
    func fewColors() {
        // The palette's real (blue) and synthetic (orange) series and its score bands stay distinct.
        #expect(CursesColor.number(for: .rgb(86, 168, 245), on: .eight) == 6)   // cyan
        #expect(CursesColor.number(for: .rgb(247, 151, 62), on: .eight) == 3)   // yellow
        #expect(CursesColor.number(for: .rgb(232, 76, 76), on: .eight) == 1)    // red
        #expect(CursesColor.number(for: .rgb(88, 196, 120), on: .eight) == 2)   // green
        #expect(CursesColor.number(for: .rgb(222, 196, 70), on: .eight) == 3)   // yellow
        #expect(CursesColor.number(for: .rgb(170, 60, 220), on: .eight) == 5)   // magenta
        #expect(CursesColor.number(for: .rgb(30, 60, 200), on: .eight) == 4)    // blue
        #expect(CursesColor.number(for: .rgb(247, 151, 62), on: .sixteen) == 11) // bright yellow
        #expect(CursesColor.number(for: .rgb(128, 128, 128), on: .sixteen) == 8) // bright black
        #expect(CursesColor.number(for: .rgb(128, 128, 128), on: .eight) == 7)
        #expect(CursesColor.number(for: .rgb(40, 44, 52), on: .eight) == 0)
        #expect(CursesColor.number(for: .rgb(250, 250, 250), on: .sixteen) == 15)
        #expect(CursesColor.number(for: .ansi(.brightRed), on: .eight) == 1)
        #expect(CursesColor.number(for: .ansi(.brightRed), on: .sixteen) == 9)
        #expect(CursesColor.number(for: .indexed(4), on: .eight) == 4)
        #expect(CursesColor.number(for: .indexed(196), on: .eight) == 1)
        #expect(CursesColor.number(for: .indexed(231), on: .sixteen) == 15)
        #expect(CursesColor.number(for: .indexed(232), on: .eight) == 0)
    }

    @Test("monochrome: every colour is the terminal's own")
    func monochrome() {
        for color in [Color.default, .ansi(.red), .indexed(200), .rgb(1, 2, 3)] {
            #expect(CursesColor.number(for: color, on: .monochrome) == -1)
        }
    }

    @Test("colour pairs are registered once, on first use, and fall back to pair 0 when full")
    func pairs() {
        var registered: [[Int32]] = []
        var table = ColorPairs(capacity: 3) { pair, foreground, background in
            registered.append([pair, foreground, background])
            return true
        }
        #expect(table.pair(foreground: -1, background: -1) == 0)
        #expect(table.pair(foreground: 1, background: -1) == 1)
        #expect(table.pair(foreground: 2, background: 0) == 2)
        #expect(table.pair(foreground: 1, background: -1) == 1)
        #expect(table.pair(foreground: 3, background: 3) == 0)
        #expect(registered == [[1, 1, -1], [2, 2, 0]])
        #expect(table.count == 2)

        var refusing = ColorPairs(capacity: 100) { _, _, _ in false }
        #expect(refusing.pair(foreground: 1, background: 2) == 0)
    }
}
