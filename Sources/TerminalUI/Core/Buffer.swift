/// A grid of cells covering `area`: what a frame or a widget draws into, before anything is
/// written to a terminal.
///
/// Coordinates are absolute (the same as `area`'s), so a widget given a sub-rectangle writes
/// at that rectangle's coordinates. Writes outside `area` are dropped.
public struct Buffer: Sendable, Equatable {
    public private(set) var area: Rect
    /// Row-major cells, `area.width` per row.
    public private(set) var cells: [Cell]

    /// A buffer of blank cells (or copies of `cell`, which must be one column wide).
    public init(area: Rect, filling cell: Cell = .blank) {
        self.area = area
        cells = Array(repeating: cell, count: area.width * area.height)
    }

    public init(width: Int, height: Int) {
        self.init(area: Rect(width: width, height: height))
    }

    /// A buffer as wide as the widest line, holding `lines` in `style` (handy in tests).
    public init(lines: [String], style: Style = .plain) {
        let width = lines.map { DisplayWidth.of($0) }.max() ?? 0
        self.init(width: width, height: lines.count)
        for (row, line) in lines.enumerated() { set(0, row, line, style) }
    }

    /// The index of (x, y) in `cells`, or nil outside `area`.
    public func index(x: Int, y: Int) -> Int? {
        guard area.contains(x: x, y: y) else { return nil }
        return (y - area.y) * area.width + (x - area.x)
    }

    /// The cell at (x, y), or nil outside `area`.
    public func cell(x: Int, y: Int) -> Cell? {
        index(x: x, y: y).map { cells[$0] }
    }

    /// The cell at (x, y), which must lie inside `area`. Setting a cell this way skips the
    /// wide-character bookkeeping of `set`; use it for one-column symbols only.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard let i = index(x: x, y: y) else { preconditionFailure("(\(x), \(y)) outside \(area)") }
            return cells[i]
        }
        set {
            guard let i = index(x: x, y: y) else { preconditionFailure("(\(x), \(y)) outside \(area)") }
            cells[i] = newValue
        }
    }

    /// Writes `string` from column `x` of row `y`, one grapheme per cell, two cells for wide
    /// characters; control characters and lone zero-width marks are skipped. Stops before the
    /// first grapheme that would cross the right edge of `area` (or of `clip`, or `maxWidth`
    /// columns); graphemes left of the edge are skipped, and a wide one cut by it leaves blanks.
    /// Returns the column after the last grapheme placed.
    @discardableResult
    public mutating func set(_ x: Int, _ y: Int, _ string: String, _ style: Style = .plain,
                             within clip: Rect? = nil, maxWidth: Int = .max) -> Int {
        let bounds = clip.map { area.intersection($0) } ?? area
        let rowVisible = y >= bounds.top && y < bounds.bottom
        let limit = maxWidth >= bounds.right - x ? bounds.right : x + maxWidth
        var column = x
        for character in string {
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            if column + width > limit { break }
            if rowVisible {
                if column >= bounds.left {
                    put(String(character), width: width, x: column, y: y, style: style)
                } else if column + width > bounds.left {
                    for blank in bounds.left..<(column + width) { put(" ", width: 1, x: blank, y: y, style: style) }
                }
            }
            column += width
        }
        return column
    }

    /// Fills `rect` (clipped to `area`) with copies of a one-column `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let target = area.intersection(rect)
        for y in target.top..<target.bottom {
            for x in target.left..<target.right { put(cell.symbol, width: 1, x: x, y: y, style: cell.style) }
        }
    }

    /// Gives every cell in `rect` (clipped to `area`) the style `style`, keeping its symbol.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let target = area.intersection(rect)
        for y in target.top..<target.bottom {
            for x in target.left..<target.right { cells[index(x: x, y: y)!].style = style }
        }
    }

    /// Copies `other` so that its top-left cell lands at (x, y); what falls outside is dropped.
    public mutating func paste(_ other: Buffer, x: Int, y: Int) {
        for row in 0..<other.area.height {
            for column in 0..<other.area.width {
                let source = other.cells[row * other.area.width + column]
                let tx = x + column, ty = y + row
                guard area.contains(x: tx, y: ty) else { continue }
                if source.isContinuation {
                    // The leader was cut off at the left edge: show a blank in its place.
                    if column == 0 || tx == area.left { put(" ", width: 1, x: tx, y: ty, style: source.style) }
                    continue
                }
                let width = source.width
                if tx + width <= area.right {
                    put(source.symbol, width: width, x: tx, y: ty, style: source.style)
                } else {
                    put(" ", width: 1, x: tx, y: ty, style: source.style)
                }
            }
        }
    }

    /// Places one grapheme of `width` columns at (x, y), keeping wide characters whole: a wide
    /// character partly overwritten is replaced by a blank.
    private mutating func put(_ symbol: String, width: Int, x: Int, y: Int, style: Style) {
        guard let i = index(x: x, y: y), x + width <= area.right else { return }
        if cells[i].isContinuation, x > area.left {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
        }
        cells[i] = Cell(symbol, style: style)
        for k in 1..<max(1, width) { cells[i + k] = Cell("", style: style) }
        let after = x + width
        if after < area.right, cells[i + width].isContinuation {
            cells[i + width] = Cell(" ", style: cells[i + width].style)
        }
    }
}
