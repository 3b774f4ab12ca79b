import TerminalUI

/// Where each part of the screen goes at the state's size; the reducer scrolls by it and the
/// renderer draws by it, so the two agree.
public struct WorkbenchLayout: Sendable, Equatable {
    /// The top line: file, rows, columns, seed, view, state.
    public var title: Rect
    /// The grid (one pane, or two side by side).
    public var grid: Rect
    /// The column panel, when open.
    public var panel: Rect?
    /// The bottom line: key hints, messages, prompts.
    public var status: Rect

    /// Grid rows taken by the column header (names, then kind and strategy badges).
    public static let headerRows = 2
    /// From this width the panel sits right of the grid, else under it.
    public static let sidePanelMinimumWidth = 120

    public init(width: Int, height: Int, inspect: Bool) {
        title = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: max(0, height - 1), width: width, height: height > 1 ? 1 : 0)
        let body = Rect(x: 0, y: 1, width: width, height: max(0, height - 2))
        guard inspect else {
            grid = body
            panel = nil
            return
        }
        if width >= Self.sidePanelMinimumWidth {
            let panelWidth = min(64, width * 2 / 5)
            let parts = body.splitColumns([width - panelWidth, panelWidth])
            grid = parts[0]
            panel = parts[1]
        } else {
            let panelHeight = min(body.height - 5, max(12, body.height * 3 / 5))
            let parts = body.splitRows([body.height - panelHeight, panelHeight])
            grid = parts[0]
            panel = parts[1]
        }
    }

    public init(_ state: WorkbenchState) {
        self.init(width: state.width, height: state.height, inspect: state.grid.inspect && state.page == .grid)
    }

    /// Data rows the grid shows.
    public var dataRows: Int { max(1, grid.height - Self.headerRows) }

    /// The panes of a view: one, or real and synthetic side by side.
    public func panes(_ view: GridState.View) -> [Rect] {
        guard view == .both else { return [grid] }
        let left = grid.width / 2
        return grid.splitColumns([left, grid.width - left])
    }
}
