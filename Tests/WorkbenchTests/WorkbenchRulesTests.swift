import Foundation
import Synthesis
import Tabular
import Testing
import TerminalUI
@testable import Workbench

/// Issue 13 §6 and issue 15 §2: the rules panel (accept, drop, edit as plan edits), the header
/// badge and the plan sheet, and rule adherence on the fidelity page.
@Suite struct WorkbenchRulesTests {
    /// `total = a + b` holds in every row (and so `a < total`, `b < total`); `group`, when
    /// asked for, is a category to rebalance.
    static func writeSums(in directory: String, group: Bool = false) throws -> String {
        var text = "a,b,total,start,finish" + (group ? ",group\n" : "\n")
        for row in 0..<40 {
            let a = (row * 7) % 23 + 1, b = (row * 11) % 17 + 2
            let start = (row * 37) % 500 + 100
            text += "\(a),\(b),\(a + b),\(start),\(start + row % 7 + 1)" + (group ? (row % 3 == 0 ? ",x\n" : ",y\n") : "\n")
        }
        let path = directory + "/sums.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The workbench driven by keys, every effect run in line (the autosave's timer aside, which
    /// is recorded), and drawn into an in-memory buffer.
    struct Driver {
        var state: WorkbenchState
        let runner = EffectRunner(environment: [:])
        /// Effects of the last key, before they ran.
        var effects: [WorkbenchEffect] = []
        /// Every effect run so far.
        var performed: [WorkbenchEffect] = []

        init(_ target: WorkbenchLaunch.Target, in directory: String, width: Int = 80, height: Int = 16) {
            state = WorkbenchState(launch: WorkbenchLaunch(target: target, ascii: true, color: false), width: width, height: height,
                                   currentDirectory: directory, newSessionSeed: 42, chooseJointModel: false)
            send(.start)
        }

        mutating func send(_ action: WorkbenchAction) {
            var pending = Workbench.reduce(&state, action)
            effects = pending
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                performed.append(effect)
                for action in runner.perform(effect) { pending += Workbench.reduce(&state, action) }
            }
        }

        mutating func press(_ keys: Key...) { for key in keys { send(.key(key)) } }

        mutating func type(_ text: String) { for character in text { send(.key(.character(character))) } }

        var plan: Plan { state.document!.plan }

        var lines: [String] {
            var buffer = Buffer(width: state.width, height: state.height)
            Workbench.render(state, into: &buffer)
            return buffer.plainLines()
        }

        /// Whether the last key brought the autosave up to date (every edit writes it at once;
        /// an edit that returns to the saved plan removes it, as nothing is left to recover).
        var autosaveScheduled: Bool {
            effects.contains { effect in
                switch effect {
                case .writeAutosave: return true
                case .removeFile(let path): return path.hasSuffix(".autosave")
                default: return false
                }
            }
        }
    }

    @Test func rulesPanelListsEachRuleWithSupportPlaceAndPreviewViolations() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var driver = Driver(.data(path: try Self.writeSums(in: dir)), in: dir)
        driver.press(.character("R"))
        expectScreen(driver.lines, [
            " sums.csv | 3 rules | 40 rows | 5 columns | real rows | seed 42   col 1/5 row 1",
            " Rules found in the real data: 3, 3 in force | preview: rows breaking each",
            " in plan  rule                                   kind         support   preview",
            " in force total = a + b                          arithmetic      100%        0%",
            " in force a < total                              order           100%        0%",
            " in force b < total                              order           100%        0%",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " in the plan: total is formula a + b (e edits it, d drops it)",
            "u undo  a accept  d drop  e edit  Esc back",
        ])
    }

    @Test func dropAcceptAndEditAreUndoablePlanEditsTheInPlaceAndPreviewFollow() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var driver = Driver(.data(path: try Self.writeSums(in: dir)), in: dir)
        let original = driver.plan
        #expect(original.column(named: "total")?.strategy == "formula")
        driver.press(.character("R"))

        // d: total = a + b leaves the plan; total is modelled again, by its kind's default.
        driver.press(.character("d"))
        let total = try #require(driver.plan.column(named: "total"))
        #expect(total.strategy != "formula" && total.discovered == nil)
        #expect(StrategyRegistry.strategy(id: total.strategy)?.descriptor.family == .statistical)
        #expect(driver.autosaveScheduled)
        #expect(driver.state.preview.generated["total"]?.plan == total)
        expectScreen(Array(driver.lines.prefix(6)) + [driver.lines[14]], [
            " sums.csv (modified) | 2 rules | 40 rows | 5 columns | real rows~ col 1/5 row 1",
            " Rules found in the real data: 3, 2 in force | preview: rows breaking each",
            " in plan  rule                                   kind         support   preview",
            " -        total = a + b                          arithmetic      100%     92.5%",
            " in force a < total                              order           100%        0%",
            " in force b < total                              order           100%        0%",
            " not in the plan: a puts it in (total = a + b)",
        ])

        // u: the derivation is back, exactly.
        driver.press(.character("u"))
        #expect(driver.plan == original)

        // d then a: put back through RulePlanner, for that rule alone.
        driver.press(.character("d"), .character("a"))
        #expect(driver.plan.column(named: "total") == original.column(named: "total"))
        #expect(driver.autosaveScheduled)

        // The order a < total is kept by rejection while total is computed: it cannot swap.
        driver.press(.character("d"), .character("j"), .character("e"))
        let order = { (plan: Plan) in plan.constraints.first { $0.type == .less && $0.columns == ["a", "total"] } }
        #expect(order(driver.plan)?.enforce == .swap)
        driver.press(.character("e"))
        #expect(order(driver.plan)?.enforce == .reject)
        driver.press(.character("d"))
        #expect(order(driver.plan) == nil)
        expectScreen(Array(driver.lines.prefix(6)) + [driver.lines[14]], [
            " sums.csv (modified) | 1 rule | 40 rows | 5 columns | real rows ~ col 1/5 row 1",
            " Rules found in the real data: 3, 1 in force | preview: rows breaking each",
            " in plan  rule                                   kind         support   preview",
            " -        total = a + b                          arithmetic      100%     90.0%",
            " -        a < total                              order           100%      7.5%",
            " in force b < total                              order           100%        0%",
            " not in the plan: a puts it in (a < total)",
        ])
        driver.press(.character("u"))
        #expect(order(driver.plan)?.enforce == .reject)
        driver.press(.character("u"), .character("u"), .character("u"))
        #expect(driver.plan == original)
        // While total is computed, e does not swap, and says why on the panel.
        driver.press(.character("e"))
        #expect(order(driver.plan)?.enforce == .reject)
        #expect(driver.lines[15] == "a < total: total is not modelled; kept by drawing rows again  u undo  a accept")
    }

    @Test func aPressSelectsARuleAndTheWheelMovesThroughThem() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var driver = Driver(.data(path: try Self.writeSums(in: dir)), in: dir)
        driver.press(.character("R"))
        driver.send(.mouse(.press(x: 10, y: 5)))
        guard case .rules(let sheet)? = driver.state.overlay else {
            Issue.record("no rules panel")
            return
        }
        #expect(sheet.selected == 2)
        #expect(driver.lines[14] == " in the plan: less: b < total; rows that break it are drawn again (e switches ~")
        driver.send(.mouse(.wheelUp(x: 10, y: 5)))
        guard case .rules(let moved)? = driver.state.overlay else { return }
        #expect(moved.selected == 0)
    }

    @Test func thePanelAndTheSheetDrawAtTinyAndOddSizes() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var driver = Driver(.data(path: try Self.writeSums(in: dir)), in: dir)
        for opener in [Key.character("R"), .character("P")] {
            driver.press(opener, .character("G"))
            for (width, height) in [(1, 1), (2, 2), (10, 3), (20, 5), (33, 7), (121, 9), (80, 16)] {
                driver.send(.resize(width: width, height: height))
                #expect(driver.lines.count == height)
            }
            driver.press(.escape)
        }
    }

    @Test func editingADerivedColumnOpensItsFormulaAndThePreviewShowsTheBreaks() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var driver = Driver(.data(path: try Self.writeSums(in: dir)), in: dir)
        driver.press(.character("R"), .character("e"))
        guard case .form(let form)? = driver.state.overlay else {
            Issue.record("no parameter form")
            return
        }
        #expect(form.column == "total")
        #expect(driver.state.cursorColumn?.name == "total")
        driver.type(" + 1")
        driver.press(.enter)
        #expect(driver.plan.column(named: "total")?.parameters["expression"]?.text == "a + b + 1")
        driver.press(.character("R"))
        expectScreen(Array(driver.lines.prefix(6)), [
            " sums.csv (modified) | 3 rules | 40 rows | 5 columns | real rows~ col 3/5 row 1",
            " Rules found in the real data: 3, 3 in force | preview: rows breaking each",
            " in plan  rule                                   kind         support   preview",
            " edited   total = a + b                          arithmetic      100%    100.0%",
            " in force a < total                              order           100%        0%",
            " in force b < total                              order           100%        0%",
        ])
        // The fidelity page: the rules the preview breaks more than the real rows, worst first.
        driver.press(.escape, .character("f"), .character("G"))
        expectScreen(driver.lines, [
            " sums.csv (modified) | 3 rules | 40 rows | 5 columns | fidelity | seed 42",
            " b x start         0.18       0.04        0.14",
            " b x total         0.67       0.54        0.13",
            " a x finish        0.15       0.10        0.05",
            " a x total         0.84       0.82        0.01",
            "",
            " Rules, worst first: rows breaking each, real and synthetic (R lists all 3)",
            "   total = a + b                               real      0%  synthetic  100.0%",
            "",
            " Privacy",
            " Exact copies of real rows: 0 of 40 rows (0.0%)",
            " DCR share needs real rows kept out of fitting: doppel --holdout FILE",
            " DCR baseline protection    [#############################.............]  0.684",
            " DCR overfitting protection [..........................................]    n/a",
            "   overfitting protection needs real rows kept out of fitting: doppel --holdou~",
            "? help  f fidelity  ^S save  : cmd  Esc back",
        ])
    }

    @Test func theBadgeShowsConditionsConstraintsAndRulesAndThePlanSheetListsThem() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var driver = Driver(.data(path: try Self.writeSums(in: dir, group: true)), in: dir, width: 100)
        #expect(driver.lines[0].hasPrefix(" sums.csv | 3 rules | 40 rows"))
        driver.press(.character(":"))
        driver.type("where a>=5")
        driver.press(.enter, .character(":"))
        driver.type("constrain range start 100 500")
        driver.press(.enter, .character(":"))
        driver.type("rebalance group")
        driver.press(.enter)
        #expect(driver.lines[0].hasPrefix(" sums.csv (modified) | where 1, rebalance, 1 constraint, 3 rules | 40 rows"))
        #expect(driver.state.preview.errors.isEmpty)
        driver.press(.character("P"))
        expectScreen(driver.lines, [
            " sums.csv (modified) | where 1, rebalance, 1 constraint, 3 rules | 40 rows | 6 colum~ col 1/6 row 1",
            " Plan-wide settings: they apply to every generated row and are saved with the session",
            " Conditions (:where): only rows where each holds are generated",
            "   a >= 5",
            "",
            " Rebalance (:rebalance): the column's levels come in these shares, not the real ones",
            "   group: uniform over its levels",
            "",
            " Constraints (:constrain): every generated row satisfies them",
            "   range: start within [100, 500]; rows that break it are drawn again",
            "",
            " Rules found in the data, in force (R lists them all)",
            "   total: formula a + b, computed from the row instead of modelled (support 100%)",
            "   less: a < total; rows that break it are drawn again (support 100%)",
            "   less: b < total; rows that break it are drawn again (support 100%)",
            "Esc back",
        ])
        // Undo takes the settings back out of the badge.
        driver.press(.escape, .character("u"), .character("u"), .character("u"))
        #expect(driver.lines[0].hasPrefix(" sums.csv | 3 rules | 40 rows"))
    }

    @Test func aSessionOpenedLaterFindsItsRulesInTheBackground() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var first = Driver(.data(path: try Self.writeSums(in: dir)), in: dir)
        first.press(.character("R"), .character("j"), .character("d"), .escape, .character(":"))
        first.type("where a>=5")
        first.press(.enter, .character(":"))
        first.type("w sums.doppel.yaml")
        first.press(.enter)
        #expect(first.state.document?.isDirty == false)

        var driver = Driver(.session(path: dir + "/sums.doppel.yaml"), in: dir)
        #expect(driver.performed.contains { if case .discoverRules = $0 { return true } else { return false } })
        #expect(driver.state.rules.rules?.count == 3)
        // By name from the palette, as any command.
        driver.press(.character(":"))
        driver.type("rules")
        driver.press(.enter)
        expectScreen(Array(driver.lines.prefix(6)), [
            " sums.doppel.yaml | where 1, 2 rules | 40 rows | 5 columns | rea~ col 1/5 row 1",
            " Rules found in the real data: 3, 2 in force | preview: rows breaking each",
            " in plan  rule                                   kind         support   preview",
            " in force total = a + b                          arithmetic      100%        0%",
            " -        a < total                              order           100%        0%",
            " in force b < total                              order           100%        0%",
        ])
    }

    @Test func aRuleOverAColumnThatIsNotModelledIsNotPutInAndTheMessageSaysWhy() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var driver = Driver(.data(path: try Self.writeSums(in: dir)), in: dir)
        driver.press(.character("R"), .character("d"))
        // total's real values, kept row for row: a person's choice RulePlanner leaves alone.
        driver.state.overlay = nil
        _ = Workbench.setStrategy("keep", column: "total", &driver.state)
        let kept = driver.plan
        driver.press(.character("R"), .character("a"))
        #expect(driver.plan == kept)
        #expect(driver.lines[15].hasPrefix("total = a + b: not put in; a column it names is not modelled (s sets a model)"))
    }

    /// Where `x` is missing, `y` is too: kept by blanking, dropped with d.
    @Test func aNullImplicationIsKeptByBlankingAndCanBeDropped() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var text = "x,y,z\n"
        for row in 0..<40 {
            let x = row % 5 == 0 ? "" : String((row * 13) % 31)
            let y = row % 5 == 0 || row % 7 == 0 ? "" : String((row * 17) % 29)
            text += "\(x),\(y),\((row * 3) % 11)\n"
        }
        try text.write(toFile: dir + "/gaps.csv", atomically: true, encoding: .utf8)
        var driver = Driver(.data(path: dir + "/gaps.csv"), in: dir)
        driver.press(.character("R"))
        expectScreen(driver.lines, [
            " gaps.csv | 1 rule | 40 rows | 3 columns | real rows | seed 42    col 1/3 row 1",
            " Rules found in the real data: 1, 1 in force | preview: rows breaking each",
            " in plan  rule                                   kind         support   preview",
            " in force y is missing where x is missing        null implic~    100%        0%",
            "", "", "", "", "", "", "", "", "", "",
            " in the plan: null_implies: y missing wherever x is; the value is made missing~",
            "u undo  a accept  d drop  e edit  Esc back",
        ])
        let original = driver.plan
        driver.press(.character("e"))
        #expect(driver.plan == original)
        #expect(driver.lines[15].hasPrefix("y is missing where x is missing: kept by making the value missing; d drops it"))
        driver.press(.character("d"))
        #expect(!driver.plan.constraints.contains { $0.type == .nullImplies })
        #expect(driver.lines[3].hasPrefix(" -        y is missing where x is missing"))
        driver.press(.character("u"))
        #expect(driver.plan == original)
        driver.press(.character("d"), .character("a"))
        #expect(driver.plan == original)
    }
}
