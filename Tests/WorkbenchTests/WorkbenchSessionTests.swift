import Foundation
import Session
import Synthesis
import Tabular
import Testing
import TerminalUI
@testable import Workbench

/// Issue 7, sessions and the fidelity page: first save, autosave and recovery, reopening, the
/// dashboard, palettes.
@Suite struct WorkbenchSessionTests {
    @Test func firstSaveOffersTheDataNameAndEnterAccepts() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("r")), .key(.control("s")), .capture("prompt"), .key(.enter), .capture("saved"),
                                            .key(.character("r")), .key(.control("s")), .capture("second"), .key(.character("q"))]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: true)
        #expect(screen.lines("prompt").last == "save session as: cities.doppel.yaml_")
        #expect(screen.lines("saved")[0].hasPrefix(" cities.csv | 40 rows"))
        #expect(screen.lines("saved").last?.hasPrefix("saved cities.doppel.yaml") == true)
        // Later saves go to the same file without asking.
        #expect(screen.lines("second").last?.hasPrefix("saved cities.doppel.yaml") == true)
        #expect(app.finalState?.exitRequested == true)
        let saved = try SessionFile.load(dir + "/cities.doppel.yaml").session
        #expect(saved.plan.seed == app.finalState?.document?.plan.seed)
        #expect(saved.source?.path == "cities.csv")
        #expect(saved.source?.sha256?.count == 64)
        #expect(saved.plan == app.finalState?.document?.plan)
        #expect(!FileManager.default.fileExists(atPath: dir + "/.cities.doppel.autosave"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func autosaveIsWrittenAfterEditsAndOfferedAtTheNextStart() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let autosave = dir + "/.cities.doppel.autosave"
        // An edit, then the terminal goes away (Ctrl-C): the autosave stays.
        let (_, first) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: [.key(.character("l")), .key(.character("s")),
                                                                                     .key(.character("g")), .key(.enter)], ascii: true)
        #expect(FileManager.default.fileExists(atPath: autosave))
        let edited = try #require(first.finalState?.document?.plan)
        #expect(edited.column(named: "city")?.strategy == "empirical")
        #expect(try SessionFile.load(autosave).session.plan == edited)

        // The next start offers it; y restores the edits (unsaved, undoable).
        let (screen, second) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: [.capture("offer"), .key(.character("y")),
                                                                                           .capture("recovered"), .key(.character("u")), .capture("undone")],
                                                         ascii: true)
        #expect(screen.lines("offer").last == "Recover unsaved edits from .cities.doppel.autosave? y recover, n discard")
        #expect(screen.lines("recovered")[2].contains("cat empirical"))
        #expect(screen.lines("recovered")[0].contains("(modified)"))
        #expect(screen.lines("undone")[2].contains("cat categorical"))
        _ = second

        // n discards it.
        let (_, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: [.key(.character("n")), .key(.character("q"))], ascii: true)
        #expect(!FileManager.default.fileExists(atPath: autosave))
    }

    /// Issue 11: session → workbench state → session loses nothing (gates, output settings,
    /// conditions, constraints, joint groups, comments aside).
    @Test func sessionToWorkbenchToSessionIsLossless() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repository.appendingPathComponent("sessions/data/penguins.csv").path, toPath: dir + "/data/penguins.csv")
        var original = try SessionFile.load(repository.appendingPathComponent("sessions/penguins-hybrid.yaml").path).session
        original.plan.constraints = [ConstraintPlan(type: .range, column: "body_mass_g", min: 3000, max: 5000, enforce: .clip)]
        original.plan.conditions = SamplingConditions(equals: ["island": "Dream"])
        original.view = Session.ViewState(cursorColumn: "island", panel: "inspect")
        try SessionFile.save(original, to: dir + "/hybrid.yaml")
        // Open, save at once (Ctrl-S goes to the session's own file), quit.
        let (_, app) = try WorkbenchFixtures.run(.session(path: "hybrid.yaml"), in: dir, width: 80, height: 24,
                                                 steps: [.key(.control("s")), .key(.character("q"))], ascii: true)
        #expect(app.finalState?.exitRequested == true)
        let saved = try SessionFile.load(dir + "/hybrid.yaml").session
        #expect(saved == original)
    }

    @Test func openingASessionRestoresPlanCursorAndView() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("$")), .key(.character("h")), .key(.character("s")), .key(.character("g")),
                                            .key(.enter), .key(.character("i")), .key(.control("s")), .key(.enter), .key(.character("q"))]
        let (_, saving) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: true)
        let plan = try #require(saving.finalState?.document?.plan)
        let (screen, opened) = try WorkbenchFixtures.run(.session(path: "cities.doppel.yaml"), in: dir, width: 60, height: 16,
                                                         steps: [.capture("opened")], ascii: true)
        expectScreen(screen.lines("opened"), [
            " cities.doppel.yaml | 40 rows | 5 columns | ~ col 4/5 row 1",
            "   id         |city           |temp   |visits       |ok",
            "   id sequence|cat categorical|dec kde|int empirical|bool b~",
            " 1 C001       |??             |   10.0|            0|yes",
            " 2 C002       |Zurich         |   13.7|           13|no",
            " 3 C003       |Lima           |   17.4|           26|no",
            "- visits | integer | empirical | fidelity 0.900 ------------",
            " nulls 0 (0.0%)  distinct 40  rows 40",
            " range 0 to 49  mean 23.50  sd 14.82",
            " visits                                 # real  - synthetic",
            "  12.5% +      --      --                  --",
            "        |##----##------##------------------######",
            "     0% +----------------------------------------",
            "         0                                     49",
            " hint: 2 combinations unique in the real data reappear (ci~",
            "? help  s strategy  p params  Enter inspect  Tab view",
        ])
        let state = try #require(opened.finalState)
        #expect(state.document?.plan == plan)
        #expect(state.cursorColumn?.name == "visits")
        #expect(state.grid.inspect)
        #expect(state.document?.isDirty == false)
    }

    @Test func fidelityDashboardShowsScoresHeatmapsAndPrivacy() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let holdout = try WorkbenchFixtures.writeCities(in: dir, rows: 20, name: "holdout.csv", offset: 40)
        let steps: [InMemoryScreen.Step] = [.key(.character("f")), .capture("top"), .key(.pageDown), .capture("privacy")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: true, holdout: holdout)
        expectScreen(screen.lines("top"), [
            " cities.csv | 40 rows | 5 columns | fidelity | seed 42",
            " Fidelity of the preview: 40 synthetic rows against 40 real rows",
            "",
            " Overall quality            [############################..............]  0.660",
            " Column shapes              [#####################################.....]  0.870",
            " Column pair trends         [###################.......................]  0.450",
            "",
            " Columns, worst first",
            " temp   [################################################..............]  0.779",
            " visits [##################################################............]  0.800",
            " ok     [#########################################################.....]  0.925",
            " city   [############################################################..]  0.975",
            "",
            " correlations",
            "          real          synthetic     difference",
            "            a  b  c  d    a  b  c  d    a  b  c  d",
            " a city    10  5  7  1   10  5  5  2    0  5 18 10",
            " b temp     5 10 -2  4    5 10  4  4    5  0 54  5",
            " c visits   7 -2 10  2    5  4 10  5   18 54  0 25",
            " d ok       1  4  2 10    2  4  5 10   10  5 25  0",
            "",
            " correlation x10 (-10..10)   difference x100 (0..100)",
            " numeric pairs: Pearson's r; other pairs: Cramer's V (0..1)",
            "? help  f fidelity  ^S save  : cmd  Esc back",
        ])
        expectScreen(screen.lines("privacy"), [
            " cities.csv | 40 rows | 5 columns | fidelity | seed 42",
            " d ok       1  4  2 10    2  4  5 10   10  5 25  0",
            "",
            " correlation x10 (-10..10)   difference x100 (0..100)",
            " numeric pairs: Pearson's r; other pairs: Cramer's V (0..1)",
            "",
            " Pairs whose correlation differs most, real vs synthetic",
            " pair             real  synthetic  difference",
            " temp x visits   -0.17       0.36        0.54",
            " visits x ok      0.24       0.49        0.25",
            " city x visits    0.68       0.50        0.18",
            " city x ok        0.10       0.20        0.10",
            " temp x ok        0.36       0.41        0.05",
            " city x temp      0.51       0.46        0.05",
            "",
            " Rules: none hold in the real data",
            "",
            " Privacy",
            " Exact copies of real rows: 0 of 40 rows (0.0%)",
            " DCR share 0.400 +/- 0.110 (20 rows each): too few holdout rows for a verdict ~",
            " Copy rate 0.0% vs holdout 0.0%: synthetic rows copy training rows no more oft~",
            " DCR baseline protection    [##################################........]  0.811",
            " DCR overfitting protection [##########################################]  1.000",
            "? help  f fidelity  ^S save  : cmd  Esc back",
        ])
        #expect(app.finalState?.fidelity.privacy?.dcrOverfittingProtection != nil)
    }

    @Test func theDemoDataIsWrittenBesideItsSessionSoThatItReplays() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let steps: [InMemoryScreen.Step] = [.capture("demo"), .key(.control("s")), .capture("prompt")]
            + [.key(.backspace)] + Array(repeating: .key(.backspace), count: 30) + InMemoryScreen.Step.type("demo.doppel.yaml")
            + [.key(.enter), .key(.character("q"))]
        let (screen, app) = try WorkbenchFixtures.run(.demo, in: dir, steps: steps, ascii: true)
        #expect(screen.lines("demo")[0].hasPrefix(" penguins.csv (demo) | 344 rows | 8 columns"))
        #expect(screen.lines("prompt").last == "save session as: penguins.doppel.yaml_")
        #expect(FileManager.default.contents(atPath: dir + "/penguins.csv") == Data(DemoDataset.csv.utf8))
        let file = try SessionFile.load(dir + "/demo.doppel.yaml")
        #expect(file.session.source?.path == "penguins.csv")
        let prepared = try SessionRunner.prepare(file, environment: [:], allowChangedSource: false)
        #expect(prepared.plan.outputOrder.count == 8)
        #expect(app.finalState?.document?.dataPath == dir + "/penguins.csv")
    }

    @Test func oOpensAnotherFileAskingFirstWhenThereAreUnsavedChanges() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        _ = try WorkbenchFixtures.writeCities(in: dir, rows: 12, name: "small.csv")
        let steps: [InMemoryScreen.Step] = [.key(.character("r")), .key(.character("o"))] + InMemoryScreen.Step.type("small.csv")
            + [.key(.enter), .capture("asked"), .key(.character("y")), .capture("opened")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: true)
        #expect(screen.lines("asked").last == "Unsaved changes will be lost. Open anyway? y open, n stay")
        #expect(screen.lines("opened")[0].hasPrefix(" small.csv | 12 rows | 5 columns"))
        #expect(app.finalState?.document?.table.rowCount == 12)
        #expect(app.finalState?.history.undo.isEmpty == true)
    }

    @Test func savingOverAnotherFileAsksFirst() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        try "keep me\n".write(toFile: dir + "/cities.doppel.yaml", atomically: true, encoding: .utf8)
        let steps: [InMemoryScreen.Step] = [.key(.character("r")), .key(.control("s")), .key(.enter), .capture("asked"),
                                            .key(.character("n")), .capture("kept"), .key(.control("s")), .key(.enter),
                                            .key(.character("y")), .capture("replaced"), .key(.character("q"))]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: true)
        #expect(screen.lines("asked").last == "cities.doppel.yaml exists. Replace it? y replace, n keep it")
        #expect(screen.lines("kept")[0].contains("(modified)"))
        #expect(screen.lines("replaced").last?.hasPrefix("saved cities.doppel.yaml") == true)
        #expect(try SessionFile.load(dir + "/cities.doppel.yaml").session.plan.seed == app.finalState?.document?.plan.seed)
    }

    @Test func sessionPathsAndAutosaveNames() {
        #expect(RelativePath.of("/a/b/data.csv", from: "/a/b") == "data.csv")
        #expect(RelativePath.of("/a/b/data/x.csv", from: "/a/b/sessions") == "../data/x.csv")
        #expect(RelativePath.of("/a/b/./c/../d.csv", from: "/a/b/") == "d.csv")
        #expect(AutosavePath.beside(session: "/w/data.doppel.yaml") == "/w/.data.doppel.autosave")
        #expect(AutosavePath.beside(session: "/w/run.yaml") == "/w/.run.doppel.autosave")
        #expect(AutosavePath.beside(session: "plain.json") == "./.plain.doppel.autosave")
    }

    @Test func palettesColourMonochromeAndASCII() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        for (ascii, color) in [(false, true), (false, false), (true, false)] {
            var options = WorkbenchApp.Options()
            options.settleBeforeInput = true
            options.newSessionSeed = 42
            options.currentDirectory = dir
            options.pollMilliseconds = 0
            let app = try WorkbenchApp(launch: WorkbenchLaunch(target: .data(path: csv), ascii: ascii, color: color), options: options)
            let screen = InMemoryScreen(width: 80, height: 24, script: [.key(.character("i"))])
            _ = try app.run(on: screen)
            let frame = try #require(screen.frames.last)
            let colours = Set(frame.cells.flatMap { [$0.style.foreground, $0.style.background] }).subtracting([.default])
            let nonASCII = frame.cells.contains { !$0.symbol.allSatisfy(\.isASCII) }
            #expect(!colours.isEmpty == color, "ascii \(ascii) color \(color)")
            #expect(nonASCII == !ascii, "ascii \(ascii) color \(color)")
            // The cursor cell stands out in every palette.
            #expect(frame.cells.contains { $0.style.modifiers.contains(.reverse) })
        }
    }
}

@Suite struct WorkbenchLoadErrorTests {
    @Test func aFileThatCannotBeOpenedIsExplainedAndQQuits() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        try "format: 1\nplan:\n  columns: []\nrun: {seed: 1}\nsurprise: true\n".write(toFile: dir + "/bad.doppel.yaml", atomically: true, encoding: .utf8)
        let (screen, app) = try WorkbenchFixtures.run(.session(path: "bad.doppel.yaml"), in: dir, width: 60, height: 8,
                                                      steps: [.capture("failed"), .key(.character("q"))], ascii: true)
        expectScreen(screen.lines("failed"), [
            " doppel: could not open",
            "",
            " bad.doppel.yaml:5: key 'surprise': unknown key; allowed",
            " here: format, doppel_version, source, plan, run, require,",
            " model, view, tables, relationships",
            "",
            "",
            " q quits",
        ])
        #expect(app.finalState?.exitRequested == true)
        #expect(screen.eventsRead == 1)
    }
}

/// A file past the memory budget opens as a window on its first rows and streams in the background.
@Suite("Workbench: a window on a file too large to load")
struct WorkbenchWindowTests {
    @Test func largeFileOpensOnItsFirstRowsThenProfilesEveryRow() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir, rows: 2000)
        var options = WorkbenchApp.Options()
        options.settleBeforeInput = true
        options.newSessionSeed = 42
        options.chooseJointModel = false
        options.currentDirectory = dir
        options.pollMilliseconds = 0
        var launch = WorkbenchLaunch(target: .data(path: csv), ascii: true, color: false)
        launch.memoryBudget = 1024
        launch.windowBytes = 8192
        launch.reservoirRows = 700
        let app = try WorkbenchApp(launch: launch, options: options)
        let screen = InMemoryScreen(width: 120, height: 24, script: [.capture("open"), .key(.control("s")), .key(.enter), .key(.character("q"))])
        _ = try app.run(on: screen)
        let document = try #require(app.finalState?.document)
        let window = try #require(document.window)
        // The rows of the first 8 KB, cut after the last whole record.
        let head = try #require(FileManager.default.contents(atPath: csv)).prefix(8192)
        #expect(window.rowsShown == head.filter { $0 == UInt8(ascii: "\n") }.count - 1)
        #expect(document.table.rowCount == window.rowsShown)
        #expect(window.fileRows == 2000)
        #expect(screen.lines("open")[0].contains("window: first \(window.rowsShown) of 2,000 rows"), "\(screen.lines("open")[0])")
        // The column panels show every row: visits' profile counts 2,000 values.
        #expect(document.profile(named: "visits")?.count == 2000)
        #expect(document.profile(named: "city")?.topCategories.map(\.count) == [500, 500, 500, 500])
        // The session saved from the window streams the whole file when run.
        let saved = try SessionFile.load(dir + "/cities.doppel.yaml").session
        #expect(saved.source?.rows == 2000)
        #expect(saved.source?.streamed == Session.Streamed(reservoirRows: 700))
    }

    @Test func statusLineSaysTheGridIsAWindow() {
        var window = FileWindow(fileBytes: 10 << 30, rowsShown: 703_744)
        let palette = Palette.monochrome
        window.streamedBytes = 3 << 30 + 1 << 29
        #expect(StatusBar.windowText(window, palette: palette) == "window: first 703,744 rows · profiling 35%…")
        window.fileBytes = nil
        #expect(StatusBar.windowText(window, palette: palette) == "window: first 703,744 rows · profiling 3.5 GB…")
        window.fileRows = 215_760_000
        #expect(StatusBar.windowText(window, palette: palette) == "window: first 703,744 of 215,760,000 rows")
        window.fileRows = nil
        window.failure = "read failed"
        #expect(StatusBar.windowText(window, palette: palette) == "window: first 703,744 rows (streaming failed)")
    }
}
