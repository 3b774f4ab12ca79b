/// How much colour a terminal can show, and so how `Style` colours are drawn on it.
public enum ColorCapability: Sendable, Equatable {
    /// No colour (a monochrome terminal, or `NO_COLOR` set): attributes only.
    case monochrome
    /// The eight basic ANSI colours.
    case eight
    /// The eight basic colours and their bright variants.
    case sixteen
    /// The xterm 256-colour table (24-bit colours go to the nearest entry).
    case indexed256

    /// The capability for a terminal reporting `colorCount` colours (terminfo `colors`);
    /// `noColor` (the `NO_COLOR` convention) turns colour off whatever the terminal can do.
    public init(colorCount: Int, noColor: Bool) {
        if noColor || colorCount < 8 {
            self = .monochrome
        } else if colorCount < 16 {
            self = .eight
        } else if colorCount < 256 {
            self = .sixteen
        } else {
            self = .indexed256
        }
    }

    /// True unless monochrome.
    public var hasColor: Bool { self != .monochrome }

    /// `NO_COLOR` set to any non-empty value (https://no-color.org).
    public static func noColorRequested(environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }
}
