import Fidelity
import Synthesis
import Tabular

/// The preview: asked for after every plan change (reusing what the change left valid), and
/// taken in when built — a failed one keeps its last good rows, marked stale.
extension Workbench {
    /// Asks for the preview of the current plan; the job carries the fit cache, so only what
    /// the edit touched is refitted. `full`: no joint group is fitted on a sample (the follow-up
    /// of an approximate preview).
    static func requestPreview(_ state: inout WorkbenchState, full: Bool = false) -> [WorkbenchEffect] {
        guard let document = state.document else { return [] }
        let sample = !full && document.table.rowCount > PreviewBuilder.approximateJointRows ? PreviewBuilder.approximateJointRows : nil
        state.preview.generation += 1
        state.preview.pending = true
        return [.buildPreview(PreviewJob(generation: state.preview.generation, table: document.table, plan: document.plan,
                                         totalRows: document.totalRows, cache: state.preview.cache, jointSampleRows: sample))]
    }

    static func previewBuilt(_ generation: Int, _ result: PreviewResult, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard generation == state.preview.generation, let document = state.document else { return [] }
        state.preview.pending = false
        state.preview.cache = result.cache
        state.preview.approximate = result.approximate && result.errors.isEmpty
        // An approximate preview is shown at once; the fit on all rows follows, and fidelity
        // waits for it (the cores go to the fit).
        let followUp = state.preview.approximate ? requestPreview(&state, full: true) : []
        state.preview.fitted = result.fitted
        // A failed preview keeps the last good rows of the columns it could not make, marked
        // stale, instead of blanking them: what the edit broke stays comparable.
        var generated = result.generated
        var stale: Set<String> = []
        if !result.errors.isEmpty {
            for (name, previous) in state.preview.generated where generated[name] == nil
                && document.plan.outputColumns.contains(where: { $0.name == name }) {
                generated[name] = previous
                stale.insert(name)
            }
        }
        state.preview.generated = generated
        state.preview.stale = stale
        state.preview.errors = result.errors
        if let message = previewFailure(result.errors, state) { state.message = StatusMessage(message, isError: true) }
        RowOrdering.refreshSynthetic(&state)
        if let restore = state.grid.restoreRows {
            state.grid.restoreRows = nil
            state.grid.cursorRow = restore.cursorRow
            state.grid.topRow = restore.topRow
        }
        keepCursorVisible(&state)
        // Rule figures of an older preview would describe other rows.
        state.fidelity.rules = nil
        // Fidelity of this preview, on the columns that were generated.
        let names = document.plan.outputColumns.map(\.name).filter { result.generated[$0] != nil }
        guard stale.isEmpty, !state.preview.approximate else { return followUp }
        guard !names.isEmpty else { return followUp }
        let rows = min(document.realSample.rowCount, state.preview.rowCount)
        let columns = names.map { name -> Column in
            let values = result.generated[name]!.values
            return Column(name: name, values: values.values, validity: values.validity)
        }
        var kinds: [String: ColumnKind] = [:]
        for column in document.plan.columns { kinds[column.name] = column.kind }
        state.fidelity.generation = generation
        state.fidelity.qualityPending = true
        state.fidelity.error = nil
        let job = FidelityJob(generation: generation, real: document.realSample, syntheticColumns: columns, rows: rows,
                              holdout: document.holdout, kinds: kinds, seed: document.plan.seed)
        state.fidelity.privacyJob = job
        state.fidelity.privacy = nil
        state.fidelity.privacyPending = false
        return followUp + [.computeQuality(job)] + requestPrivacyIfShown(&state) + requestRuleCheck(&state)
    }

    /// The whole error of a failed preview: the column, the message, and the edit to undo.
    static func previewFailure(_ errors: [String: String], _ state: WorkbenchState) -> String? {
        let order = state.document?.plan.columns.map(\.name) ?? []
        guard let key = errors.keys.min(by: { (order.firstIndex(of: $0) ?? -1) < (order.firstIndex(of: $1) ?? -1) }),
              let error = errors[key] else { return nil }
        var text = "preview failed" + (key == PreviewBuilder.planKey ? "" : " at \(key)") + ": " + error
        if let last = state.history.undo.last { text += "; u undoes the last edit (\(last.description))" }
        if !state.preview.stale.isEmpty { text += "; the rows shown are the last good ones" }
        return text
    }

    /// Asks for the privacy figures of the newest preview when a screen that shows them is open.
    static func requestPrivacyIfShown(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let job = state.fidelity.privacyJob, state.page == .fidelity || state.grid.inspect else { return [] }
        state.fidelity.privacyJob = nil
        state.fidelity.privacyPending = true
        return [.computePrivacy(job)]
    }
}
