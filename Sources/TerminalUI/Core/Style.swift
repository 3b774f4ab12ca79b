/// How a cell is drawn: foreground and background colours plus text attributes.
///
/// `Style.plain` (terminal defaults, no attributes) is what the ANSI writer resets to at the end
/// of every line, and the only style the ASCII palette ever uses.
public struct Style: Sendable, Hashable {
    public var foreground: Color
    public var background: Color
    public var modifiers: Modifiers

    public init(foreground: Color = .default, background: Color = .default, modifiers: Modifiers = []) {
        self.foreground = foreground
        self.background = background
        self.modifiers = modifiers
    }

    /// Terminal default colours, no attributes.
    public static let plain = Style()

    /// This style with another foreground colour.
    public func foreground(_ color: Color) -> Style {
        var copy = self
        copy.foreground = color
        return copy
    }

    /// This style with another background colour.
    public func background(_ color: Color) -> Style {
        var copy = self
        copy.background = color
        return copy
    }

    /// This style with `modifiers` added.
    public func adding(_ modifiers: Modifiers) -> Style {
        var copy = self
        copy.modifiers.formUnion(modifiers)
        return copy
    }

    public var isPlain: Bool { self == .plain }
}

/// Text attributes a terminal can combine.
public struct Modifiers: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Modifiers(rawValue: 1 << 0)
    public static let dim = Modifiers(rawValue: 1 << 1)
    public static let italic = Modifiers(rawValue: 1 << 2)
    public static let underline = Modifiers(rawValue: 1 << 3)
    public static let reverse = Modifiers(rawValue: 1 << 4)
}
