import Foundation
import Session
import Synthesis
import Tabular

/// The session a save writes: the document's session with the current plan, seed and view,
/// and the source path relative to where the session goes.
public enum SessionBuilder {
    public static func session(for document: Document, state: WorkbenchState, savingTo path: String) -> Session {
        var session = document.session
        let plan = document.plan
        let unchanged = document.savedPlan == plan && document.sessionPath != nil
        session.format = Session.currentFormat
        let columns = plan.columns.map { column in
            let previous = session.plan.columns.first { $0.name == column.name }
            return Session.PlanColumn.make(name: column.name, kind: column.kind, strategy: column.strategy,
                                      parameters: column.parameters.isEmpty ? nil : column.parameters,
                                      realValues: unchanged ? previous?.realValues : nil)
        }
        session.plan = Session.PlanSection(columns: columns, joint: plan.joint.isEmpty ? nil : plan.joint,
                                           constraints: plan.constraints.isEmpty ? nil : plan.constraints)
        // Embedded models belong to the plan they were fitted for: an edited plan drops them
        // (a replay then refits from the source, as the preview did).
        if !unchanged { session.model = nil }
        session.run.seed = plan.seed
        session.run.rows = plan.rows
        session.run.conditions = plan.conditions
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if let dataPath = dataPath(for: document, savingTo: path) {
            var source = session.source ?? Session.Source.make(path: dataPath)
            source.path = RelativePath.of(dataPath, from: directory)
            source.read = document.readOptions
            source.rows = document.table.rowCount
            if source.columns == nil {
                source.columns = document.table.columns.enumerated().map { index, column in
                    Session.SchemaColumn.make(name: column.name, kind: plan.column(named: column.name)?.kind ?? .text)
                }
            }
            session.source = source
        }
        let cursor = state.cursorColumn?.name
        let panel: String? = state.page == .fidelity ? "fidelity" : state.grid.inspect ? "inspect" : nil
        session.view = Session.ViewState.make(cursorColumn: cursor, panel: panel)
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
