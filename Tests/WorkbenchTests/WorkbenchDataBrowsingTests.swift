import Foundation
import Session
import Synthesis
import Tabular
import Testing
import TerminalUI
@testable import Workbench

/// Issue 15 §4, browsing the data as VisiData does: frequency table (`F`), describe sheet (`I`),
/// sort (`[` `]`), formula filter (`|`, `:filter`), value search (`/`, `n`, `N`), compact
/// headers (`b`) and Ctrl-Z. None of it changes the data or the plan.
@Suite struct WorkbenchDataBrowsingTests {
    @Test func shiftFCountsACategoryRealAndSyntheticAndEnterFiltersToALevel() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("F")), .capture("frequency"),
                                            .key(.character("j")), .key(.character("j")), .key(.enter), .capture("filtered"),
                                            .key(.character("F")), .capture("again"), .key(.escape), .capture("back")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, height: 12, steps: steps, ascii: false)
        expectScreen(screen.lines("frequency"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 2/5 row 1",
            " Frequency of city: 4 values",
            " value  │ real (40)                         │ synthetic (40)",
            " Lima   │    10  25.0% ██████████████████▏  │    11  27.5% ████████████████████",
            " 東京   │    10  25.0% ██████████████████▏  │    10  25.0% ██████████████████▏",
            " Zürich │    10  25.0% ██████████████████▏  │    10  25.0% ██████████████████▏",
            " Oslo   │    10  25.0% ██████████████████▏  │     9  22.5% ████████████████▍",
            "",
            "",
            "",
            "",
            "Enter filter  Esc back",
        ])
        expectScreen(screen.lines("filtered"), [
            " cities.csv · 10 of 40 rows · filter: city = Zürich · 5 columns … col 2/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 2 C002       │Zürich         │   13.7│            13│no          │",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            "10 C010       │Zürich         │   23.3│            17│yes         │",
            "14 C014       │Zürich         │   18.1│            19│no          │",
            "18 C018       │Zürich         │·      │            21│no          │",
            "22 C022       │Zürich         │   27.7│            23│yes         │",
            "26 C026       │Zürich         │   22.5│            25│no          │",
            "30 C030       │Zürich         │   17.3│            27│no          │",
            "filter: city = Zürich (10 of 40 rows)  ? help  s strategy  p params",
        ])
        expectScreen(screen.lines("again"), [
            " cities.csv · 10 of 40 rows · filter: city = Zürich · 5 columns … col 2/5 row 1",
            " Frequency of city: 1 value · filter: city = Zürich",
            " value  │ real (10)                         │ synthetic (10)",
            " Zürich │    10 100.0% ████████████████████ │    10 100.0% ████████████████████",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "Enter filter  Esc back",
        ])
        expectScreen(screen.lines("back"), [
            " cities.csv · 10 of 40 rows · filter: city = Zürich · 5 columns … col 2/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 2 C002       │Zürich         │   13.7│            13│no          │",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            "10 C010       │Zürich         │   23.3│            17│yes         │",
            "14 C014       │Zürich         │   18.1│            19│no          │",
            "18 C018       │Zürich         │·      │            21│no          │",
            "22 C022       │Zürich         │   27.7│            23│yes         │",
            "26 C026       │Zürich         │   22.5│            25│no          │",
            "30 C030       │Zürich         │   17.3│            27│no          │",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save",
        ])
        let state = try #require(app.finalState)
        #expect(state.document?.isDirty == false)
    }

    @Test func shiftIDescribesEveryColumnRealAndSynthetic() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("I")), .capture("describe"), .key(.character("j")), .capture("moved"),
                                            .key(.enter), .capture("back")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, height: 14, steps: steps, ascii: false)
        expectScreen(screen.lines("describe"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 1/5 row 1",
            " Describe: 5 columns, real and synthetic",
            " column     side  nulls distinct     min     max    mean  median      sd mode",
            " id         real      0       40                                         C001",
            "   id       syn       0       40                                         C001",
            " city       real      0        4                                         東京",
            "   cat      syn       0        4                                         Lima",
            " temp       real      6       34    10.0    29.9   19.73   19.55   5.994 10.0",
            "   dec      syn       4       31    12.3    27.7   20.32   20.55   4.654 12.8",
            " visits     real      0       40       0      49    23.5      24   14.82 0",
            "   int      syn       0       22       4      42   27.73    29.5   11.66 29",
            " ok         real      0        2                    0.35                 no",
            "   bool     syn       0        2                   0.425                 no",
            "Enter go to  Esc back",
        ])
        expectScreen(screen.lines("moved"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 1/5 row 1",
            " Describe: 5 columns, real and synthetic",
            " column     side  nulls distinct     min     max    mean  median      sd mode",
            " id         real      0       40                                         C001",
            "   id       syn       0       40                                         C001",
            " city       real      0        4                                         東京",
            "   cat      syn       0        4                                         Lima",
            " temp       real      6       34    10.0    29.9   19.73   19.55   5.994 10.0",
            "   dec      syn       4       31    12.3    27.7   20.32   20.55   4.654 12.8",
            " visits     real      0       40       0      49    23.5      24   14.82 0",
            "   int      syn       0       22       4      42   27.73    29.5   11.66 29",
            " ok         real      0        2                    0.35                 no",
            "   bool     syn       0        2                   0.425                 no",
            "Enter go to  Esc back",
        ])
        expectScreen(screen.lines("back"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 2/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 1 C001       │東京           │   10.0│             0│yes         │",
            " 2 C002       │Zürich         │   13.7│            13│no          │",
            " 3 C003       │Lima           │   17.4│            26│no          │",
            " 4 C004       │Oslo           │·      │            39│yes         │",
            " 5 C005       │東京           │   24.8│             2│no          │",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            " 7 C007       │Lima           │   12.2│            28│yes         │",
            " 8 C008       │Oslo           │   15.9│            41│no          │",
            " 9 C009       │東京           │   19.6│             4│no          │",
            "10 C010       │Zürich         │   23.3│            17│yes         │",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save",
        ])
        // `j` highlighted city's two lines (reversed), then Enter went to that column in the grid.
        let moved = try #require(screen.captures["moved"])
        func reversed(_ y: Int) -> Bool { moved.cells[y * moved.area.width + 2].style.modifiers.contains(.reverse) }
        #expect(!reversed(3) && !reversed(4) && reversed(5) && reversed(6) && !reversed(7))
        #expect(app.finalState?.grid.cursorColumn == 1)
    }

    @Test func bracketsSortByTheColumnAndAgainGoBackToFileOrder() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("l")), .key(.character("[")), .capture("ascending"),
                                            .key(.character("]")), .capture("descending"), .key(.character("]")), .capture("unsorted")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, height: 10, steps: steps, ascii: false)
        expectScreen(screen.lines("ascending"), [
            " cities.csv · 40 rows · sorted by temp ↑ · 5 columns · real rows… col 3/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 1 C001       │東京           │   10.0│             0│yes         │",
            "12 C012       │Oslo           │   10.7│            43│no          │",
            "23 C023       │Lima           │   11.4│            36│no          │",
            "34 C034       │Zürich         │   12.1│            29│yes         │",
            " 7 C007       │Lima           │   12.2│            28│yes         │",
            "29 C029       │東京           │   13.6│            14│no          │",
            "sorted by temp, ascending  ? help  s strategy  p params  Enter inspect  Tab view",
        ])
        expectScreen(screen.lines("descending"), [
            " cities.csv · 40 rows · sorted by temp ↓ · 5 columns · real rows… col 3/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            "28 C028       │Oslo           │   29.9│             1│yes         │",
            "17 C017       │東京           │   29.2│             8│no          │",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            "33 C033       │東京           │   28.4│            16│no          │",
            "22 C022       │Zürich         │   27.7│            23│yes         │",
            "38 C038       │Zürich         │   26.9│            31│no          │",
            "sorted by temp, descending  ? help  s strategy  p params  Enter inspect",
        ])
        expectScreen(screen.lines("unsorted"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 3/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 1 C001       │東京           │   10.0│             0│yes         │",
            " 2 C002       │Zürich         │   13.7│            13│no          │",
            " 3 C003       │Lima           │   17.4│            26│no          │",
            " 4 C004       │Oslo           │·      │            39│yes         │",
            " 5 C005       │東京           │   24.8│             2│no          │",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            "rows in file order  ? help  s strategy  p params  Enter inspect  Tab view",
        ])
        #expect(app.finalState?.document?.isDirty == false)
        #expect(app.finalState?.history.undo.isEmpty == true)
    }

    @Test func aFormulaFiltersTheRowsAndABadOneSaysWhyWithoutChangingAnything() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("|"))] + InMemoryScreen.Step.type("temp > 25 and city != \"Lima\"")
            + [.capture("typing"), .key(.enter), .capture("filtered"), .key(.character(":"))] + InMemoryScreen.Step.type("filter temp >")
            + [.key(.enter), .capture("bad"), .key(.character("|")), .capture("reopened"), .key(.escape), .key(.character(":"))]
            + InMemoryScreen.Step.type("filter city") + [.key(.enter), .capture("notBoolean"), .key(.character(":"))]
            + InMemoryScreen.Step.type("filter") + [.key(.enter), .capture("cleared")]
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, height: 10, steps: steps, ascii: false)
        expectScreen(screen.lines("typing"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 1/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 1 C001       │東京           │   10.0│             0│yes         │",
            " 2 C002       │Zürich         │   13.7│            13│no          │",
            " 3 C003       │Lima           │   17.4│            26│no          │",
            " 4 C004       │Oslo           │·      │            39│yes         │",
            " 5 C005       │東京           │   24.8│             2│no          │",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            "filter (formula, empty for all rows): temp > 25 and city != \"Lima\"▏",
        ])
        expectScreen(screen.lines("filtered"), [
            " cities.csv · 7 of 40 rows · filter: temp > 25 and city != \"Lima… col 1/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            "16 C016       │Oslo           │   25.5│            45│yes         │",
            "17 C017       │東京           │   29.2│             8│no          │",
            "22 C022       │Zürich         │   27.7│            23│yes         │",
            "28 C028       │Oslo           │   29.9│             1│yes         │",
            "33 C033       │東京           │   28.4│            16│no          │",
            "filter: temp > 25 and city != \"Lima\" (7 of 40 rows)  ? help  s strategy",
        ])
        expectScreen(screen.lines("bad"), [
            " cities.csv · 7 of 40 rows · filter: temp > 25 and city != \"Lima… col 1/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            "16 C016       │Oslo           │   25.5│            45│yes         │",
            "17 C017       │東京           │   29.2│             8│no          │",
            "22 C022       │Zürich         │   27.7│            23│yes         │",
            "28 C028       │Oslo           │   29.9│             1│yes         │",
            "filter not applied: formula 'temp >': expected an expression, found end of",
            "formula at 7",
        ])
        expectScreen(screen.lines("reopened"), [
            " cities.csv · 7 of 40 rows · filter: temp > 25 and city != \"Lima… col 1/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            "16 C016       │Oslo           │   25.5│            45│yes         │",
            "17 C017       │東京           │   29.2│             8│no          │",
            "22 C022       │Zürich         │   27.7│            23│yes         │",
            "28 C028       │Oslo           │   29.9│             1│yes         │",
            "33 C033       │東京           │   28.4│            16│no          │",
            "filter (formula, empty for all rows): temp > 25 and city != \"Lima\"▏",
        ])
        expectScreen(screen.lines("notBoolean"), [
            " cities.csv · 7 of 40 rows · filter: temp > 25 and city != \"Lima… col 1/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            "16 C016       │Oslo           │   25.5│            45│yes         │",
            "17 C017       │東京           │   29.2│             8│no          │",
            "22 C022       │Zürich         │   27.7│            23│yes         │",
            "28 C028       │Oslo           │   29.9│             1│yes         │",
            "filter not applied: formula 'city': a filter is true or false, this gives a text",
            "at 1",
        ])
        expectScreen(screen.lines("cleared"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 1/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 1 C001       │東京           │   10.0│             0│yes         │",
            " 2 C002       │Zürich         │   13.7│            13│no          │",
            " 3 C003       │Lima           │   17.4│            26│no          │",
            " 4 C004       │Oslo           │·      │            39│yes         │",
            " 5 C005       │東京           │   24.8│             2│no          │",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            "all rows  ? help  s strategy  p params  Enter inspect  Tab view  f fidelity",
        ])
    }

    @Test func slashSearchesTheColumnsValuesAndNMovesBetweenMatches() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("/"))] + InMemoryScreen.Step.type("li")
            + [.key(.enter), .capture("first"), .key(.character("n")), .capture("next"), .key(.character("N")),
               .key(.character("N")), .capture("wrapped"), .key(.character("/"))] + InMemoryScreen.Step.type("x")
            + [.key(.enter), .capture("none")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, height: 8, steps: steps, ascii: false)
        expectScreen(screen.lines("first"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 2/5 row 3",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 1 C001       │東京           │   10.0│             0│yes         │",
            " 2 C002       │Zürich         │   13.7│            13│no          │",
            " 3 C003       │Lima           │   17.4│            26│no          │",
            " 4 C004       │Oslo           │·      │            39│yes         │",
            "city: 'li'  ? help  s strategy  p params  Enter inspect  Tab view  f fidelity",
        ])
        expectScreen(screen.lines("next"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 2/5 row 7",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 4 C004       │Oslo           │·      │            39│yes         │",
            " 5 C005       │東京           │   24.8│             2│no          │",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            " 7 C007       │Lima           │   12.2│            28│yes         │",
            "city: 'li'  ? help  s strategy  p params  Enter inspect  Tab view  f fidelity",
        ])
        expectScreen(screen.lines("wrapped"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42          col 2/5 row 39",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            "36 C036       │Oslo           │   19.5│             5│no          │",
            "37 C037       │東京           │   23.2│            18│yes         │",
            "38 C038       │Zürich         │   26.9│            31│no          │",
            "39 C039       │Lima           │·      │            44│no          │",
            "city: 'li' (from the other end)  ? help  s strategy  p params  Enter inspect",
        ])
        expectScreen(screen.lines("none"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42          col 2/5 row 39",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            "36 C036       │Oslo           │   19.5│             5│no          │",
            "37 C037       │東京           │   23.2│            18│yes         │",
            "38 C038       │Zürich         │   26.9│            31│no          │",
            "39 C039       │Lima           │·      │            44│no          │",
            "no value of city contains 'x'  ? help  s strategy  p params  Enter inspect",
        ])
        #expect(app.finalState?.grid.cursorColumn == 1)
    }

    @Test func compactHeadersFitMoreColumns() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let (screen, _) = try WorkbenchFixtures.run(.data(path: WorkbenchFixtures.penguinsPath), in: dir, height: 6,
                                                    steps: [.capture("full"), .key(.character("b")), .capture("compact")], ascii: false)
        expectScreen(screen.lines("full"), [
            " penguins.csv · 344 rows · 8 columns · real rows · seed 42        col 1/8 row 1",
            "    species        │island         │bill_length_mm│bill_depth_mm│flipper_length…",
            "    cat categorical│cat categorical│dec kde       │dec kde      │int kde",
            "  1 Adelie         │Torgersen      │          39.1│         18.7│          181.0",
            "  2 Adelie         │Torgersen      │          39.5│         17.4│          186.0",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save",
        ])
        expectScreen(screen.lines("compact"), [
            " penguins.csv · 344 rows · 8 columns · real rows · seed 42        col 1/8 row 1",
            "    species  │island   │bill_le…│bill_de…│flipper…│body_ma…│sex   │year│",
            "    cat      │cat      │dec     │dec     │int     │int     │cat   │int │",
            "  1 Adelie   │Torgersen│    39.1│    18.7│   181.0│  3750.0│male  │2007│",
            "  2 Adelie   │Torgersen│    39.5│    17.4│   186.0│  3800.0│female│2007│",
            "compact headers (b again: full badges)  ? help  s strategy  p params",
        ])
    }

    @Test func theWheelScrollsAndAPressSelectsTheCellUnderIt() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        // x 36 is in `temp` (gutter 3, id 12, a separator, city 15, a separator: temp from x 32);
        // y 6 is the fourth data row (title and two header lines above).
        let steps: [InMemoryScreen.Step] = [.event(.mouse(.wheelDown(x: 10, y: 5))), .capture("scrolled"),
                                            .event(.mouse(.press(x: 36, y: 6))), .capture("pressed"),
                                            .event(.mouse(.wheelUp(x: 10, y: 5))), .capture("back"),
                                            .key(.character("F")), .event(.mouse(.press(x: 3, y: 5))), .key(.enter),
                                            .capture("filtered")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, height: 8, steps: steps, ascii: false)
        expectScreen(screen.lines("scrolled"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 1/5 row 4",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 4 C004       │Oslo           │·      │            39│yes         │",
            " 5 C005       │東京           │   24.8│             2│no          │",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            " 7 C007       │Lima           │   12.2│            28│yes         │",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save",
        ])
        expectScreen(screen.lines("pressed"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 3/5 row 7",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 4 C004       │Oslo           │·      │            39│yes         │",
            " 5 C005       │東京           │   24.8│             2│no          │",
            " 6 C006       │Zürich         │   28.5│            15│no          │",
            " 7 C007       │Lima           │   12.2│            28│yes         │",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save",
        ])
        expectScreen(screen.lines("back"), [
            " cities.csv · 40 rows · 5 columns · real rows · seed 42           col 3/5 row 4",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 1 C001       │東京           │   10.0│             0│yes         │",
            " 2 C002       │Zürich         │   13.7│            13│no          │",
            " 3 C003       │Lima           │   17.4│            26│no          │",
            " 4 C004       │Oslo           │·      │            39│yes         │",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save",
        ])
        expectScreen(screen.lines("filtered"), [
            " cities.csv · 1 of 40 rows · filter: temp = 24.8 · 5 columns · r… col 3/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 5 C005       │東京           │   24.8│             2│no          │",
            "",
            "",
            "",
            "filter: temp = 24.8 (1 of 40 rows)  ? help  s strategy  p params  Enter inspect",
        ])
        #expect(app.finalState?.grid.query.filters.count == 1)
    }

    @Test func inASCIIModeTheSheetsAndTheTitleAreASCII() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("F")), .capture("frequency"), .key(.enter),
                                            .key(.character("]")), .capture("grid"), .key(.character("I")), .capture("describe")]
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: true)
        for name in ["frequency", "grid", "describe"] {
            let ascii = screen.lines(name).joined().unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii, "\(name) is not ASCII")
        }
        #expect(screen.lines("grid")[0].contains("10 of 40 rows | sorted by city desc | filter: city"))
        #expect(screen.lines("frequency")[3].contains("Lima   |    10  25.0% #"))
    }

    @Test func helpListsTheSheetsKeys() throws {
        let lines = HelpView.lines(ascii: true)
        let frequency = try #require(lines.firstIndex(of: "Frequency table (F)"))
        let describe = try #require(lines.firstIndex(of: "Describe sheet (I)"))
        let frequencyKeys = lines[frequency..<describe].joined(separator: "\n")
        #expect(frequencyKeys.contains("  Enter           filter-to-value"))
        #expect(frequencyKeys.contains("  Esc q           close"))
        #expect(frequencyKeys.contains("  ^Z              suspend"))
        #expect(lines[describe...].contains { $0.hasPrefix("  Enter           go-to-column") })
        #expect(lines.contains { $0.hasPrefix("  u               undo") })
    }

    /// Bad input never crashes: a long seeded run of the browsing keys, formulas half typed,
    /// sheets opened on every column, at a small and an odd size.
    @Test func randomBrowsingKeysNeverCrash() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let keys: [Key] = [.character("F"), .character("I"), .character("["), .character("]"), .character("|"), .character("/"),
                           .character("n"), .character("N"), .character("c"), .character("v"), .character("b"), .character("l"),
                           .character("h"), .character("j"), .character("k"), .character("G"), .character("g"), .character(">"),
                           .character("("), .character("\""), .character("1"), .character("="), .character("a"), .enter, .escape,
                           .backspace, .tab, .pageDown, .pageUp, .character(":")]
        var seed: UInt64 = 15
        var steps: [InMemoryScreen.Step] = [.event(.resize(width: 33, height: 9))]
        for index in 0..<600 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            steps.append(.key(keys[Int(seed >> 33) % keys.count]))
            if index % 97 == 0 { steps.append(.event(.mouse(.press(x: Int(seed >> 40) % 33, y: Int(seed >> 50) % 9)))) }
        }
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: steps, ascii: false)
        #expect(screen.eventsRead > 600)
        // Browsing never edits: the plan is the one loaded.
        #expect(app.finalState?.document?.isDirty == false)
    }

    @Test func controlZSuspendsAndUndoStaysOnU() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try WorkbenchFixtures.writeCities(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("r")), .key(.control("z")), .capture("resumed")]
        let (screen, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, height: 6, steps: steps, ascii: false)
        #expect(screen.suspensions == 1)
        // The reseed is still there: Ctrl-Z no longer undoes.
        #expect(app.finalState?.document?.plan.seed != 42)
        expectScreen(screen.lines("resumed"), [
            " cities.csv (modified) · 40 rows · 5 columns · real rows · seed … col 1/5 row 1",
            "   id         │city           │temp   │visits        │ok          │",
            "   id sequence│cat categorical│dec kde│int parametric│bool boolean│",
            " 1 C001       │東京           │   10.0│             0│yes         │",
            " 2 C002       │Zürich         │   13.7│            13│no          │",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save",
        ])
    }
}

/// Issue 15 §4: the fidelity page's heatmaps on more columns than fit show the columns of the
/// pairs that differ most, say so, and list those pairs.
@Suite struct WorkbenchCorrelationSummaryTests {
    @Test func manyColumnsShowTheMostInformativeOnesWithANoteAndTheWorstPairs() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let count = 40
        var text = (0..<count).map { "c\($0)" }.joined(separator: ",") + "\n"
        for row in 0..<60 {
            text += (0..<count).map { column in String((row * (column + 3) + column * column) % 97) }.joined(separator: ",") + "\n"
        }
        let csv = dir + "/wide.csv"
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let (_, app) = try WorkbenchFixtures.run(.data(path: csv), in: dir, steps: [.key(.character("f"))], ascii: true)
        let state = try #require(app.finalState)
        // The whole page, as it scrolls at 80 columns.
        let lines = FidelityDashboard.content(state, width: 78).plainLines()
        let matrices = try #require(state.fidelity.correlations)
        let summary = CorrelationSummary(matrices: matrices)
        let worst = try #require(summary.pairsWorstFirst.first)
        let heading = try #require(lines.first { $0.contains("correlations of the") })
        #expect(heading.contains("columns in the pairs that differ most (of 40)"))
        let chosen = summary.columnIndices(limit: CorrelationHeatmapWidget.columnsThatFit(width: 78, palette: .forOutput(ascii: true, color: false)))
        #expect(chosen.count < 40)
        #expect(chosen.contains(matrices.columns.firstIndex(of: worst.first)!))
        #expect(chosen.contains(matrices.columns.firstIndex(of: worst.second)!))
        let listed = try #require(lines.firstIndex { $0.contains("Pairs whose correlation differs most") })
        #expect(lines[listed + 2].hasPrefix("\(worst.first) x \(worst.second) "))
        #expect(lines[listed + 2].hasSuffix(String(format: "%.2f", worst.difference)))
        // Worst first.
        let differences = summary.pairsWorstFirst.map(\.difference)
        #expect(differences == differences.sorted(by: >))
    }
}

/// Sorting and filtering a million rows is one pass and one sort when the query changes; frames
/// with a query cost what they cost without one.
@Suite struct WorkbenchRowQueryScaleTests {
    @Test func aMillionRowsSortAndFilterOnceThenFramesStayFast() throws {
        let rows = 1_000_000
        let table = Table(columns: [
            Column(name: "n", values: .integers((0..<rows).map { Int64(($0 * 7919) % rows) }, .plain)),
            Column(name: "label", values: .strings(codes: (0..<rows).map { UInt32($0 % 3) }, levels: ["a", "bb", "東京"])),
        ])
        let plan = Plan(seed: 1, columns: [ColumnPlan(name: "n", kind: .integer, strategy: "kde"),
                                           ColumnPlan(name: "label", kind: .categorical, strategy: "categorical")])
        let document = Document(table: table, displayName: "big.csv", dataPath: nil, readOptions: CSVReadOptions(), profiles: [],
                                holdout: nil, session: Session(source: nil, plan: Plan(seed: 1, columns: [])),
                                sessionPath: nil, plan: plan, savedPlan: plan)
        var state = WorkbenchState(launch: WorkbenchLaunch(target: .demo), width: 120, height: 12, currentDirectory: NSTemporaryDirectory())
        state.document = document
        state.phase = .ready
        let clock = ContinuousClock()
        let query = clock.measure {
            Workbench.setFilter("label = \"bb\" and n >= 500000", &state)
            _ = Workbench.reduce(&state, .key(.character("]")))
        }
        print("filter and sort of 1,000,000 rows (debug build): \(query)")
        #expect(Workbench.shownRowCount(synthetic: false, state) == 166_694)
        var buffer = Buffer(width: 120, height: 12)
        Workbench.render(state, into: &buffer)
        let lines = buffer.plainLines()
        #expect(lines[0].contains("166,694 of 1,000,000 rows · sorted by n ↓ · filter: label = \"bb\" and n >= 500000"))
        // The largest n with label bb first.
        #expect(lines[3].contains("999999") && lines[3].contains("bb"))
        let perFrame = (0..<20).map { _ in clock.measure { Workbench.render(state, into: &buffer) } }.min()!
        #expect(perFrame < .milliseconds(16), "a frame took \(perFrame)")
        #expect(query < .seconds(20), "the query took \(query)")
    }
}
