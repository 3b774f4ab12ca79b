/// Something that draws itself into a rectangle of a `Buffer`.
///
/// Widgets hold their data and options; the palette, chosen once per report, says how to draw.
/// A widget never writes outside the rectangle it is given.
public protocol Widget: Sendable {
    /// Rows the widget needs when given `width` columns.
    func height(forWidth width: Int, palette: Palette) -> Int
    /// Draws into `area` of `buffer`.
    func render(into buffer: inout Buffer, area: Rect, palette: Palette)
}

extension Widget {
    /// Draws with the colour palette.
    public func render(into buffer: inout Buffer, area: Rect) {
        render(into: &buffer, area: area, palette: .color)
    }

    /// A buffer `width` columns wide and as tall as the widget needs, with the widget drawn in it.
    public func rendered(width: Int, palette: Palette = .color) -> Buffer {
        var buffer = Buffer(width: width, height: height(forWidth: width, palette: palette))
        render(into: &buffer, area: buffer.area, palette: palette)
        return buffer
    }
}

/// Widgets drawn one under another, `spacing` blank rows apart.
public struct WidgetStack: Widget {
    public var widgets: [any Widget]
    public var spacing: Int

    public init(_ widgets: [any Widget], spacing: Int = 1) {
        self.widgets = widgets
        self.spacing = spacing
    }

    public func height(forWidth width: Int, palette: Palette) -> Int {
        let heights = widgets.map { $0.height(forWidth: width, palette: palette) }
        return heights.reduce(0, +) + spacing * max(0, heights.count - 1)
    }

    public func render(into buffer: inout Buffer, area: Rect, palette: Palette) {
        var top = area.y
        for widget in widgets {
            let h = widget.height(forWidth: area.width, palette: palette)
            let band = area.intersection(Rect(x: area.x, y: top, width: area.width, height: h))
            if !band.isEmpty { widget.render(into: &buffer, area: band, palette: palette) }
            top += h + spacing
        }
    }
}
