/// One terminal column of a `Buffer`: the grapheme drawn there and its style.
///
/// A character two columns wide (CJK, most emoji) sits in its left cell; the cell to its right
/// holds the empty symbol `""` (a continuation) and is never drawn on its own.
public struct Cell: Sendable, Hashable {
    public var symbol: String
    public var style: Style

    public init(_ symbol: String, style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    /// A space in the plain style: what a new buffer holds.
    public static let blank = Cell(" ")

    /// True for the right half of a wide character.
    public var isContinuation: Bool { symbol.isEmpty }

    /// Columns this cell's symbol covers: 0 for a continuation, else 1 or 2.
    public var width: Int { symbol.isEmpty ? 0 : max(1, DisplayWidth.of(symbol)) }
}
