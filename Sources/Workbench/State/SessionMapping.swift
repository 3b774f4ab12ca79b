import Foundation
import Session
import Synthesis
import Tabular

/// The one mapping between a session file and what the workbench edits. A session holds the
/// plan itself, so a load takes `session.plan` and `session.view` as they are, and a save puts
/// the edited plan and the view back into the loaded session, keeping everything else (gates,
/// output settings) as it was.
public enum SessionMapping {
    /// What the workbench edits, from a session: its plan and where the view was.
    public static func edits(of session: Session) -> (plan: Plan, view: Session.ViewState?) {
        (session.plan, session.view)
    }

    /// The session a save writes: the document's session with the current plan and view, and
    /// the source path relative to where the session goes.
    public static func session(for document: Document, state: WorkbenchState, savingTo path: String) -> Session {
        var session = document.session
        session.format = Session.currentFormat
        // Embedded models belong to the plan they were fitted for: an edited plan drops them
        // (a replay then refits from the source, as the preview did).
        let unchanged = document.savedPlan == document.plan && document.sessionPath != nil
        if !unchanged { session.model = nil }
        session.plan = document.plan
        if let dataPath = dataPath(for: document, savingTo: path) {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var source = session.source ?? Session.Source(path: dataPath)
            source.path = RelativePath.of(dataPath, from: directory)
            // Defaults stay unwritten when the session had none: a save changes nothing it need not.
            if source.read != nil || document.readOptions != CSVReadOptions() { source.read = document.readOptions }
            // A window's table is the file's first rows: the file's own count, once streamed.
            source.rows = document.window.map { $0.fileRows ?? source.rows ?? document.table.rowCount } ?? document.table.rowCount
            if source.columns == nil {
                source.columns = document.table.columns.map { column in
                    Session.SchemaColumn(name: column.name, kind: document.plan.column(named: column.name)?.kind ?? .text)
                }
            }
            session.source = source
        }
        let panel: String? = state.page == .fidelity ? "fidelity" : state.grid.inspect ? "inspect" : nil
        // Where the grid was; what is at its start stays unwritten (a save changes nothing it need not).
        let columns = document.plan.columns
        func unlessZero(_ value: Int) -> Int? { value == 0 ? nil : value }
        session.view = Session.ViewState(
            cursorColumn: state.cursorColumn?.name, panel: panel, cursorRow: unlessZero(state.grid.cursorRow),
            rows: state.grid.view == .real ? nil : state.grid.view.rawValue, topRow: unlessZero(state.grid.topRow),
            leftColumn: state.grid.leftColumn > 0 && columns.indices.contains(state.grid.leftColumn) ? columns[state.grid.leftColumn].name : nil,
            fidelityScroll: unlessZero(state.fidelityScroll))
        return session
    }

    /// The CSV a saved session reads: the document's, or for the demo data the copy that the
    /// save writes beside the session (so that the session replays).
    public static func dataPath(for document: Document, savingTo path: String) -> String? {
        if let dataPath = document.dataPath { return dataPath }
        guard document.isDemo else { return nil }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(DemoDataset.name).path
    }
}
