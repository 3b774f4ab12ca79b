import Foundation
import Session
import Synthesis
import Tabular
import Testing
import TerminalUI
@testable import Workbench

/// Issue 7, the preview: rows equal to a replay, partial refits, stale results dropped, a UI
/// that shows background work instead of waiting for it.
@Suite struct WorkbenchPreviewTests {
    /// A session saved from the workbench replays (as `doppel run` does) to exactly the rows
    /// the preview showed.
    @Test func previewRowsEqualTheReplayOfTheSavedSession() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("l")), .key(.character("s")), .key(.character("g")),
                                            .key(.enter), .key(.character("r")), .key(.tab), .capture("synthetic"),
                                            .key(.character(":"))] + InMemoryScreen.Step.type("w pen.doppel.yaml") + [.key(.enter), .key(.character("q"))]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: WorkbenchFixtures.penguinsPath), in: dir, steps: steps, ascii: true)
        let state = try #require(app.finalState)
        let document = try #require(state.document)
        #expect(document.plan.column(named: "bill_length_mm")?.strategy == "empirical")
        #expect(!document.isDirty)

        let preview = Table(columns: document.plan.outputColumns.map { column in
            let values = state.preview.generated[column.name]!.values
            return Column(name: column.name, values: values.values, validity: values.validity)
        })
        #expect(preview.rowCount == 344)

        // The replay: load the session, fit from its source, write the rows the preview holds.
        let file = try SessionFile.load(dir + "/pen.doppel.yaml")
        let prepared = try SessionRunner.prepare(file, environment: [:], allowChangedSource: false)
        var replay: [UInt8] = []
        try ChunkedCSVWriter(plan: prepared.plan, threads: 2).write(totalRows: prepared.plan.defaultRows, range: 0..<preview.rowCount) {
            replay += $0
        }
        let previewBytes = CSVWriter().bytes(preview)
        #expect(previewBytes.count > 10_000)
        #expect(previewBytes == replay)

        // The synthetic grid shows those rows.
        let firstRow = String(decoding: CSVWriter(writeHeader: false).bytes(preview.slice(0..<1)), as: UTF8.self)
        let cells = firstRow.trimmingCharacters(in: .newlines).split(separator: ",", omittingEmptySubsequences: false).prefix(3)
        let gridRow = screen.lines("synthetic")[3]
        #expect(gridRow.hasPrefix("  1 "))
        for cell in cells { #expect(gridRow.contains(String(cell)), "\(cell) not in |\(gridRow)|") }
    }

    @Test func viewCyclesRealSyntheticAndSideBySideAndReseedChangesTheRows() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.tab), .capture("synthetic"), .key(.tab), .capture("both"),
                                            .key(.character("r")), .capture("reseeded"), .key(.tab), .capture("real")]
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 80, height: 9, steps: steps, ascii: false)
        expectScreen(screen.lines("synthetic"), [
            " cities.csv · 40 rows · 5 columns · synthetic rows · seed 42      col 1/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 1 C001       │Zürich         │   12.8│            22│yes         │",
            " 2 C002       │東京           │   13.8│            18│no          │",
            " 3 C003       │Zürich         │   24.9│            29│no          │",
            " 4 C004       │Oslo           │   19.0│             8│no          │",
            " 5 C005       │Lima           │   24.7│            40│no          │",
            "showing synthetic rows (preview)  ? help  s strategy  p params  Enter inspect",
        ])
        expectScreen(screen.lines("both"), [
            " cities.csv · 40 rows · 5 columns · real | synthetic · seed 42    col 1/5 row 1",
            "   id         │city           │temp   │    id         │city           │temp   │",
            "   id sequence│cat categorical│dec kde│    id sequence│cat categorical│dec kde│",
            " 1 C001       │東京           │   10.0│  1 C001       │Zürich         │   12.8│",
            " 2 C002       │Zürich         │   13.7│  2 C002       │東京           │   13.8│",
            " 3 C003       │Lima           │   17.4│  3 C003       │Zürich         │   24.9│",
            " 4 C004       │Oslo           │·      │  4 C004       │Oslo           │   19.0│",
            " 5 C005       │東京           │   24.8│  5 C005       │Lima           │   24.7│",
            "showing real and synthetic rows side by side  ? help  s strategy  p params",
        ])
        expectScreen(screen.lines("reseeded"), [
            " cities.csv (modified) · 40 rows · 5 columns · real | synthetic … col 1/5 row 1",
            "   id         │city           │temp   │    id         │city           │temp   │",
            "   id sequence│cat categorical│dec kde│    id sequence│cat categorical│dec kde│",
            " 1 C001       │東京           │   10.0│  1 C001       │Oslo           │   22.1│",
            " 2 C002       │Zürich         │   13.7│  2 C002       │Lima           │   16.6│",
            " 3 C003       │Lima           │   17.4│  3 C003       │東京           │   15.6│",
            " 4 C004       │Oslo           │·      │  4 C004       │東京           │   14.8│",
            " 5 C005       │東京           │   24.8│  5 C005       │Zürich         │   26.0│",
            "new seed  ? help  s strategy  p params  Enter inspect  Tab view  f fidelity",
        ])
        #expect(screen.lines("real")[3] == " 1 C001       │東京           │   10.0│             0│yes         │")
    }

    /// Loads the cities fixture into a state and builds its first preview, running effects in line.
    static func loadedState(_ dir: String) throws -> (WorkbenchState, EffectRunner) {
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        var state = WorkbenchState(launch: WorkbenchLaunch(target: .data(path: csv), ascii: true, color: false), width: 80, height: 24,
                                   currentDirectory: dir, newSessionSeed: 42, chooseJointModel: false)
        let runner = EffectRunner(environment: [:])
        var pending = Workbench.reduce(&state, .start)
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            for action in runner.perform(effect) { pending += Workbench.reduce(&state, action) }
        }
        return (state, runner)
    }

    static func previewJob(_ effects: [WorkbenchEffect]) -> PreviewJob? {
        for effect in effects { if case .buildPreview(let job) = effect { return job } }
        return nil
    }

    @Test func anEditRefitsOnlyTheEditedColumn() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var (state, runner) = try Self.loadedState(dir)
        #expect(state.preview.generated.count == 5)
        // temp becomes a formula of visits: only temp is refitted.
        state.grid.cursorColumn = 2
        var effects = Workbench.setStrategy("formula", column: "temp", &state)
        effects = Workbench.reduce(&state, .key(.character("p")))
        for character in "visits * 2" { effects = Workbench.reduce(&state, .key(.character(character))) }
        effects = Workbench.reduce(&state, .key(.enter))
        var job = try #require(Self.previewJob(effects))
        for action in runner.perform(.buildPreview(job)) { _ = Workbench.reduce(&state, action) }
        #expect(state.preview.errors.isEmpty)
        #expect(state.preview.cache.lastFitted == ["temp"])
        let visits = state.preview.generated["visits"]!.values
        let temp = state.preview.generated["temp"]!.values
        #expect(CellText.text(temp.values, validity: temp.validity, row: 0) != nil)
        #expect(temp.values.numericValue(at: 0) == 2 * visits.values.numericValue(at: 0)!)

        // Editing visits refits visits alone; temp, which reads it, follows it.
        state.grid.cursorColumn = 3
        effects = Workbench.reduce(&state, .key(.character("s")))
        effects = Workbench.reduce(&state, .key(.character("g")))
        effects = Workbench.reduce(&state, .key(.enter))
        job = try #require(Self.previewJob(effects))
        #expect(state.document?.plan.column(named: "visits")?.strategy == "empirical")
        for action in runner.perform(.buildPreview(job)) { _ = Workbench.reduce(&state, action) }
        #expect(state.preview.cache.lastFitted == ["visits"])
        let newVisits = state.preview.generated["visits"]!.values
        let newTemp = state.preview.generated["temp"]!.values
        #expect(newTemp.values.numericValue(at: 5) == 2 * newVisits.values.numericValue(at: 5)!)

        // Undo finds the fits it left: nothing is refitted.
        effects = Workbench.reduce(&state, .key(.character("u")))
        job = try #require(Self.previewJob(effects))
        for action in runner.perform(.buildPreview(job)) { _ = Workbench.reduce(&state, action) }
        #expect(state.preview.cache.lastFitted.isEmpty)

        // A new seed keeps every fitted model.
        effects = Workbench.reduce(&state, .key(.character("r")))
        job = try #require(Self.previewJob(effects))
        for action in runner.perform(.buildPreview(job)) { _ = Workbench.reduce(&state, action) }
        #expect(state.preview.cache.lastFitted.isEmpty)
    }

    @Test func anMSTGroupIsFittedOncePerEditAndItsPreviewStaysStill() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var (state, runner) = try Self.loadedState(dir)
        func run(_ effects: [WorkbenchEffect]) {
            var pending = effects
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                for action in runner.perform(effect) { pending += Workbench.reduce(&state, action) }
            }
        }
        func rows() -> [String?] {
            ["temp", "visits"].flatMap { name -> [String?] in
                let values = state.preview.generated[name]!.values
                return (0..<20).map { CellText.text(values.values, validity: values.validity, row: $0) }
            }
        }
        // temp and visits in a group, then M until it is mst: after the copula, cart and the network.
        state.grid.cursorColumn = 2
        run(Workbench.reduce(&state, .key(.character("J"))))
        state.grid.cursorColumn = 3
        run(Workbench.reduce(&state, .key(.character("J"))))
        for _ in 0..<3 { run(Workbench.reduce(&state, .key(.character("M")))) }
        #expect(state.document?.plan.joint.first?.model == "mst")
        #expect(state.message?.text.contains("differentially private, epsilon 1") == true, "\(String(describing: state.message))")
        #expect(state.preview.errors.isEmpty, "\(state.preview.errors)")
        #expect(state.preview.cache.lastFitted == ["joint group 'joint'"])
        let first = rows()

        // A refresh reuses the fit: the same rows, nothing refitted.
        run(Workbench.requestPreview(&state))
        #expect(state.preview.cache.lastFitted.isEmpty)
        #expect(rows() == first)
        // A new seed draws other rows from the same fit; undo brings the first rows back.
        run(Workbench.reduce(&state, .key(.character("r"))))
        #expect(state.preview.cache.lastFitted.isEmpty)
        #expect(rows() != first)
        run(Workbench.reduce(&state, .key(.character("u"))))
        #expect(state.preview.cache.lastFitted.isEmpty)
        #expect(rows() == first)
        // M goes round to the copula.
        run(Workbench.reduce(&state, .key(.character("M"))))
        #expect(state.document?.plan.joint.first?.model == "gaussian_copula")
    }

    @Test func aCSVShowsItsRowsBeforeItsPlanIsMade() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let table = try CSVReader.read(path: csv).table
        var launch = WorkbenchLaunch(target: .data(path: csv), ascii: true, color: false)
        launch.preloaded = PreloadedCSV(path: csv, table: table, warnings: [])
        var state = WorkbenchState(launch: launch, width: 80, height: 24, currentDirectory: dir, newSessionSeed: 42, chooseJointModel: false)
        let runner = EffectRunner(environment: [:])
        let load = Workbench.reduce(&state, .start)
        guard case .load(let request) = try #require(load.first) else { Issue.record("expected a load"); return }
        #expect(request.preloaded?.table == table)
        // The rows are on screen with a provisional plan; the plan is made next.
        var effects: [WorkbenchEffect] = []
        for action in runner.perform(.load(request)) { effects += Workbench.reduce(&state, action) }
        #expect(state.planning)
        #expect(state.document?.table == table)
        #expect(state.document?.plan.columns.allSatisfy { $0.strategy == "..." } == true)
        guard case .makePlan(let job) = try #require(effects.first) else { Issue.record("expected makePlan"); return }
        // No edit while the plan is made.
        #expect(Workbench.edit(&state, describing: "x") { _ in true }.isEmpty)
        #expect(state.message?.text == Workbench.planningRefusal)
        var pending: [WorkbenchEffect] = []
        for action in runner.perform(.makePlan(job)) { pending += Workbench.reduce(&state, action) }
        #expect(!state.planning)
        #expect(state.document?.plan.column(named: "temp")?.strategy == "kde")
        #expect(state.document?.isDirty == false)
        #expect(Self.previewJob(pending) != nil)
    }

    @Test func thePreviewIsChunkZeroOfTheFittedPlan() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let (state, _) = try Self.loadedState(dir)
        let document = try #require(state.document)
        let chunk = try FittedPlan.fit(document.plan, on: document.table).sampleChunk(0, totalRows: document.totalRows)
        for column in chunk.columns {
            let preview = try #require(state.preview.generated[column.name]).values
            #expect(Column(name: column.name, values: preview.values, validity: preview.validity) == column)
        }
    }

    @Test func staleResultsAreDropped() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var (state, runner) = try Self.loadedState(dir)
        let first = try #require(Self.previewJob(Workbench.reduce(&state, .key(.character("r")))))
        let second = try #require(Self.previewJob(Workbench.reduce(&state, .key(.character("r")))))
        #expect(second.generation == first.generation + 1)
        let before = state.preview.generated["temp"]!.seed
        for action in runner.perform(.buildPreview(first)) { _ = Workbench.reduce(&state, action) }
        #expect(state.preview.pending)
        #expect(state.preview.generated["temp"]!.seed == before)
        for action in runner.perform(.buildPreview(second)) { _ = Workbench.reduce(&state, action) }
        #expect(!state.preview.pending)
        #expect(state.preview.generated["temp"]!.seed == second.plan.seed)
        // Fidelity results of an older preview are dropped too.
        let fidelityGeneration = state.fidelity.generation
        _ = Workbench.reduce(&state, .fidelityFailed(generation: fidelityGeneration - 1, "old"))
        #expect(state.fidelity.error == nil)
    }

    /// The reducer returns at once; the screen says what is running until the results arrive.
    @Test func theScreenShowsBackgroundWorkWithoutWaitingForIt() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        var (state, _) = try Self.loadedState(dir)
        _ = Workbench.reduce(&state, .key(.character("r")))
        _ = Workbench.reduce(&state, .key(.character("f")))
        var buffer = Buffer(width: 80, height: 24)
        Workbench.render(state, into: &buffer)
        let lines = buffer.plainLines()
        #expect(lines[0].hasPrefix(" cities.csv (modified) | generating... | 40 rows | 5 columns | fidelity | seed"))
        #expect(lines[1] == " Fidelity of the preview: 40 synthetic rows against 40 real rows | computing...")
    }
}

/// Joint groups: `J` toggles a column's membership; the whole plan is then previewed through
/// `FittedPlan` and still equals the replay.
@Suite struct WorkbenchJointTests {
    @Test func jToggleBuildsTheJointGroupAndThePreviewEqualsTheReplay() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("l")), .key(.character("J")), .key(.character("l")),
                                            .key(.character("J")), .key(.character("l")), .key(.character("J")), .key(.character("J")),
                                            .capture("grid"), .key(.character("M")), .capture("cart"), .key(.character("M")), .capture("bayes"),
                                            .key(.character("M")), .capture("mst"), .key(.character("M")), .key(.character(":"))]
            + InMemoryScreen.Step.type("w joint.doppel.yaml")
            + [.key(.enter), .key(.character("q"))]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: WorkbenchFixtures.penguinsPath), in: dir, width: 100, steps: steps, ascii: true)
        #expect(screen.lines("grid")[2].contains("|J dec "))
        // M cycles through the registry's joint models, back to the first.
        #expect(screen.lines("cart").last?.hasPrefix("joint group 'joint': cart") == true)
        #expect(screen.lines("bayes").last?.hasPrefix("joint group 'joint': bayesian_network") == true)
        #expect(!screen.lines("bayes")[0].contains("preview failed") && !screen.lines("bayes")[2].contains("!"))
        #expect(screen.lines("mst").suffix(3).joined(separator: " ").contains("joint group 'joint': mst (differentially private, epsilon 1"),
                "\(screen.lines("mst").suffix(3))")
        let state = try #require(app.finalState)
        let plan = try #require(state.document?.plan)
        #expect(plan.joint == [JointPlan(model: "gaussian_copula", columns: ["bill_length_mm", "bill_depth_mm"])])
        #expect(state.preview.errors.isEmpty)
        let preview = Table(columns: plan.outputColumns.map { column in
            let values = state.preview.generated[column.name]!.values
            return Column(name: column.name, values: values.values, validity: values.validity)
        })
        let file = try SessionFile.load(dir + "/joint.doppel.yaml")
        #expect(file.session.plan.joint.first?.columns == ["bill_length_mm", "bill_depth_mm"])
        let prepared = try SessionRunner.prepare(file, environment: [:], allowChangedSource: false)
        var replay: [UInt8] = []
        try ChunkedCSVWriter(plan: prepared.plan, threads: 1).write(totalRows: prepared.plan.defaultRows, range: 0..<preview.rowCount) {
            replay += $0
        }
        #expect(CSVWriter().bytes(preview) == replay)
    }
}

/// A bare CSV opens on `doppel plan`'s default: a joint model chosen by quality.
@Suite struct WorkbenchDefaultJointTests {
    @Test func aBareCSVOpensWithTheChosenJointModelAndAMadeUpColumnLeavesIt() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        // Move to bill_length_mm, make it uniform (made up): it leaves the group.
        let steps: [InMemoryScreen.Step] = [.capture("grid"), .key(.character("l")), .key(.character("l")), .key(.character("s"))]
            + Array(repeating: InMemoryScreen.Step.key(.down), count: 6) + [.key(.enter), .capture("edited"), .key(.character("q")), .key(.character("n"))]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: WorkbenchFixtures.penguinsPath), in: dir, width: 120, steps: steps,
                                                      ascii: true, chooseJointModel: true)
        // The badge says what draws each member (the chosen model decides: cart's first member
        // its own strategy, the others the model itself).
        #expect(screen.lines("grid")[2].contains("J cat "))
        let plan = try #require(app.finalState?.document?.plan)
        let group = try #require(plan.joint.first)
        #expect(JointRegistry.ids.contains(group.model))
        #expect(plan.column(named: "bill_length_mm")?.strategy == "uniform")
        #expect(!group.columns.contains("bill_length_mm"))
        #expect(group.columns.contains("bill_depth_mm") && group.columns.contains("species"))
    }
}

/// Conditions, constraints and predictors from the `:` line: plan edits that the preview obeys.
@Suite struct WorkbenchConditionCommandTests {
    @Test func whereRebalanceConstrainAndPredictorsEditThePlanAndThePreviewObeys() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        func command(_ text: String) -> [InMemoryScreen.Step] {
            [.key(.character(":"))] + InMemoryScreen.Step.type(text) + [.key(.enter)]
        }
        // Penguins' chosen model is bn at seed 42; M three times makes it cart (mst, copula, then
        // cart), whose members take predictors.
        let steps: [InMemoryScreen.Step] = [.key(.character("M")), .key(.character("M")), .key(.character("M"))] + command("where island=Dream") + command("constrain range body_mass_g 3000 4000")
            + command("rebalance sex=male:0.75,female:0.25") + command("constrain fruit x y") + [.capture("bad")]
            + command("predictors body_mass_g species,flipper_length_mm") + command("where wingspan=3") + [.capture("nocolumn")]
            + [.key(.character("q")), .key(.character("n"))]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: WorkbenchFixtures.penguinsPath), in: dir, width: 120, steps: steps,
                                                      ascii: true, chooseJointModel: true)
        // The whole message, wrapped above the status line.
        #expect(screen.lines("bad").suffix(2).joined(separator: " ").contains(
            ":constrain: expected one of range, less_equal, less, null_implies, fixed_combinations, unique, predicate, then its columns"))
        #expect(screen.lines("nocolumn").last?.contains(":where: no column 'wingspan'") == true)
        let state = try #require(app.finalState)
        let plan = try #require(state.document?.plan)
        #expect(plan.conditions == SamplingConditions(equals: ["island": "Dream"], rebalance: .init(column: "sex", proportions: ["male": 0.75, "female": 0.25])))
        #expect(plan.constraints == [ConstraintPlan(type: .range, column: "body_mass_g", min: 3000, max: 4000)])
        let group = try #require(plan.joint.first)
        #expect(group.model == "cart")
        #expect(group.memberParameters["body_mass_g"]?["predictors"] == .list([.text("species"), .text("flipper_length_mm")]))
        #expect(state.preview.errors.isEmpty)
        let island = try #require(state.preview.generated["island"]?.values)
        let mass = try #require(state.preview.generated["body_mass_g"]?.values)
        let sex = try #require(state.preview.generated["sex"]?.values)
        var males = 0
        for row in 0..<island.validity.count {
            #expect(CellText.text(island.values, validity: island.validity, row: row) == "Dream")
            if let value = mass.values.numericValue(at: row), mass.validity.isValid(row) { #expect(value >= 3000 && value <= 4000) }
            if CellText.text(sex.values, validity: sex.validity, row: row) == "male" { males += 1 }
        }
        let share = Double(males) / Double(island.validity.count)
        #expect(abs(share - 0.75) < 0.01)
    }
}
