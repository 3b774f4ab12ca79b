/// The plan sheet (`P`): scrolling a list of the plan-wide settings; it changes nothing.
extension Workbench {
    static func planSheetCommand(_ command: WorkbenchCommand, scroll: Int, _ state: inout WorkbenchState) {
        let page = max(1, state.height - 3)
        var offset = scroll
        switch command {
        case .moveUp: offset -= 1
        case .moveDown: offset += 1
        case .pageUp: offset -= page
        case .pageDown: offset += page
        case .firstRow: offset = 0
        case .lastRow: offset = Int.max / 2
        case .close:
            state.overlay = nil
            return
        default: break
        }
        let count = state.document.map { PlanSummary.lines($0.plan).count } ?? 0
        state.overlay = .planSheet(scroll: max(0, min(offset, count - (state.height - 3))))
    }
}
