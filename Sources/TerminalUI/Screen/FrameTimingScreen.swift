/// A screen that measures how fast the program behind it answers: for each event, the time
/// from the event being handed over to the next frame drawn (handling, rendering and drawing,
/// but not the terminal's own painting), and for each later frame that changes the screen, the
/// time since that event (a background result such as a refreshed preview). One line per
/// measurement goes to `log`, ending with the frame's top row (where the workbench says what
/// it is busy with), so that a script can tell which frame showed a result:
///
///     key	<event>	<milliseconds to the first frame>	<cells changed>	<top row>
///     frame	<milliseconds since the last event>	<cells changed>	<top row>
///
/// The workbench runs on it when `DOPPEL_FRAME_LOG` names a file (see Benchmarks/).
public final class FrameTimingScreen: Screen {
    private let base: any Screen
    private let log: (String) -> Void
    private let clock = ContinuousClock()
    private var lastEvent: (event: InputEvent, at: ContinuousClock.Instant, framed: Bool)?
    private var lastFrame: Buffer?

    public init(_ base: any Screen, log: @escaping (String) -> Void) {
        self.base = base
        self.log = log
    }

    public var width: Int { base.width }
    public var height: Int { base.height }

    public func draw(_ frame: Buffer) {
        base.draw(frame)
        let drawn = clock.now
        let changed = lastFrame.map { Buffer.diff($0, frame).count } ?? frame.cells.count
        lastFrame = frame
        guard let last = lastEvent else { return }
        let milliseconds = Self.milliseconds(last.at, drawn)
        if !last.framed {
            lastEvent?.framed = true
            log("key\t\(Self.name(last.event))\t\(milliseconds)\t\(changed)\t\(Self.topRow(frame))")
        } else if changed > 0 {
            log("frame\t\(milliseconds)\t\(changed)\t\(Self.topRow(frame))")
        }
    }

    public func suspend() { base.suspend() }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard let event = base.nextEvent(timeoutMilliseconds: timeoutMilliseconds) else { return nil }
        if let last = lastEvent, !last.framed { log("key\t\(Self.name(last.event))\tnone\t0") }
        lastEvent = (event, clock.now, false)
        return event
    }

    static func milliseconds(_ start: ContinuousClock.Instant, _ end: ContinuousClock.Instant) -> String {
        let duration = end - start
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let whole = micros / 1000, fraction = micros % 1000
        return "\(whole)." + String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
    }

    static func topRow(_ frame: Buffer) -> String {
        guard frame.area.height > 0 else { return "" }
        var text = frame.cells[0..<frame.area.width].map(\.symbol).joined()
        while text.last == " " { text.removeLast() }
        while text.first == " " { text.removeFirst() }
        return text
    }

    static func name(_ event: InputEvent) -> String {
        switch event {
        case .key(.character(let character)): return "'\(character)'"
        case .key(let key): return "\(key)"
        case .resize(let width, let height): return "resize \(width)x\(height)"
        case .mouse(let event): return "mouse \(event)"
        }
    }
}

