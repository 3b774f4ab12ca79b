import Testing
@testable import TerminalUI

/// A screen that returns scripted events and keeps what was drawn.
private final class ScriptedScreen: Screen {
    var events: [InputEvent?]
    var frames: [Buffer] = []
    init(events: [InputEvent?]) { self.events = events }
    var width: Int { 4 }
    var height: Int { 1 }
    func draw(_ frame: Buffer) { frames.append(frame) }
    func nextEvent(timeoutMilliseconds: Int) -> InputEvent? { events.isEmpty ? nil : events.removeFirst() }
}

@Suite("frame timing log")
struct FrameTimingScreenTests {
    @Test("one line per key with the cells its first frame changed; later changing frames; keys without a frame")
    func lines() throws {
        let base = ScriptedScreen(events: [.key(.down), nil, .key(.character("x")), .key(.up)])
        var log: [String] = []
        let screen = FrameTimingScreen(base) { log.append($0) }
        screen.draw(Buffer(lines: ["ab"]))            // before any key: not logged
        #expect(screen.nextEvent(timeoutMilliseconds: 0) == .key(.down))
        screen.draw(Buffer(lines: ["ac"]))            // the key's frame: 1 cell changed
        screen.draw(Buffer(lines: ["ac"]))            // nothing changed: not logged
        #expect(screen.nextEvent(timeoutMilliseconds: 0) == nil)
        screen.draw(Buffer(lines: ["dd"]))            // a later result: 2 cells changed
        #expect(screen.nextEvent(timeoutMilliseconds: 0) == .key(.character("x")))
        #expect(screen.nextEvent(timeoutMilliseconds: 0) == .key(.up))  // 'x' drew nothing
        #expect(base.frames.count == 4)
        #expect(log.count == 3)
        let fields = log.map { $0.split(separator: "\t").map(String.init) }
        #expect(fields[0][0] == "key" && fields[0][1] == "down" && fields[0][3] == "1" && fields[0][4] == "ac")
        #expect(Double(fields[0][2]) != nil)
        #expect(fields[1][0] == "frame" && fields[1][2] == "2" && fields[1][3] == "dd")
        #expect(fields[2] == ["key", "'x'", "none", "0"])
    }

    @Test("milliseconds with three decimals")
    func milliseconds() {
        let start = ContinuousClock.now
        #expect(FrameTimingScreen.milliseconds(start, start + .microseconds(1_234)) == "1.234")
        #expect(FrameTimingScreen.milliseconds(start, start + .microseconds(16_005)) == "16.005")
        #expect(FrameTimingScreen.milliseconds(start, start) == "0.000")
    }
}
