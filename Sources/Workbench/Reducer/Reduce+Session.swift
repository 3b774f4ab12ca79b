import Session
import Synthesis
import Tabular

extension Workbench {
    // MARK: Loading

    static func loaded(_ result: LoadResult, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        state.document = result.document
        state.phase = .ready
        state.page = .grid
        state.overlay = nil
        state.grid = GridState()
        state.history = EditHistory()
        // Generations keep counting across files: a result from the last file is then stale.
        let generation = state.preview.generation
        state.preview = PreviewState()
        state.preview.generation = generation
        state.fidelity = FidelityState()
        // A new generation: an autosave scheduled for the last file must not fire for this one.
        state.autosave = AutosaveState(generation: state.autosave.generation + 1, path: result.autosavePath)
        if let view = result.view {
            if let name = view.cursorColumn, let index = result.document.plan.columns.firstIndex(where: { $0.name == name }) {
                state.grid.cursorColumn = index
            }
            switch view.panel {
            case "fidelity": state.page = .fidelity
            case "inspect": state.grid.inspect = true
            default: break
            }
            if let rows = view.rows.flatMap(GridState.View.init(rawValue:)) { state.grid.view = rows }
            // Rows and scroll wait for the rows (clamped to them: the file may have fewer now).
            if view.cursorRow != nil || view.topRow != nil {
                state.grid.restoreRows = RestoredRows(cursorRow: max(0, view.cursorRow ?? 0), topRow: max(0, view.topRow ?? 0))
            }
            if let name = view.leftColumn, let index = result.document.plan.columns.firstIndex(where: { $0.name == name }) {
                state.grid.leftColumn = index
            }
            state.fidelityScroll = max(0, view.fidelityScroll ?? 0)
        }
        keepCursorVisible(&state)
        state.message = result.warnings.first.map { StatusMessage($0, isError: true) }
        if let plan = result.recoverable {
            state.overlay = .confirm(.recoverAutosave(plan, path: result.autosavePath))
        }
        state.planGeneration += 1
        // A file too large to load streams for its whole profile while its first rows are edited.
        let stream: [WorkbenchEffect] = result.streamJob.map { [.streamFile($0)] } ?? []
        if var job = result.planJob {
            // The rows first; the plan, the rules and the preview follow.
            state.planning = true
            job.generation = state.planGeneration
            state.rules = RulesState(generation: state.rules.generation + 1, rules: nil)
            return [.makePlan(job)] + stream
        }
        state.planning = false
        let rules = startRules(result, &state)
        return requestPreview(&state) + rules + stream
    }

    /// The default plan of the CSV on screen: it replaces the provisional one (as the plan the
    /// session was opened with), then the rules panel and the preview follow.
    static func planMade(_ generation: Int, _ made: PlanMade, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard generation == state.planGeneration, state.planning, var document = state.document else { return [] }
        state.planning = false
        // A windowed file streamed already keeps the profile of all its rows.
        if document.window?.fileRows == nil { document.profiles = made.profiles }
        document.plan = made.plan
        document.savedPlan = made.plan
        document.session.plan = made.plan
        document.refitWidths()
        state.document = document
        keepCursorVisible(&state)
        if let plan = made.recoverable, state.overlay == nil {
            state.overlay = .confirm(.recoverAutosave(plan, path: state.autosave.path ?? ""))
        }
        state.rules = RulesState(generation: state.rules.generation + 1, rules: made.rules)
        return requestPreview(&state)
    }

    // MARK: Prompts and questions

    static func promptCommand(_ command: WorkbenchCommand, _ prompt: Prompt, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        var prompt = prompt
        switch command {
        case .deleteBackward:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
            prompt.selected = 0
        case .moveUp: prompt.selected = max(0, prompt.selected - 1)
        case .moveDown: prompt.selected = min(max(0, CommandTable.paletteMatches(prompt.text).count - 1), prompt.selected + 1)
        case .close:
            state.overlay = nil
            return []
        case .complete:
            switch prompt.purpose {
            case .open, .saveAs: return [.completePath(text: prompt.text, directory: state.currentDirectory)]
            default: break
            }
        case .select:
            state.overlay = nil
            return accept(prompt, &state)
        default:
            break
        }
        state.overlay = .prompt(prompt)
        return []
    }

    static func accept(_ prompt: Prompt, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        let text = prompt.text.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .jumpToColumn:
            jump(to: text, &state)
            return []
        case .filter:
            setFilter(text, &state)
            return []
        case .searchValue:
            search(text, &state)
            return []
        case .columnWidth(let column):
            guard let width = Int(text), (1...500).contains(width) else {
                state.message = StatusMessage("a width is a number of columns, 1 to 500", isError: true)
                return []
            }
            setWidth(of: column, to: width, &state)
            return []
        case .saveAs(let thenQuit):
            guard !text.isEmpty else {
                state.message = StatusMessage("not saved: no file name", isError: true)
                return []
            }
            return saveEffects(to: absolute(text, in: state.currentDirectory), thenQuit: thenQuit, &state)
        case .open:
            guard !text.isEmpty else { return [] }
            // Whether the file is there is asked first: no edits are given up for a typo.
            return [.probeOpen(path: absolute(text, in: state.currentDirectory))]
        case .palette:
            return runPalette(text, selected: prompt.selected, &state)
        }
    }

    /// `:` commands: `w [FILE]`, `wq`, `q`, `q!`, `e FILE`, or any command name from the table.
    static func runPalette(_ text: String, selected: Int, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let word = parts.first else { return [] }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        switch (word, argument) {
        case ("w", let file?), ("saveas", let file?):
            return saveEffects(to: absolute(file, in: state.currentDirectory), thenQuit: false, &state)
        case ("wq", _), ("x", _):
            return save(&state, askName: false, thenQuit: true)
        case ("e", let file?), ("open", let file?):
            return accept(Prompt(purpose: .open, text: file), &state)
        case ("where", _), ("rebalance", _), ("constrain", _), ("predictors", _):
            return planCommand(word, argument: argument, &state)
        case ("filter", _):
            setFilter(argument ?? "", &state)
            return []
        case ("privacy", _):
            return choosePrivacy(argument, &state)
        default:
            break
        }
        if let binding = CommandTable.binding(named: word) { return run(binding.command, &state) }
        let matches = CommandTable.paletteMatches(text)
        guard matches.indices.contains(selected) else {
            state.message = StatusMessage("no command '\(text)'; ? lists them", isError: true)
            return []
        }
        return run(matches[selected].command, &state)
    }

    static func confirmCommand(_ command: WorkbenchCommand, _ question: Question, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        switch (command, question) {
        case (.yes, .quitUnsaved):
            state.overlay = nil
            return save(&state, askName: false, thenQuit: true)
        case (.no, .quitUnsaved):
            state.overlay = nil
            state.exitRequested = true
            // Discarding on purpose: the autosave would only offer the edits back.
            return state.autosave.path.map { [.removeFile(path: $0)] } ?? []
        case (.yes, .recoverAutosave(let plan, _)):
            state.overlay = nil
            return edit(&state, describing: "recovered the autosaved edits") { current in
                guard current != plan else { return false }
                current = plan
                return true
            }
        case (.no, .recoverAutosave(_, let path)), (.close, .recoverAutosave(_, let path)):
            state.overlay = nil
            return [.removeFile(path: path)]
        case (.yes, .replaceFile(let path, let thenQuit)):
            state.overlay = nil
            return saveEffects(to: path, thenQuit: thenQuit, replacing: true, &state)
        case (.yes, .openUnsaved(let path)):
            state.overlay = nil
            // The edits are given up on purpose, as with quitting without saving.
            let discarded = state.autosave.path.map { [WorkbenchEffect.removeFile(path: $0)] } ?? []
            return discarded + open(path, &state)
        case (.no, _), (.close, _):
            state.overlay = nil
            return []
        default:
            return []
        }
    }

    // MARK: Saving, opening, quitting

    /// The session file name offered at the first save: `data.doppel.yaml` for `data.csv`, in
    /// the current directory.
    static func proposedSessionPath(_ state: WorkbenchState) -> String {
        guard let document = state.document else { return state.currentDirectory + "/session.doppel.yaml" }
        if let path = document.sessionPath { return path }
        let base = (document.dataPath ?? document.displayName).split(separator: "/").last.map(String.init) ?? "session"
        let stem = base.hasSuffix(".gz") ? String(base.dropLast(3)) : base
        let name = stem.contains(".") ? String(stem[..<stem.lastIndex(of: ".")!]) : stem
        return state.currentDirectory + "/" + name + ".doppel.yaml"
    }

    static func save(_ state: inout WorkbenchState, askName: Bool, thenQuit: Bool) -> [WorkbenchEffect] {
        guard !state.planning else {
            state.message = StatusMessage(planningRefusal, isError: true)
            return []
        }
        guard let document = state.document else { return [] }
        if askName || document.sessionPath == nil {
            let offered = proposedSessionPath(state)
            state.overlay = .prompt(Prompt(purpose: .saveAs(thenQuit: thenQuit), text: relative(offered, to: state.currentDirectory)))
            return []
        }
        return saveEffects(to: document.sessionPath!, thenQuit: thenQuit, &state)
    }

    static func saveEffects(to path: String, thenQuit: Bool, replacing: Bool = false,
                            _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let document = state.document else { return [] }
        state.message = StatusMessage("saving \(relative(path, to: state.currentDirectory))…")
        let session = SessionMapping.session(for: document, state: state, savingTo: path)
        return [.save(SaveJob(session: session, path: path, dataPath: SessionMapping.dataPath(for: document, savingTo: path),
                              writesDemoData: document.dataPath == nil && document.isDemo,
                              mayReplace: replacing || path == document.sessionPath, plan: document.plan,
                              autosavePath: state.autosave.path, thenQuit: thenQuit))]
    }

    static func saved(path: String, plan: Plan, session: Session, thenQuit: Bool, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard var document = state.document else { return [] }
        document.sessionPath = path
        document.savedPlan = plan
        if document.dataPath == nil, let source = session.source {
            document.dataPath = SessionFile(session: session, path: path).resolve(source.path)
        }
        document.session = session
        state.document = document
        state.autosave.path = AutosavePath.beside(session: path)
        state.message = StatusMessage("saved \(relative(path, to: state.currentDirectory))")
        if thenQuit { state.exitRequested = true }
        return []
    }

    static func quit(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        if state.document?.isDirty == true {
            state.overlay = .confirm(.quitUnsaved)
            return []
        }
        state.exitRequested = true
        return state.autosave.path.map { [.removeFile(path: $0)] } ?? []
    }

    static func open(_ path: String, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        let lower = path.lowercased()
        let target: WorkbenchLaunch.Target = lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json")
            ? .session(path: path) : .data(path: path)
        state.phase = .loading(loadingText(target))
        return [.load(LoadRequest(target: target, holdoutPath: state.launch.holdoutPath,
                                  currentDirectory: state.currentDirectory, newSessionSeed: state.newSessionSeed,
                                      chooseJointModel: state.chooseJointModel,
                                      memoryBudget: state.launch.memoryBudget, reservoirRows: state.launch.reservoirRows,
                                      windowBytes: state.launch.windowBytes))]
    }

    // MARK: Paths

    static func absolute(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }

    /// `path` relative to `directory` when it lies inside it, else unchanged.
    static func relative(_ path: String, to directory: String) -> String {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
