import Foundation
import Synthesis
import Testing
import TerminalUI
@testable import Workbench

/// `:privacy` chooses the joint model again under a privacy setting, as `doppel plan --privacy`
/// does, as one undoable plan edit, and the fidelity page says which setting chose the model.
@Suite struct WorkbenchPrivacyTests {
    @Test func privacyRechoosesTheJointModelAsAnUndoableEdit() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var steps: [InMemoryScreen.Step] = [.key(.character(":"))]
        steps += InMemoryScreen.Step.type("privacy strict")
        steps += [.key(.enter), .capture("chosen"), .key(.character(":"))]
        steps += InMemoryScreen.Step.type("privacy loose")
        steps += [.key(.enter), .capture("bad"), .key(.character("f")), .capture("fidelity")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: WorkbenchFixtures.penguinsPath), in: dir, width: 160, height: 60,
                                                      steps: steps, ascii: true, chooseJointModel: true)
        let status = try #require(screen.lines("chosen").last)
        #expect(status.hasPrefix("privacy strict: "), "\(status)")
        #expect(status.contains("DCR share 0."), "\(status)")
        #expect(screen.lines("bad").last?.hasPrefix("usage: :privacy strict|balanced|off (now strict)") == true)
        let state = try #require(app.finalState)
        #expect(state.document?.plan.privacy == .strict)
        #expect(state.history.undo.last?.description.hasPrefix("privacy strict") == true)
        #expect(screen.lines("fidelity").contains { $0.contains("Model chosen under privacy strict (DCR share <= 0.51 and copy rate <= the holdout's)") })
    }
}
