/// The plan sheet (`P`): scrolling a list of the plan-wide settings; it changes nothing.
extension Workbench {
    static func planSheetCommand(_ command: WorkbenchCommand, scroll: Int, _ state: inout WorkbenchState) {
        if case .close = command {
            state.overlay = nil
            return
        }
        let count = state.document.map { PlanSummary.lines($0.plan).count } ?? 0
        // Scroll positions run from 0 to the last screenful: moved over that many positions.
        let positions = count - (state.height - 3) + 1
        state.overlay = .planSheet(scroll: moved(scroll, count: positions, by: command, page: max(1, state.height - 3)))
    }
}
