import Foundation
import Synthesis
import Tabular
import Testing
import TerminalUI
@testable import Workbench

/// Issue 7, inspecting and editing a column: the panel, the strategy picker, the parameter form,
/// kinds, undo and redo.
@Suite struct WorkbenchEditTests {
    @Test func inspectPanelShowsProfileChartScoreAndHints() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("l")), .key(.enter), .capture("temp"),
                                            .key(.character("h")), .capture("city")]
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: true)
        expectScreen(screen.lines("temp"), [
            " cities.csv | 40 rows | 5 columns | real rows | seed 42           col 3/5 row 1",
            "   id         |city           |temp   |visits        |ok          |",
            "   id sequence|cat categorical|dec kde|int parametric|bool boolean|",
            " 1 C001       |??             |   10.0|             0|yes         |",
            " 2 C002       |Zurich         |   13.7|            13|no          |",
            " 3 C003       |Lima           |   17.4|            26|no          |",
            " 4 C004       |Oslo           |.      |            39|yes         |",
            " 5 C005       |??             |   24.8|             2|no          |",
            " 6 C006       |Zurich         |   28.5|            15|no          |",
            " 7 C007       |Lima           |   12.2|            28|yes         |",
            "- temp | decimal | kde | fidelity 0.779 ----------------------------------------",
            " nulls 6 (15.0%)  distinct 34  rows 40",
            " range 10.00 to 29.90  mean 19.73  sd 5.99",
            " temp  (nulls: real 15.0%, synthetic 10.0%)                 # real  - synthetic",
            "  13.9% +                           ------         ---",
            "        |         ---                           ---         ---",
            "        |      ---      ###",
            "        |###   ############   ###   ###   ###   ######   ###   ######",
            "        |###   ############   ###---###   ###   ######   ###   ######",
            "        |###############---###---#########------#####################",
            "     0% +------------------------------------------------------------",
            "         10                                                      29.9",
            " hint: 2 combinations unique in the real data reappear (city, temp, visits, ok)",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save",
        ])
        expectScreen(screen.lines("city"), [
            " cities.csv | 40 rows | 5 columns | real rows | seed 42           col 2/5 row 1",
            "   id         |city           |temp   |visits        |ok          |",
            "   id sequence|cat categorical|dec kde|int parametric|bool boolean|",
            " 1 C001       |??             |   10.0|             0|yes         |",
            " 2 C002       |Zurich         |   13.7|            13|no          |",
            " 3 C003       |Lima           |   17.4|            26|no          |",
            " 4 C004       |Oslo           |.      |            39|yes         |",
            " 5 C005       |??             |   24.8|             2|no          |",
            " 6 C006       |Zurich         |   28.5|            15|no          |",
            " 7 C007       |Lima           |   12.2|            28|yes         |",
            "- city | categorical | categorical | fidelity 0.975 ----------------------------",
            " nulls 0 (0.0%)  distinct 4  rows 40",
            " top ?? 25.0%, Zurich 25.0%, Lima 25.0%, Oslo 25.0%",
            " city                                                       # real  = synthetic",
            " Lima   ##########################################################        25.0%",
            "        ================================================================  27.5%",
            " Zurich ##########################################################        25.0%",
            "        ==========================================================        25.0%",
            " ??     ##########################################################        25.0%",
            "        ==========================================================        25.0%",
            " Oslo   ##########################################################        25.0%",
            "        ====================================================              22.5%",
            " hint: 2 combinations unique in the real data reappear (city, temp, visits, ok)",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save",
        ])
    }

    @Test func strategyPickerListsTheKindsStrategiesAndApplies() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("l")), .key(.character("s")), .capture("picker"),
                                            .key(.character("g")), .key(.enter), .capture("applied")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: true)
        expectScreen(screen.lines("picker"), [
            " cities.csv | 40 rows | 5 columns | real rows | seed 42           col 3/5 row 1",
            "  +- strategy for temp (decimal) --------------------------------------------+",
            "  |   empirical   Resample observed values (every value is a real one)       |",
            " 1|   histogram   Equal-width histogram, uniform within each bin             |",
            " 2|   parametric  A fitted distribution family (normal, gamma, Poisson...);~ |",
            " 3| * kde         Gaussian kernel density estimate: real values smoothed by~ |",
            " 4|   sequence    start, start+step, ... (unique keys by row number)         |",
            " 5|   constant    One value in every row (default: the most common real val~ |",
            " 6|   uniform     Uniform between min and max (default: the real range)      |",
            " 7|   choice      Pick from your own list of values, with optional weights   |",
            " 8|   keep        Keep the real column, row-aligned                          |",
            " 9|   shuffle     Permute the real values (breaks links to other columns)    |",
            "10|   perturb     Real values plus Gaussian or Laplace noise                 |",
            "11|   hash        Keyed pseudonym of each real value (HMAC-SHA256, hex), ro~ |",
            "12|   drop        Leave the column out of the output                         |",
            "13|   formula     Computed from other columns of the row, e.g. price * quan~ |",
            "14|   lookup      The value the real data pairs with other columns' values ~ |",
            "15|                                                                          |",
            "16|                                                                          |",
            "17| Gaussian kernel density estimate: real values smoothed by a normal       |",
            "18| kernel                                                                   |",
            "19| statistical; its model keeps: values                                     |",
            "20+--------------------------------------------------------------------------+",
            "Enter ok  Esc back",
        ])
        expectScreen(Array(screen.lines("applied").prefix(3)), [
            " cities.csv (modified) | 40 rows | 5 columns | real rows | seed ~ col 3/5 row 1",
            "   id         |city           |temp         |visits        |ok          |",
            "   id sequence|cat categorical|dec empirical|int parametric|bool boolean|",
        ])
        #expect(screen.lines("applied").last?.hasPrefix("temp: strategy empirical") == true)
        let state = try #require(app.finalState)
        #expect(state.document?.plan.column(named: "temp")?.strategy == "empirical")
        #expect(state.document?.plan.column(named: "temp")?.parameters.isEmpty == true)
        // Every strategy offered supports the column's kind.
        let offered = StrategyRegistry.strategies(for: .decimal).map { $0.descriptor.id }
        #expect(offered.first == "empirical" && offered.contains("kde") && !offered.contains("boolean"))
    }

    @Test func parameterFormValidatesAsYouTypeAndApplies() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        // temp uses kde: bandwidth is a word (scott, silverman) or a number of at least 0.
        let steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("l")), .key(.character("p"))]
            + InMemoryScreen.Step.type("-2") + [.capture("invalid"), .key(.enter), .capture("refused"),
                                                .key(.backspace), .key(.backspace)] + InMemoryScreen.Step.type("0.5")
            + [.key(.down), .key(.down), .key(.down), .key(.right), .capture("valid"), .key(.enter), .capture("applied")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: true)
        expectScreen(screen.lines("invalid"), [
            " cities.csv | 40 rows | 5 columns | real rows | seed 42           col 3/5 row 1",
            "   id         |city           |temp   |visits        |ok          |",
            "   id sequence|cat categorical|dec kde|int parametric|bool boolean|",
            " 1 C001       |??             |   10.0|             0|yes         |",
            " 2 C002       |Zurich         |   13.7|            13|no          |",
            " 3+- parameters of kde for temp ---------------------------------------------+",
            " 4| > bandwidth -2_                                                          |",
            " 5|             expected one of scott, silverman, or a number of at least 0  |",
            " 6|   null_rate auto               default                                   |",
            " 7|   edge_rate 0                  default                                   |",
            " 8|   clip      < true >           default                                   |",
            " 9|   extreme_k 5                  default                                   |",
            "10|   round     < true >           default                                   |",
            "11|                                                                          |",
            "12| Kernel width: scott or silverman (rules of thumb, as scipy's             |",
            "13| gaussian_kde), or the kernel's standard deviation in the column's units  |",
            "14| allowed: one of scott, silverman, or a number of at least 0              |",
            "15+--------------------------------------------------------------------------+",
            "16 C016       |Oslo           |   25.5|            45|yes         |",
            "17 C017       |??             |   29.2|             8|no          |",
            "18 C018       |Zurich         |.      |            21|no          |",
            "19 C019       |Lima           |   16.6|            34|yes         |",
            "20 C020       |Oslo           |   20.3|            47|no          |",
            "Enter ok  Right change  Esc back",
        ])
        #expect(screen.lines("refused").last?.hasPrefix("bandwidth: expected one of scott, silverman, or a number of at least 0") == true)
        expectScreen(screen.lines("valid"), [
            " cities.csv | 40 rows | 5 columns | real rows | seed 42           col 3/5 row 1",
            "   id         |city           |temp   |visits        |ok          |",
            "   id sequence|cat categorical|dec kde|int parametric|bool boolean|",
            " 1 C001       |??             |   10.0|             0|yes         |",
            " 2 C002       |Zurich         |   13.7|            13|no          |",
            " 3 C003       |Lima           |   17.4|            26|no          |",
            " 4+- parameters of kde for temp ---------------------------------------------+",
            " 5|   bandwidth 0.5                                                          |",
            " 6|   null_rate auto               default                                   |",
            " 7|   edge_rate 0                  default                                   |",
            " 8| > clip      < false >                                                    |",
            " 9|   extreme_k 5                  default                                   |",
            "10|   round     < true >           default                                   |",
            "11|                                                                          |",
            "12| Keep values inside the real column's range (see extreme_k)               |",
            "13| allowed: true or false                                                   |",
            "14+--------------------------------------------------------------------------+",
            "15 C015       |Lima           |   21.8|            32|no          |",
            "16 C016       |Oslo           |   25.5|            45|yes         |",
            "17 C017       |??             |   29.2|             8|no          |",
            "18 C018       |Zurich         |.      |            21|no          |",
            "19 C019       |Lima           |   16.6|            34|yes         |",
            "20 C020       |Oslo           |   20.3|            47|no          |",
            "Enter ok  Right change  Esc back",
        ])
        let plan = try #require(app.finalState?.document?.plan)
        #expect(plan.column(named: "temp")?.parameters == Parameters(["bandwidth": 0.5, "clip": false]))
        #expect(screen.lines("applied").last?.hasPrefix("temp: parameters") == true)
    }

    @Test func kindOverrideKeepsOrReplacesTheStrategy() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        // visits (integer, parametric) becomes categorical: parametric does not support it, so the
        // planner's default for categorical columns takes over.
        let steps: [InMemoryScreen.Step] = [.key(.character("c"))] + InMemoryScreen.Step.type("visits")
            + [.key(.enter), .key(.character("t")), .capture("kinds"), .key(.down), .key(.down), .key(.down), .key(.enter), .capture("changed")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: true)
        expectScreen(screen.lines("kinds"), [
            " cities.csv | 40 rows | 5 columns | real rows | seed 42           col 4/5 row 1",
            "   id         |city           |temp   |visits        |ok          |",
            "   id sequence|cat categorical|dec kde|int parametric|bool boolean|",
            " 1 C001       |??   +- kind of visits ---------------------+      |",
            " 2 C002       |Zuric| * integer                            |      |",
            " 3 C003       |Lima |   decimal                            |      |",
            " 4 C004       |Oslo |   boolean                            |      |",
            " 5 C005       |??   |   categorical                        |      |",
            " 6 C006       |Zuric|   datetime                           |      |",
            " 7 C007       |Lima |   identifier                         |      |",
            " 8 C008       |Oslo |   text                               |      |",
            " 9 C009       |??   |   code                               |      |",
            "10 C010       |Zuric|   email                              |      |",
            "11 C011       |Lima |   phone                              |      |",
            "12 C012       |Oslo |   url                                |      |",
            "13 C013       |??   |   ip                                 |      |",
            "14 C014       |Zuric|   uuid                               |      |",
            "15 C015       |Lima |   name                               |      |",
            "16 C016       |Oslo |                                      |      |",
            "17 C017       |??   +--------------------------------------+      |",
            "18 C018       |Zurich         |.      |            21|no          |",
            "19 C019       |Lima           |   16.6|            34|yes         |",
            "20 C020       |Oslo           |   20.3|            47|no          |",
            "Enter ok  Esc back",
        ])
        let column = try #require(app.finalState?.document?.plan.column(named: "visits"))
        #expect(column.kind == .categorical)
        #expect(column.strategy == "categorical")
        #expect(screen.lines("changed")[2].contains("cat categorical"))
    }

    @Test func aKindThatDoesNotFitTheDataIsRefused() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        // city holds text: as an integer column every numeric strategy would fail in the
        // preview, so `t` refuses the kind, saying why, and the plan stays as it was.
        let integer = try #require(ColumnKind.allCases.firstIndex(of: .integer))
        let steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("t")), .key(.character("g"))]
            + Array(repeating: .key(.down), count: integer) + [.key(.enter), .capture("refused")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 100, steps: steps, ascii: true)
        #expect(screen.lines("refused").suffix(2).joined(separator: " ").contains(
            "city: kind integer reads numbers, but the column holds text (e.g. '"))
        #expect(app.finalState?.document?.plan.column(named: "city")?.kind == .categorical)
        #expect(app.finalState?.document?.isDirty == false)
    }

    @Test func undoAndRedoEveryEdit() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("s")), .key(.character("g")), .key(.enter),
                                            .key(.character("r")), .key(.character("u")), .capture("undoSeed"),
                                            .key(.character("u")), .capture("undoStrategy"), .key(.character("u")), .capture("nothing"),
                                            .key(.control("r")), .key(.control("r")), .capture("redone")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 100, steps: steps, ascii: true)
        #expect(screen.lines("undoSeed")[0].contains("seed 42"))
        #expect(screen.lines("undoSeed")[2].contains("cat empirical"))
        #expect(screen.lines("undoStrategy")[2].contains("cat categorical"))
        #expect(!screen.lines("undoStrategy")[0].contains("modified"))
        #expect(screen.lines("nothing").last?.hasPrefix("nothing to undo") == true)
        let state = try #require(app.finalState)
        #expect(state.document?.plan.column(named: "city")?.strategy == "empirical")
        #expect(state.document?.plan.seed != 42)
        #expect(screen.lines("redone")[0].contains("modified"))
    }

    @Test func helpListsEveryBindingOfTheCommandTable() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: [.key(.character("?")), .capture("help")], ascii: true)
        expectScreen(screen.lines("help"), [
            " cities.csv | 40 rows | 5 columns | real rows | seed 42           col 1/5 row 1",
            " Keys (: runs any command by name; w FILE saves as, e FILE opens, q! quits)",
            "",
            " Marks in the grid's header",
            "   int kde    the column's kind, then its strategy (what draws its values)",
            "   !          the preview failed at this column (the column panel, Enter, says",
            "     why)",
            "   J          in the joint group, drawn with its other columns so relations",
            "     survive (J makes one, a gaussian_copula; M switches its model)",
            "",
            " Data grid",
            "   Left h          left           Previous column (previous choice in a form)",
            "   Right l         right          Next column",
            "   Up k            up             Previous row, item or field",
            "   Down j          down           Next row, item or field",
            "   PgUp ^B         page-up        One screen up",
            "   PgDn ^F Space   page-down      One screen down",
            "   Home g          top            First row",
            "   End G           bottom         Last row",
            "   0               first-column   First column",
            "   $               last-column    Last column",
            "   c               find-column    Jump to a column by name",
            "   /               search         Search the current column's values for text",
            "Esc back",
        ])
        let all = HelpView.lines(ascii: true).joined(separator: "\n")
        for binding in CommandTable.bindings {
            let keys = binding.keyLabels(ascii: true).joined(separator: " ")
            #expect(all.contains(keys + String(repeating: " ", count: max(1, 16 - keys.count)) + binding.name), "\(binding.name) missing")
        }
    }

    @Test func paletteRunsCommandsByName() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character(":"))] + InMemoryScreen.Step.type("re") + [.capture("matches"), .key(.enter),
                                            .key(.character(":"))] + InMemoryScreen.Step.type("w mine.doppel.yaml") + [.key(.enter), .capture("saved")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: true)
        expectScreen(Array(screen.lines("matches").suffix(6)), [
            " search        /         Search the current column's values for text (ignoring",
            "                         case)",
            " previous-match N         Previous row matching the search",
            " inspect       Enter i   Show or hide the column panel: profile, real vs",
            "                         synthetic chart, score, hints",
            ":re_",
        ])
        #expect(app.finalState?.document?.plan.seed != 42)
        #expect(FileManager.default.fileExists(atPath: dir + "/mine.doppel.yaml"))
        #expect(screen.lines("saved").last?.hasPrefix("saved mine.doppel.yaml") == true)
    }

    @Test func everyKeyResolvesThroughTheTable() {
        // No key is bound twice on one screen, and text screens never take printable keys as commands.
        for screen in WorkbenchScreen.allCases {
            var seen: [[Key?]: String] = [:]
            for binding in CommandTable.bindings where binding.screens.contains(screen) {
                for key in binding.keys {
                    let keys: [Key?] = [binding.prefix, key]
                    #expect(seen[keys] == nil, "\(key) bound to \(seen[keys] ?? "") and \(binding.name) on \(screen)")
                    seen[keys] = binding.name
                }
                // A prefix key does nothing on its own.
                if let prefix = binding.prefix { #expect(CommandTable.command(for: prefix, on: screen) == nil) }
            }
        }
        #expect(CommandTable.command(for: .character("q"), on: .prompt) == nil)
        #expect(CommandTable.command(for: .character("q"), on: .grid) == .quit)
        #expect(CommandTable.command(for: .escape, on: .prompt) == .close)
        #expect(CommandTable.command(for: .control("s"), on: .grid) == .save)
        #expect(CommandTable.command(for: .character("_"), on: .grid) == .fitColumnWidth)
        #expect(CommandTable.command(for: .character("_"), after: .character("z"), on: .grid) == .setColumnWidth)
        #expect(CommandTable.isPrefix(.character("z"), on: .grid))
        #expect(!CommandTable.isPrefix(.character("z"), on: .prompt))
    }
}
