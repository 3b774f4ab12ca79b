import TerminalUI

/// The offer to recover an autosave, as a box in the middle of the screen: after a crash or a
/// closed terminal it is the first thing seen, and a question, not a line easily missed.
enum RecoveryPrompt {
    static func render(path: String, _ state: WorkbenchState, into buffer: inout Buffer) {
        let palette = state.palette
        let width = min(64, state.width)
        let text = "\(Question.fileName(path)) holds edits that were not saved (the workbench ended without saving: "
            + "Ctrl-C, a closed terminal or a crash). Recover them?"
        var lines = Workbench.wrap(palette.ui(text), width: max(1, width - 4)).map { ($0, Style.plain) }
        lines.append(("", .plain))
        lines.append(("y  recover: the edits come back, unsaved and undoable", palette.title))
        lines.append(("n  discard: the autosave is removed", palette.title))
        let inner = OverlayView.box(title: "Recover unsaved edits?", width: width, height: lines.count + 2, state: state, into: &buffer)
        for (offset, (line, style)) in lines.prefix(inner.height).enumerated() {
            buffer.set(inner.x, inner.y + offset, line, style, within: inner)
        }
    }
}
