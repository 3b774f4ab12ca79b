import Session
import Synthesis
import Tabular
import TerminalUI

extension Workbench {
    /// The state machine: applies `action` to `state` and returns the work to do off the UI
    /// thread. Pure: no I/O, no clocks, no randomness.
    public static func reduce(_ state: inout WorkbenchState, _ action: WorkbenchAction) -> [WorkbenchEffect] {
        if state.relational != nil || isRelationalStart(state, action) { return reduceRelational(&state, action) }
        return reduceTable(&state, action)
    }

    /// The single-table workbench: one table (a CSV, a session, the demo, or one of related tables).
    static func reduceTable(_ state: inout WorkbenchState, _ action: WorkbenchAction) -> [WorkbenchEffect] {
        switch action {
        case .start:
            state.phase = .loading(loadingText(state.launch.target))
            return [.load(LoadRequest(target: state.launch.target, holdoutPath: state.launch.holdoutPath,
                                      currentDirectory: state.currentDirectory, newSessionSeed: state.newSessionSeed,
                                      chooseJointModel: state.chooseJointModel, preloaded: state.launch.preloaded,
                                      memoryBudget: state.launch.memoryBudget, reservoirRows: state.launch.reservoirRows,
                                      windowBytes: state.launch.windowBytes))]
        case .resize(let width, let height):
            state.width = max(1, width)
            state.height = max(1, height)
            keepCursorVisible(&state)
            return []
        case .key(let key):
            guard case .ready = state.phase else {
                // While loading or after a failed load only quitting makes sense.
                let command = CommandTable.command(for: key, on: .grid)
                if command == .quit || command == .forceQuit { state.exitRequested = true }
                if command == .suspend { state.suspendRequested = true }
                return []
            }
            // A message stays until the next key.
            state.message = nil
            let screen = state.screen
            if let prefix = state.pendingPrefix {
                state.pendingPrefix = nil
                if let command = CommandTable.command(for: key, after: prefix, on: screen) { return run(command, &state) }
                state.message = StatusMessage("\(prefix.label)\(key.label) is not a key (? lists them)", isError: true)
                return []
            }
            if CommandTable.isPrefix(key, on: screen) {
                state.pendingPrefix = key
                state.message = StatusMessage(key.label + "…")
                return []
            }
            if let command = CommandTable.command(for: key, on: screen) {
                return run(command, &state)
            }
            if screen.takesText, case .character(let character) = key {
                return type(character, &state)
            }
            return []
        case .mouse(let event):
            guard case .ready = state.phase else { return [] }
            state.message = nil
            return mouse(event, &state)
        case .command(let command):
            guard case .ready = state.phase else {
                if command == .quit || command == .forceQuit { state.exitRequested = true }
                return []
            }
            return run(command, &state)
        case .loaded(let result):
            return loaded(result, &state)
        case .streamProgressed(let path, let bytes):
            return streamProgressed(path, bytes: bytes, &state)
        case .fileStreamed(let path, let streamed):
            return fileStreamed(path, streamed, &state)
        case .streamFailed(let path, let message):
            return streamFailed(path, message, &state)
        case .planMade(let generation, let made):
            return planMade(generation, made, &state)
        case .loadFailed(let full):
            // Paths inside the current directory read shorter relative to it.
            let message = full.replacingOccurrences(of: state.currentDirectory + "/", with: "")
            if state.document == nil {
                state.phase = .failed(message)
            } else {
                state.phase = .ready
                state.message = StatusMessage(message, isError: true)
            }
            return []
        case .previewBuilt(let generation, let result):
            return previewBuilt(generation, result, &state)
        case .qualityComputed(let generation, let result):
            guard generation == state.fidelity.generation else { return [] }
            state.fidelity.qualityPending = false
            state.fidelity.quality = result.quality
            state.fidelity.histograms = result.histograms
            state.fidelity.categories = result.categories
            state.fidelity.correlations = result.correlations
            return []
        case .privacyComputed(let generation, let report):
            guard generation == state.fidelity.generation else { return [] }
            state.fidelity.privacyPending = false
            state.fidelity.privacy = report
            return []
        case .fidelityFailed(let generation, let message):
            guard generation == state.fidelity.generation else { return [] }
            state.fidelity.qualityPending = false
            state.fidelity.privacyPending = false
            state.fidelity.error = message
            return []
        case .rulesDiscovered(let generation, let rules):
            return rulesDiscovered(generation, rules, &state)
        case .rulesChecked(let generation, let adherence):
            guard generation == state.fidelity.generation else { return [] }
            state.fidelity.rules = adherence
            return []
        case .saved(let path, let plan, let session, let thenQuit):
            return saved(path: path, plan: plan, session: session, thenQuit: thenQuit, &state)
        case .saveWouldReplace(let path, let thenQuit):
            state.overlay = .confirm(.replaceFile(path: path, thenQuit: thenQuit))
            return []
        case .saveFailed(let message):
            state.message = StatusMessage("not saved: \(message)", isError: true)
            return []
        case .autosaveWritten:
            return []
        case .openProbed(let path, let exists):
            guard exists else {
                state.message = StatusMessage("no file \(relative(path, to: state.currentDirectory)); nothing opened", isError: true)
                return []
            }
            if state.document?.isDirty == true {
                state.overlay = .confirm(.openUnsaved(path: path))
                return []
            }
            return open(path, &state)
        case .pathCompleted(let text, let completed, let matches):
            // Only if the prompt still holds what was completed (typing went on otherwise).
            guard case .prompt(var prompt) = state.overlay, prompt.text == text else { return [] }
            prompt.text = completed
            prompt.completions = matches.isEmpty ? ["no file starts with " + (text.isEmpty ? "that" : text)]
                : matches.count > 1 ? matches : []
            state.overlay = .prompt(prompt)
            return []
        case .autosaveFailed(let message):
            state.message = StatusMessage("autosave failed: \(message)", isError: true)
            return []
        case .relationalLoaded, .forTable, .cardinalityComputed, .cardinalityFailed, .relationalSaved:
            // Only the table list (`reduceRelational`) asks for these.
            return []
        }
    }

    static func loadingText(_ target: WorkbenchLaunch.Target) -> String {
        switch target {
        case .demo: "loading the demo data (penguins)…"
        case .data(let path): "loading \(path)…"
        case .session(let path): "loading \(path)…"
        case .relational(let source): "reading the tables of \(source)…"
        }
    }

    /// Runs one command on the current screen.
    static func run(_ command: WorkbenchCommand, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        if command == .forceQuit {
            state.exitRequested = true
            // The edits stay in the autosave: written again here, after every queued write.
            return autosaveEffects(state).filter { if case .writeAutosave = $0 { true } else { false } }
        }
        if command == .suspend {
            // The app hands the terminal back and stops; the screen is drawn again on resume.
            state.suspendRequested = true
            return []
        }
        switch state.overlay {
        case .strategyPicker(let picker): return pickerCommand(command, picker, isKind: false, &state)
        case .kindPicker(let picker): return pickerCommand(command, picker, isKind: true, &state)
        case .form(let form): return formCommand(command, form, &state)
        case .prompt(let prompt): return promptCommand(command, prompt, &state)
        case .confirm(let question): return confirmCommand(command, question, &state)
        case .help(let scroll): return helpCommand(command, scroll: scroll, &state)
        case .cell:
            if command == .close { state.overlay = nil }
            return []
        case .frequency(let sheet):
            frequencyCommand(command, sheet, &state)
            return []
        case .describe(let sheet):
            describeCommand(command, sheet, &state)
            return []
        case .rules(let sheet): return rulesCommand(command, sheet, &state)
        case .planSheet(let scroll):
            planSheetCommand(command, scroll: scroll, &state)
            return []
        case nil: break
        }
        if state.page == .fidelity, let effects = fidelityCommand(command, &state) { return effects }
        return gridCommand(command, &state)
    }

    /// A printable character on a screen that takes text.
    static func type(_ character: Character, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        switch state.overlay {
        case .prompt(var prompt):
            prompt.text.append(character)
            prompt.selected = 0
            prompt.completions = []
            state.overlay = .prompt(prompt)
        case .form(var form):
            guard !form.fields.isEmpty else { return [] }
            let index = form.selected
            if ParameterForm.isChoice(form.fields[index].spec) {
                if character == " " { form.cycle(index, by: 1) }
            } else {
                form.fields[index].text.append(character)
                form.validate(index)
            }
            state.overlay = .form(form)
        default:
            break
        }
        return []
    }
}
