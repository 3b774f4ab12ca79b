/// A `Screen` for tests: input comes from a script, frames are kept as `Buffer`s.
///
/// A script is a list of steps: events, and captures that keep the frame on screen at that
/// point under a name. When the script runs out, the screen reports Ctrl-C, so that a test whose
/// script forgets to quit ends instead of hanging.
public final class InMemoryScreen: Screen {
    public enum Step: Sendable, Hashable {
        case event(InputEvent)
        /// Keep the frame shown when the next event is asked for under this name.
        case capture(String)
    }

    public private(set) var width: Int
    public private(set) var height: Int
    /// Every frame drawn, oldest first.
    public private(set) var frames: [Buffer] = []
    /// Frames kept by `.capture` steps.
    public private(set) var captures: [String: Buffer] = [:]
    /// Events handed out so far.
    public private(set) var eventsRead = 0
    /// Times the program asked to be suspended (Ctrl-Z).
    public private(set) var suspensions = 0
    private var script: [Step]
    private var position = 0

    public init(width: Int = 80, height: Int = 24, script: [Step] = []) {
        self.width = width
        self.height = height
        self.script = script
    }

    /// A script of keys typed one after another (`"s"`, then Enter, ...).
    public convenience init(width: Int = 80, height: Int = 24, keys: [Key]) {
        self.init(width: width, height: height, script: keys.map { .event(.key($0)) })
    }

    /// Appends steps to the script.
    public func append(_ steps: [Step]) { script += steps }

    /// The last frame's lines as plain text, trailing spaces dropped.
    public var lines: [String] { frames.last?.plainLines() ?? [] }

    /// The lines of a captured frame.
    public func lines(_ capture: String) -> [String] { captures[capture]?.plainLines() ?? [] }

    public func draw(_ frame: Buffer) {
        frames.append(frame)
    }

    public func suspend() {
        suspensions += 1
    }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        while position < script.count {
            let step = script[position]
            position += 1
            switch step {
            case .capture(let name):
                if let last = frames.last { captures[name] = last }
            case .event(let event):
                eventsRead += 1
                if case .resize(let newWidth, let newHeight) = event {
                    width = newWidth
                    height = newHeight
                }
                return event
            }
        }
        eventsRead += 1
        return .key(.control("c"))
    }
}

extension InMemoryScreen.Step {
    /// Typed text, one key per character.
    public static func type(_ text: String) -> [InMemoryScreen.Step] {
        text.map { .event(.key(.character($0))) }
    }

    public static func key(_ key: Key) -> InMemoryScreen.Step { .event(.key(key)) }
}
