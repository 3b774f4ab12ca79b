import Foundation
import Session
import Synthesis
import Tabular
import Testing
import TerminalUI
@testable import Workbench

/// Issue 15 §2 and §5: no edit is silently ignored, no message is cut, no work is lost.
@Suite struct WorkbenchNoSilentEditsTests {
    /// temp and visits in a CART group: `J` on each, then `M` until the model is cart.
    static func cartGroup() -> [InMemoryScreen.Step] {
        var steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("l")), .key(.character("J")),
                                            .key(.character("l")), .key(.character("J"))]
        let ids = JointRegistry.ids
        let moves = (ids.firstIndex(of: "cart")! - ids.firstIndex(of: "gaussian_copula")! + ids.count) % ids.count
        steps += Array(repeating: InMemoryScreen.Step.key(.character("M")), count: moves)
        return steps
    }

    /// `s`, then down to `id` in the cursor column's picker, Enter.
    static func pick(_ id: String, kind: ColumnKind) -> [InMemoryScreen.Step] {
        let ids = StrategyRegistry.strategies(for: kind).map { $0.descriptor.id }
        return [.key(.character("s")), .key(.character("g"))]
            + Array(repeating: .key(.character("j")), count: ids.firstIndex(of: id)!) + [.key(.enter)]
    }

    @Test func aCARTLeafMembersStrategyIsRefusedAndTheGridShowsTheTree() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps = Self.cartGroup() + [.capture("cart"), .key(.character("s")), .capture("picker"), .key(.escape)]
            + Self.pick("kde", kind: .integer) + [.capture("refused")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 100, steps: steps)
        // visits is drawn from the tree's leaves: the header says cart, not its strategy.
        #expect(screen.lines("cart")[2] == "   id sequence|cat categorical|J dec kde|J int cart      |bool boolean|")
        // Switching to cart says which member's strategy stops being used.
        #expect(screen.lines("cart").last!.hasPrefix("joint group 'joint': cart; cart draws visits (parametric) itself: the strategy is not used"))
        #expect(screen.lines("refused").suffix(2).joined(separator: " ").contains(
            "visits: cart draws this column from its leaves (method cart); take it out of the group (J) to use kde"))
        #expect(app.finalState?.document?.plan.column(named: "visits")?.strategy == "parametric")
        // The picker says so before anything is chosen.
        #expect(screen.lines("picker").joined(separator: " ").contains("J: cart draws visits itself, so a fitted strategy is refused"))
        #expect(app.finalState?.document?.plan.jointGroup(of: "visits") != nil)
    }

    @Test func aMembersNullRateIsRefusedInTheForm() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        // temp is cart's first member: its strategy is its own, but no joint model applies null_rate.
        var steps = Self.cartGroup() + [.key(.character("h")), .key(.character("p"))]
        let probeDir = try WorkbenchFixtures.temporaryDirectory()
        let (probe, _) = try WorkbenchFixtures.run(.data(path: try WorkbenchFixtures.writeCities(in: probeDir)), in: probeDir, width: 100, steps: steps + [.capture("form")])
        let form = probe.lines("form")
        let row = try #require(form.firstIndex { $0.contains("null_rate") })
        // The form says so before any edit: the field and the status line.
        #expect(form[row].contains("not used in the joint group"))
        #expect(form.last!.hasPrefix("temp is in joint group 'joint' (cart): null_rate is not used"))
        let first = try #require(form.firstIndex { $0.contains("> ") })
        steps += Array(repeating: .key(.down), count: row - first) + InMemoryScreen.Step.type("0.1") + [.key(.enter), .capture("refused")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 100, steps: steps)
        #expect(screen.lines("refused").joined(separator: " ").contains("so null_rate has no effect; take it out of the group (J) to set it"))
        #expect(app.finalState?.document?.plan.column(named: "temp")?.parameters["null_rate"] == nil)
    }

    @Test func aFailedPreviewKeepsTheLastGoodRowsAndTheWholeMessage() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.tab), .capture("good"), .key(.character(":"))]
            + InMemoryScreen.Step.type("where city=Paris") + [.key(.enter), .capture("failed")]
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 80, steps: steps)
        let good = screen.lines("good"), failed = screen.lines("failed")
        // The rows stay (the same values), the title says they are stale.
        #expect(failed[10] == good[10])
        #expect(failed[0].contains("stale"))
        let message = failed.suffix(8).joined(separator: " ")
        #expect(message.contains("preview failed"))
        #expect(message.contains("Paris"))
        #expect(message.contains("u undoes the last edit (where city = 'Paris')"))
    }

    @Test func undoAndRedoSayWhatTheyUndid() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("r")), .key(.character("u")), .capture("undone"),
                                            .key(.control("r")), .capture("redone")]
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 100, steps: steps)
        #expect(screen.lines("undone").last!.hasPrefix("undone: new seed"))
        #expect(screen.lines("redone").last!.hasPrefix("redone: new seed"))
    }

    @Test func choiceOpensOnTheRealLevelsAndChecksWeightsAgainstValues() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        // city: strategy choice, then its form.
        var steps: [InMemoryScreen.Step] = [.key(.character("l"))] + Self.pick("choice", kind: .categorical)
        steps += [.key(.character("p")), .capture("opened"), .key(.tab)]
        // One weight too many: refused on the field, in the form.
        steps += Array(repeating: .key(.backspace), count: 20) + InMemoryScreen.Step.type("1, 2, 3, 4, 5") + [.key(.enter), .capture("weights")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 100, steps: steps)
        let opened = screen.lines("opened").joined(separator: "\n")
        // The real levels and their counts, not an empty list.
        #expect(opened.contains("values") && opened.contains("Lima") && opened.contains("Oslo"))
        #expect(opened.contains("10, 10, 10, 10"))
        let weights = screen.lines("weights").joined(separator: "\n")
        #expect(weights.contains("parameters of choice for city"))
        #expect(weights.contains("5 weights for 4 values: one per value, or none"))
        // The refused form changed nothing: the weights are the real counts choice started from.
        #expect(app.finalState?.document?.plan.column(named: "city")?.parameters["weights"] == .list([10, 10, 10, 10].map { ParameterValue.number($0) }))
    }

    @Test func openSaysWhenTheFileIsMissingBeforeAskingToDiscard() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("r")), .key(.character("o"))] + InMemoryScreen.Step.type("nosuch.csv")
            + [.key(.enter), .capture("missing")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 100, steps: steps)
        #expect(screen.lines("missing").last!.hasPrefix("no file nosuch.csv; nothing opened"))
        #expect(app.finalState?.document?.isDirty == true)
    }

    @Test func tabCompletesFileNamesInTheOpenPrompt() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        _ = try WorkbenchFixtures.writeCities(in: dir, name: "capitals.csv")
        _ = try WorkbenchFixtures.writeCities(in: dir, name: "cities-2024.csv")
        let steps: [InMemoryScreen.Step] = [.key(.character("o"))] + InMemoryScreen.Step.type("ca") + [.key(.tab), .capture("one")]
            + [.key(.escape), .key(.character("o"))] + InMemoryScreen.Step.type("ci") + [.key(.tab), .capture("two")]
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 100, steps: steps)
        #expect(screen.lines("one").last!.hasPrefix("open (CSV or session): capitals.csv"))
        // Two matches: completed as far as they agree, both listed above the prompt.
        let two = screen.lines("two")
        #expect(two.last!.hasPrefix("open (CSV or session): cities"))
        #expect(two[two.count - 2].contains("cities-2024.csv cities.csv"))
    }

    @Test func helpWrapsAtAnyWidthAndNamesTheJointModelInUse() throws {
        var plan = Plan(seed: 1, columns: [])
        plan.joint = [JointPlan(model: "cart", columns: ["a", "b"])]
        let lines = HelpView.lines(ascii: true, plan: plan, width: 40)
        #expect(lines.allSatisfy { $0.count <= 40 })
        let text = lines.joined(separator: " ")
        #expect(text.contains("model cart"))
        #expect(!text.contains("Gaussian copula keeps"))
        // Every binding's whole help is there, in order: wrapped (a word longer than a line
        // broken), never cut.
        let squeezed = text.filter { !$0.isWhitespace }
        for binding in CommandTable.bindings where !squeezed.contains(binding.help.filter { !$0.isWhitespace }) {
            Issue.record("\(binding.name): \(binding.help)")
        }
    }

    @Test func jointMembershipSaysWhatEachModelUses() {
        func plan(_ model: String, _ parameters: Parameters = Parameters(), member: Parameters = Parameters()) -> Plan {
            let columns = [ColumnPlan(name: "a", kind: .decimal, strategy: "kde"), ColumnPlan(name: "b", kind: .decimal, strategy: "kde"),
                           ColumnPlan(name: "c", kind: .categorical, strategy: "categorical")]
            return Plan(seed: 1, columns: columns, joint: [JointPlan(model: model, columns: ["a", "b", "c"], parameters: parameters,
                                                                    memberParameters: ["b": member])])
        }
        // The copula maps through every member's strategy.
        #expect(["a", "b", "c"].map { JointMembership.of($0, in: plan("gaussian_copula"))?.drawnBy } == [nil, nil, nil])
        // CART: the first member and `sample` members use their strategy; the rest come from leaves.
        #expect(["a", "b", "c"].map { JointMembership.of($0, in: plan("cart"))?.drawnBy } == [nil, "cart", "cart"])
        #expect(JointMembership.of("b", in: plan("cart", member: Parameters(["method": .text("sample")])))?.drawnBy == nil)
        #expect(JointMembership.of("b", in: plan("cart", member: Parameters(["method": .text("norm")])))?.drawnBy == "norm")
        // The Bayesian network: numbers inside bins follow the strategy, unless within_bin is uniform.
        #expect(["a", "c"].map { JointMembership.of($0, in: plan("bayesian_network"))?.drawnBy } == [nil, "bn"])
        #expect(JointMembership.of("a", in: plan("bayesian_network", Parameters(["within_bin": .text("uniform")])))?.drawnBy == "bn")
        // No model takes null_rate.
        let membership = JointMembership.of("a", in: plan("gaussian_copula"))!
        #expect(membership.refusal(column: "a", parameters: Parameters(["null_rate": .number(0.1)]), before: Parameters()) != nil)
        #expect(membership.refusal(column: "a", parameters: Parameters(["edge_rate": .number(0.1)]), before: Parameters()) == nil)
    }

    @Test func theRecoveryOfferIsABoxWithAYesNoQuestion() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        // An edit, then Ctrl-C (the script's end): the autosave stays.
        _ = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: [.key(.character("r"))])
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 80, height: 16,
                                                    steps: [.capture("offer"), .key(.character("n"))])
        expectScreen(screen.lines("offer"), [
            " cities.csv | 40 rows | 5 columns | real rows | seed 42           col 1/5 row 1",
            "   id         |city           |temp   |visits        |ok          |",
            "   id sequence|cat categorical|dec kde|int parametric|bool boolean|",
            " 1 C001       |??             |   10.0|             0|yes         |",
            " 2 C002 +- Recover unsaved edits? -------------------------------------+",
            " 3 C003 | .cities.doppel.autosave holds edits that were not saved (the |",
            " 4 C004 | workbench ended without saving: Ctrl-C, a closed terminal or |",
            " 5 C005 | a crash). Recover them?                                      |",
            " 6 C006 |                                                              |",
            " 7 C007 | y  recover: the edits come back, unsaved and undoable        |",
            " 8 C008 | n  discard: the autosave is removed                          |",
            " 9 C009 +--------------------------------------------------------------+",
            "10 C010       |Zurich         |   23.3|            17|yes         |",
            "11 C011       |Lima           |.      |            30|no          |",
            "12 C012       |Oslo           |   10.7|            43|no          |",
            "Recover unsaved edits from .cities.doppel.autosave? y recover, n discard",
        ])
    }
}
