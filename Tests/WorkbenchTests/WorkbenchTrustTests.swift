import Foundation
import Tabular
import Testing
import TerminalUI
@testable import Workbench

/// Issue 15, "nothing on screen may be wrong": clipped cells, aligned decimals, column widths,
/// the cell view, one source per panel, datetime profiles.
@Suite struct WorkbenchTrustTests {
    static let email = "a.very.long.address.for.testing@example-company.com"

    /// Prices with a wide integer, a decimal and negatives; a long email; a text column.
    static func writeShop(in directory: String) throws -> String {
        var text = "item,sold,price,delta,email\n"
        let rows: [(String, String, String, String, String)] = [
            ("Shouldered bag", "195500", "2017.5", "-1234.5", email),
            ("Cup", "12", "326", "3.25", "x@y.z"),
            ("Pen", "-4500", "0.25", "-7", "p@q.r"),
            ("Ink", "7", "19.99", "12", "i@k.l"),
        ]
        for row in rows { text += "\(row.0),\(row.1),\(row.2),\(row.3),\(row.4)\n" }
        let path = directory + "/shop.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func clippedNumbersShowAnEllipsisNeverOtherDigits() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try Self.writeShop(in: dir)
        // Set sold, price and delta to 4 columns each (z_ asks for a number).
        let narrow: [InMemoryScreen.Step] = [.key(.character("l")), .key(.character("z")), .key(.character("_"))]
            + [.key(.backspace), .key(.backspace), .key(.backspace)] + InMemoryScreen.Step.type("4") + [.key(.enter)]
        let steps: [InMemoryScreen.Step] = [.capture("start")] + narrow + narrow + narrow + [.capture("narrow")]
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 60, height: 8, steps: steps, ascii: false)
        // Decimals line up on the point; integers and decimals keep their signs.
        expectScreen(screen.lines("start"), [
            " shop.csv · 4 rows · 5 columns · real rows ·… col 1/5 row 1",
            "  item          │sold   │price  │delta   │email",
            "  text fake     │int kde│dec kde│dec kde │text fake",
            "1 Shouldered bag│ 195500│2017.5 │-1234.5 │a.very.long.addre…",
            "2 Cup           │     12│ 326.0 │    3.25│x@y.z",
            "3 Pen           │  -4500│   0.25│   -7.0 │p@q.r",
            "4 Ink           │      7│  19.99│   12.0 │i@k.l",
            "? help  s strategy  p params  Enter inspect  Tab view",
        ])
        // 195500 is not 1955, 2017.5 is not 201, -4500 is not -450: what does not fit is `…`
        // (after its sign); what fits is whole.
        expectScreen(screen.lines("narrow"), [
            " shop.csv · 4 rows · 5 columns · real rows ·… col 4/5 row 1",
            "  item          │sold│pri…│del…│email",
            "  text fake     │int…│dec…│dec…│text fake",
            "1 Shouldered bag│   …│   …│  -…│a.very.long.address.for.tes…",
            "2 Cup           │  12│   …│3.25│x@y.z",
            "3 Pen           │  -…│0.25│-7.0│p@q.r",
            "4 Ink           │   7│   …│12.0│i@k.l",
            "delta is 4 wide  ? help  s strategy  p params  Enter inspect",
        ])
    }

    @Test func columnsCutByTheEdgeNeverShowOtherNumbers() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try Self.writeShop(in: dir)
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 21, height: 8, steps: [.capture("edge")], ascii: false)
        // A column cut by the screen's edge: its numbers are not blank nor cut to their first digits.
        expectScreen(screen.lines("edge"), [
            " shop… col 1/5 row 1",
            "  item          │sold",
            "  text fake     │int…",
            "1 Shouldered bag│   …",
            "2 Cup           │  12",
            "3 Pen           │  -…",
            "4 Ink           │   7",
            "? help  s strategy",
        ])
    }

    @Test func underscoreFitsAColumnAndTheCellViewShowsTheWholeValue() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let csv = try Self.writeShop(in: dir)
        let steps: [InMemoryScreen.Step] = [.key(.character("$")), .capture("cut"), .key(.character("_")), .capture("fitted"),
                                            .key(.character("v")), .capture("cell"), .key(.escape), .capture("closed")]
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 80, height: 10, steps: steps, ascii: false)
        expectScreen(screen.lines("cut"), [
            " shop.csv · 4 rows · 5 columns · real rows · seed 42              col 5/5 row 1",
            "  item          │sold   │price  │delta   │email                           │",
            "  text fake     │int kde│dec kde│dec kde │text fake                       │",
            "1 Shouldered bag│ 195500│2017.5 │-1234.5 │a.very.long.address.for.testing…│",
            "2 Cup           │     12│ 326.0 │    3.25│x@y.z                           │",
            "3 Pen           │  -4500│   0.25│   -7.0 │p@q.r                           │",
            "4 Ink           │      7│  19.99│   12.0 │i@k.l                           │",
            "",
            "",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save",
        ])
        expectScreen(screen.lines("fitted"), [
            " shop.csv · 4 rows · 5 columns · real rows · seed 42              col 5/5 row 1",
            "  sold   │price  │delta   │email                                              │",
            "  int kde│dec kde│dec kde │text fake                                          │",
            "1  195500│2017.5 │-1234.5 │a.very.long.address.for.testing@example-company.com│",
            "2      12│ 326.0 │    3.25│x@y.z                                              │",
            "3   -4500│   0.25│   -7.0 │p@q.r                                              │",
            "4       7│  19.99│   12.0 │i@k.l                                              │",
            "",
            "",
            "email is 51 wide  ? help  s strategy  p params  Enter inspect  Tab view",
        ])
        expectScreen(screen.lines("cell"), [
            " shop.csv · 4 rows · 5 columns · real rows · seed 42              col 5/5 row 1",
            "  sold   │price  │delta   │email                                              │",
            "  int kde│dec kde│dec kde │text fake                                          │",
            "1 ┌─ email, row 1 (real) ────────────────────────────────────────────────────┐│",
            "2 │ a.very.long.address.for.testing@example-company.com                      ││",
            "3 └──────────────────────────────────────────────────────────────────────────┘│",
            "4       7│  19.99│   12.0 │i@k.l                                              │",
            "",
            "",
            "Esc back",
        ])
        expectScreen(screen.lines("closed"), [
            " shop.csv · 4 rows · 5 columns · real rows · seed 42              col 5/5 row 1",
            "  sold   │price  │delta   │email                                              │",
            "  int kde│dec kde│dec kde │text fake                                          │",
            "1  195500│2017.5 │-1234.5 │a.very.long.address.for.testing@example-company.com│",
            "2      12│ 326.0 │    3.25│x@y.z                                              │",
            "3   -4500│   0.25│   -7.0 │p@q.r                                              │",
            "4       7│  19.99│   12.0 │i@k.l                                              │",
            "",
            "",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save",
        ])
    }

    @Test func fitKeepsNumbersWhole() {
        #expect(CellText.fit("195500", width: 4, number: true, ellipsis: "…") == "   …")
        #expect(CellText.fit("2017.5", width: 4, number: true, ellipsis: "…") == "   …")
        #expect(CellText.fit("-1234.5", width: 4, number: true, ellipsis: "…") == "  -…")
        #expect(CellText.fit("-1234.5", width: 1, number: true, ellipsis: "…") == "…")
        #expect(CellText.fit("326  ", width: 4, number: true, ellipsis: "…") == " 326")
        #expect(CellText.fit("326", width: 6, number: true, ellipsis: "…") == "   326")
        #expect(CellText.fit("Shouldered", width: 8, number: false, ellipsis: "…") == "Shoulde…")
        // A level that reads as a number is not cut to its first digits either.
        #expect(CellText.fit("195500", width: 5, number: false, ellipsis: "…") == "…    ")
        #expect(CellText.fit("2013-01-01", width: 8, number: false, ellipsis: "…") == "2013-01…")
        #expect(CellText.aligned("326", fractionDigits: 2) == "326   ")
        #expect(CellText.aligned("2017.5", fractionDigits: 2) == "2017.5 ")
        #expect(CellText.aligned("0.25", fractionDigits: 2) == "0.25")
    }

    @Test func theColumnPanelSaysItsChartIsOfASampleAndShowsDatesAsDates() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        // 12,000 rows: more than the 10,000 fidelity is scored on, so the chart is of a sample.
        var text = "day,amount\n"
        for row in 0..<12_000 {
            let day = 1 + row % 28, month = 1 + (row / 28) % 12
            let amount = row % 40 == 0 ? "" : String(row % 500)
            text += "2013-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day),\(amount)\n"
        }
        let csv = dir + "/days.csv"
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let steps: [InMemoryScreen.Step] = [.key(.enter), .capture("day"), .key(.character("l")), .capture("amount")]
        let (screen, _) = try WorkbenchFixtures.run(.data(path: csv), in: dir, width: 90, height: 24, steps: steps, ascii: true)
        // The profile is of all 12,000 rows, in dates; the chart and hints say they are of a sample.
        expectScreen(screen.lines("day"), [
            " days.csv | 12,000 rows | 2 columns | real rows | seed 42                   col 1/2 row 1",
            "      day          |amount        |",
            "      date datetime|int parametric|",
            "    1 2013-01-01   |.             |",
            "    2 2013-01-02   |             1|",
            "    3 2013-01-03   |             2|",
            "    4 2013-01-04   |             3|",
            "    5 2013-01-05   |             4|",
            "    6 2013-01-06   |             5|",
            "    7 2013-01-07   |             6|",
            "- day | datetime | datetime | fidelity 0.992 ---------------------------------------------",
            " nulls 0 (0.0%)  distinct 336  rows 12000",
            " range 2013-01-01 to 2013-12-28  mean 2013-06-28  sd 105.1 days",
            " chart and hints: an even sample of 10,000 of the 12,000 real rows",
            " day                                                                  # real  - synthetic",
            "   6.1% +----                                            ----                        ----",
            "        |####--------------------------------------------####------------    --------####",
            "        |################################################################----############",
            "        |################################################################################",
            "        |################################################################################",
            "     0% +--------------------------------------------------------------------------------",
            "         2013-01-01                                                            2013-12-27",
            " hint: 1 combination unique in the real sample reappears (day, amount)",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save  u undo  q quit",
        ])
        // The chart's null share is labelled as the sample's (3.0%), not set against the 2.5% of all rows.
        expectScreen(screen.lines("amount"), [
            " days.csv | 12,000 rows | 2 columns | real rows | seed 42                   col 2/2 row 1",
            "      day          |amount        |",
            "      date datetime|int parametric|",
            "    1 2013-01-01   |.             |",
            "    2 2013-01-02   |             1|",
            "    3 2013-01-03   |             2|",
            "    4 2013-01-04   |             3|",
            "    5 2013-01-05   |             4|",
            "    6 2013-01-06   |             5|",
            "    7 2013-01-07   |             6|",
            "- amount | integer | parametric | fidelity 0.990 -----------------------------------------",
            " nulls 300 (2.5%)  distinct 500  rows 12000",
            " range 0 to 499  mean 249.7  sd 144.3",
            " chart and hints: an even sample of 10,000 of the 12,000 real rows",
            " amount  (nulls: real sample 3.0%, synthetic 2.3%)                    # real  - synthetic",
            "   5.4% +####------------------------####----####----####--------------------------------",
            "        |----########################----####----####----################################",
            "        |################################################################################",
            "        |################################################################################",
            "        |################################################################################",
            "     0% +--------------------------------------------------------------------------------",
            "         0                                                                            499",
            " hint: 1 combination unique in the real sample reappears (day, amount)",
            "? help  s strategy  p params  Enter inspect  Tab view  f fidelity  ^S save  u undo  q quit",
        ])
    }
}
