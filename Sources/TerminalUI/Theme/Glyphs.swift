/// The characters widgets draw with: Unicode block, box and braille characters, or printable
/// ASCII only.
public struct Glyphs: Sendable, Hashable {
    /// True when every glyph is printable ASCII.
    public var isASCII: Bool
    /// Bars growing up, by eighths of a cell: index 0 is empty, 8 a full cell.
    public var verticalEighths: [String]
    /// Bars growing right, by eighths of a cell: index 0 is empty, 8 a full cell.
    public var horizontalEighths: [String]
    public var axisVertical: String
    public var axisTick: String
    public var axisHorizontal: String
    public var axisCorner: String
    /// The unfilled part of a gauge.
    public var gaugeEmpty: String
    public var ellipsis: String

    public static let unicode = Glyphs(
        isASCII: false,
        verticalEighths: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        horizontalEighths: ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        axisVertical: "│", axisTick: "┤", axisHorizontal: "─", axisCorner: "└",
        gaugeEmpty: "░", ellipsis: "…")

    /// Whole cells only: partial eighths round to empty or full.
    public static let ascii = Glyphs(
        isASCII: true,
        verticalEighths: [" ", " ", " ", " ", "#", "#", "#", "#", "#"],
        horizontalEighths: ["", "", "", "", "#", "#", "#", "#", "#"],
        axisVertical: "|", axisTick: "+", axisHorizontal: "-", axisCorner: "+",
        gaugeEmpty: ".", ellipsis: "~")
}
