import Session
import Synthesis
import Tabular
import TerminalUI

/// Related tables: the table list, and one single-table workbench per table. The state shown is
/// either the list (no document) or the open table's own `WorkbenchState`, reduced by
/// `reduceTable` exactly as a lone CSV would be; the other tables wait in `relational.stashed`.
/// Their effects and results travel tagged with the table's name (`.forTable`), so a preview
/// that ends after the user went back still lands in its own table.
extension Workbench {
    static func isRelationalStart(_ state: WorkbenchState, _ action: WorkbenchAction) -> Bool {
        switch action {
        case .start: if case .relational = state.launch.target { return true }
        case .relationalLoaded: return true
        default: break
        }
        return false
    }

    static func reduceRelational(_ state: inout WorkbenchState, _ action: WorkbenchAction) -> [WorkbenchEffect] {
        switch action {
        case .start:
            guard case .relational(let source) = state.launch.target else { return reduceTable(&state, action) }
            state.phase = .loading(loadingText(state.launch.target))
            return [.loadRelational(RelationalLoadRequest(source: source, currentDirectory: state.currentDirectory,
                                                          seed: state.newSessionSeed, reader: state.launch.database))]
        case .relationalLoaded(var relational):
            relational.launch = state.launch
            state.relational = relational
            state.phase = .ready
            state.message = relational.notes.first.map { StatusMessage($0) }
            return []
        case .forTable(let name, let inner):
            return reduceOnTable(name, &state, inner)
        case .cardinalityComputed(let generation, let report):
            guard generation == state.relational?.cardinalityGeneration else { return [] }
            state.relational?.cardinality = .computed(report)
            return []
        case .cardinalityFailed(let generation, let message):
            guard generation == state.relational?.cardinalityGeneration else { return [] }
            state.relational?.cardinality = .failed(message)
            return []
        case .relationalSaved(let path, let session):
            return relationalSaved(path, session, &state)
        case .resize(let width, let height):
            if let name = state.relational?.open { return reduceOnTable(name, &state, action) }
            state.width = max(1, width)
            state.height = max(1, height)
            return []
        case .key, .command, .mouse:
            // An open table takes its keys whatever its phase (q leaves a table still loading).
            if let name = state.relational?.open { return openTableInput(name, action, &state) }
            guard case .ready = state.phase, state.relational != nil else { return reduceTable(&state, action) }
            return tableListInput(action, &state)
        default:
            // Results of list-level effects (a path completed in the save prompt, a failed load or save).
            if let name = state.relational?.open { return reduceOnTable(name, &state, action) }
            if case .saveFailed(let message) = action {
                state.message = StatusMessage("not saved: \(message)", isError: true)
                return []
            }
            return reduceTable(&state, action)
        }
    }

    /// The command a key or a command action runs on `screen`.
    private static func command(of action: WorkbenchAction, on screen: WorkbenchScreen) -> WorkbenchCommand? {
        switch action {
        case .key(let key): CommandTable.command(for: key, on: screen)
        case .command(let command): command
        default: nil
        }
    }

    // MARK: The table list

    static func tableListInput(_ action: WorkbenchAction, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard var relational = state.relational else { return [] }
        if state.overlay != nil {
            // The save prompt's Enter writes the relational session; the rest (typing, help) as usual.
            if case .prompt(let prompt) = state.overlay, case .saveAs = prompt.purpose, command(of: action, on: .prompt) == .select {
                state.overlay = nil
                return saveRelational(to: prompt.text, &state)
            }
            return reduceTable(&state, action)
        }
        state.message = nil
        guard let command = command(of: action, on: .tables) else { return [] }
        if command != .quit { relational.quitWarned = false }
        let count = relational.tables.count
        switch command {
        case .moveUp: relational.selected = max(0, relational.selected - 1)
        case .moveDown: relational.selected = min(max(0, count - 1), relational.selected + 1)
        case .firstRow: relational.selected = 0
        case .lastRow: relational.selected = max(0, count - 1)
        case .pageDown: relational.scroll += max(1, state.height - 4)
        case .pageUp: relational.scroll = max(0, relational.scroll - max(1, state.height - 4))
        case .openTable:
            guard relational.tables.indices.contains(relational.selected) else { return [] }
            state.relational = relational
            return showTable(relational.tables[relational.selected].name, &state)
        case .toggleSynthesize:
            guard relational.tables.indices.contains(relational.selected) else { return [] }
            relational.tables[relational.selected].synthesize.toggle()
            relational.keptChanged = true
            let table = relational.tables[relational.selected]
            state.message = StatusMessage(table.synthesize ? "\(table.name) will be synthesised" : "\(table.name) will be kept as it is")
        case .cardinality:
            relational.cardinalityGeneration += 1
            relational.cardinality = .computing
            state.relational = relational
            return [.computeCardinality(relationalJob(path: relational.sessionPath ?? defaultSessionPath(state), state))]
        case .save, .saveAs:
            state.relational = relational
            if let path = relational.sessionPath, command == .save { return saveRelational(to: path, &state) }
            state.overlay = .prompt(Prompt(purpose: .saveAs(thenQuit: false), text: relativeDefault(state)))
            return []
        case .help:
            state.overlay = .help(scroll: 0)
        case .quit:
            if relational.hasUnsavedEdits(current: nil), !relational.quitWarned {
                relational.quitWarned = true
                state.message = StatusMessage("unsaved plan edits: ^S saves the relational session; q again quits without saving", isError: true)
            } else {
                state.exitRequested = true
            }
        case .forceQuit: state.exitRequested = true
        case .suspend: state.suspendRequested = true
        default: break
        }
        state.relational = relational
        return []
    }

    /// Where a relational session is saved by default: beside the source, named after it.
    static func defaultSessionPath(_ state: WorkbenchState) -> String {
        state.currentDirectory + "/" + relativeDefault(state)
    }

    private static func relativeDefault(_ state: WorkbenchState) -> String {
        var base = state.relational?.shortName ?? "tables"
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
        return base + ".doppel.yaml"
    }

    // MARK: Opening a table and going back

    /// Shows a table's workbench: the one kept from before, or a new one on the table's rows
    /// (its default plan made in the background, as for a CSV).
    static func showTable(_ name: String, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard var relational = state.relational, let info = relational.table(named: name) else { return [] }
        var effects: [WorkbenchEffect] = []
        var table: WorkbenchState
        if let kept = relational.stashed.removeValue(forKey: name) {
            table = kept
            if table.width != state.width || table.height != state.height {
                effects = reduceTable(&table, .resize(width: state.width, height: state.height))
            }
        } else {
            var launch = WorkbenchLaunch(target: .data(path: info.loaded.path), ascii: state.launch.ascii, color: state.launch.color)
            launch.preloaded = PreloadedCSV(path: info.loaded.path, table: info.loaded.table, warnings: [],
                                            displayName: "\(name) (\(relational.shortName))")
            table = WorkbenchState(launch: launch, width: state.width, height: state.height, currentDirectory: state.currentDirectory,
                                   newSessionSeed: RelationalSynthesizer.tableSeed(relational.seed, table: name),
                                   chooseJointModel: state.chooseJointModel)
            effects = reduceTable(&table, .start)
        }
        relational.open = name
        relational.quitWarned = false
        table.relational = relational
        state = table
        return tagged(name, effects)
    }

    /// Back to the table list; the table's workbench is kept as it is.
    static func showList(_ state: inout WorkbenchState) {
        guard var relational = state.relational, let name = relational.open else { return }
        var table = state
        table.relational = nil
        relational.stashed[name] = table
        relational.open = nil
        if let index = relational.tables.firstIndex(where: { $0.name == name }) { relational.selected = index }
        var list = WorkbenchState(launch: relational.launch ?? state.launch, width: state.width, height: state.height, currentDirectory: state.currentDirectory,
                                  newSessionSeed: state.newSessionSeed, chooseJointModel: state.chooseJointModel)
        list.phase = .ready
        list.relational = relational
        state = list
    }

    /// Input on an open table: q or Esc on the grid goes back to the list, ^S saves the
    /// relational session; everything else is the single-table workbench's.
    static func openTableInput(_ name: String, _ action: WorkbenchAction, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        if state.overlay == nil, state.pendingPrefix == nil {
            let screen = state.screen
            let command = command(of: action, on: screen)
            if screen == .grid, command == .quit || action.isKey(.escape) {
                showList(&state)
                return []
            }
            if command == .open {
                state.message = StatusMessage("related tables are open: quit and run doppel FILE to open another file", isError: true)
                return []
            }
            if case .ready = state.phase, command == .save || command == .saveAs {
                state.message = nil
                if let path = state.relational?.sessionPath, command == .save { return saveRelational(to: path, &state) }
                state.overlay = .prompt(Prompt(purpose: .saveAs(thenQuit: false), text: relativeDefault(state)))
                return []
            }
        }
        if case .prompt(let prompt) = state.overlay, case .saveAs = prompt.purpose, command(of: action, on: .prompt) == .select {
            state.overlay = nil
            return saveRelational(to: prompt.text, &state)
        }
        // The palette's `w FILE` and `e FILE` would save one table's session, or replace the
        // table: here `w` saves the relational session and `e` is refused.
        var effects: [WorkbenchEffect] = []
        for effect in reduceOnTable(name, &state, action) {
            switch effect {
            case .forTable(_, .save(let job)): effects += saveRelational(to: job.path, &state)
            case .forTable(_, .probeOpen):
                state.message = StatusMessage("related tables are open: quit and run doppel FILE to open another file", isError: true)
            default: effects.append(effect)
            }
        }
        return effects
    }

    /// Applies `action` to table `name`'s workbench, shown or kept.
    static func reduceOnTable(_ name: String, _ state: inout WorkbenchState, _ action: WorkbenchAction) -> [WorkbenchEffect] {
        guard var relational = state.relational else { return [] }
        if relational.open == name {
            state.relational = nil
            let effects = reduceTable(&state, action)
            afterTable(name, action, &state, &relational)
            state.relational = relational
            return tagged(name, effects)
        }
        guard var table = relational.stashed[name] else { return [] }
        let effects = reduceTable(&table, action)
        afterTable(name, action, &table, &relational)
        relational.stashed[name] = table
        state.relational = relational
        return tagged(name, effects)
    }

    /// A table's workbench under the table list: no autosave of a single-table session (the
    /// relational session is what is saved), and a reopened session's column plans applied.
    private static func afterTable(_ name: String, _ action: WorkbenchAction, _ table: inout WorkbenchState, _ relational: inout RelationalState) {
        table.autosave.path = nil
        guard case .planMade = action, !table.planning, var document = table.document else { return }
        if relational.defaultPlans[name] == nil { relational.defaultPlans[name] = document.plan }
        guard let saved = relational.session?.tables?.first(where: { $0.name == name })?.plan else { return }
        for column in saved.columns {
            guard let index = document.plan.columns.firstIndex(where: { $0.name == column.name }) else { continue }
            document.plan.columns[index] = column
        }
        document.savedPlan = document.plan
        document.session.plan = document.plan
        document.refitWidths()
        table.document = document
    }

    private static func tagged(_ name: String, _ effects: [WorkbenchEffect]) -> [WorkbenchEffect] {
        effects.compactMap { effect in
            switch effect {
            case .writeAutosave, .removeFile: nil
            default: .forTable(name, effect)
            }
        }
    }

    // MARK: Saving

    /// The tables, keys and plans as they stand, with every opened table's edited columns.
    static func relationalJob(path: String, _ state: WorkbenchState) -> RelationalJob {
        let relational = state.relational!
        var edits: [String: [ColumnPlan]] = [:]
        var shown = relational.stashed
        if let open = relational.open { shown[open] = state }
        for (name, table) in shown {
            guard let plan = table.document?.plan, let defaults = relational.defaultPlans[name] else { continue }
            let changed = plan.columns.filter { column in defaults.columns.first { $0.name == column.name } != column }
            if !changed.isEmpty { edits[name] = changed }
        }
        return RelationalJob(generation: relational.cardinalityGeneration, tables: relational.tables, links: relational.links,
                             seed: relational.seed, session: relational.session, edits: edits, path: path,
                             doppelVersion: state.launch.doppelVersion)
    }

    static func saveRelational(to given: String, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        let text = given.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            state.message = StatusMessage("not saved: no file name", isError: true)
            return []
        }
        let path = text.hasPrefix("/") ? text : state.currentDirectory + "/" + text
        if let opened = state.relational?.sessionPath, opened != path {
            state.message = StatusMessage("not saved: a session opened from a file is saved to it (its sources are relative to it)", isError: true)
            return []
        }
        state.message = StatusMessage("saving the relational session…")
        return [.saveRelational(relationalJob(path: path, state))]
    }

    static func relationalSaved(_ path: String, _ session: Session, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard var relational = state.relational else { return [] }
        relational.session = session
        relational.sessionPath = path
        for name in relational.stashed.keys {
            if let plan = relational.stashed[name]?.document?.plan { relational.stashed[name]?.document?.savedPlan = plan }
        }
        if relational.open != nil, let plan = state.document?.plan { state.document?.savedPlan = plan }
        relational.quitWarned = false
        relational.keptChanged = false
        state.relational = relational
        state.message = StatusMessage("saved \(relative(path, to: state.currentDirectory)) (doppel run \(relative(path, to: state.currentDirectory)) -o OUTDIR generates it)")
        return []
    }
}

extension WorkbenchAction {
    func isKey(_ key: Key) -> Bool {
        if case .key(let pressed) = self { return pressed == key }
        return false
    }
}
