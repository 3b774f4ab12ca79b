/// One cell a terminal must redraw: its position and what to draw there.
public struct CellUpdate: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}

extension Buffer {
    /// The cells of `new` that differ from `old`, in row-major order: what a screen sends to the
    /// terminal to go from one frame to the next.
    ///
    /// A wide character's continuation cell is never sent: drawing the character covers it.
    /// Replacing a wide character by narrow ones changes its continuation cell (`""` becomes a
    /// symbol), so the uncovered column is sent too. Buffers of different areas cannot be
    /// compared cell by cell; then every cell of `new` is returned (a full redraw).
    public static func diff(_ old: Buffer, _ new: Buffer) -> [CellUpdate] {
        var updates: [CellUpdate] = []
        let sameArea = old.area == new.area
        for i in new.cells.indices {
            let cell = new.cells[i]
            if cell.isContinuation { continue }
            if sameArea && old.cells[i] == cell { continue }
            updates.append(CellUpdate(x: new.area.x + i % new.area.width, y: new.area.y + i / new.area.width, cell: cell))
        }
        return updates
    }
}
