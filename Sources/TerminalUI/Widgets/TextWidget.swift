/// Lines of text in one of the palette's roles, each shortened to the width (for headings,
/// notes and small tables between charts). In ASCII mode the text is folded to ASCII.
public struct TextWidget: Widget {
    /// Which palette style the lines take.
    public enum Role: Sendable, Hashable {
        case plain, title, muted
    }

    public var lines: [String]
    public var role: Role

    public init(_ lines: [String], role: Role = .plain) {
        self.lines = lines
        self.role = role
    }

    public init(_ line: String, role: Role = .plain) {
        self.init([line], role: role)
    }

    public func height(forWidth width: Int, palette: Palette) -> Int { lines.count }

    public func render(into buffer: inout Buffer, area: Rect, palette: Palette) {
        let style: Style = switch role {
        case .plain: .plain
        case .title: palette.title
        case .muted: palette.muted
        }
        for (row, line) in lines.enumerated() where row < area.height {
            let text = DisplayWidth.truncate(palette.text(line), to: area.width, ellipsis: palette.glyphs.ellipsis)
            buffer.set(area.x, area.y + row, text, style, within: area)
        }
    }
}
