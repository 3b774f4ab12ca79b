import Foundation
import Testing

/// The workbench as a person meets it: the real binary in a real terminal (tmux), keys in,
/// screen text out, and the terminal given back as it was found however the program ends.
@Suite("doppel workbench in tmux", .serialized, .enabled(if: TmuxSession.isAvailable,
        "tmux is not installed: run scripts/install-deps.sh (it installs tmux) to run these tests"))
struct WorkbenchTmuxTests {
    static var diamonds: String { get throws { try DoppelProcess.sharedData("diamonds") } }
    static var penguins: String { get throws { try DoppelProcess.sharedData("penguins") } }
    /// Loading diamonds in a debug build takes several seconds on a busy machine.
    static let loadTimeout = 60.0

    @Test("""
        diamonds: change carat's strategy to uniform and its range to 1..2, save (the first save \
        offers diamonds.doppel.yaml), quit; doppel run on that session draws carat from 1..2
        """)
    func editSaveQuitAndRun() throws {
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.diamonds])
        defer { tmux.close() }
        let sessionPath = tmux.folder.appendingPathComponent("edited.doppel.yaml").path

        let grid = try tmux.waitUntil("the grid and its first preview", timeout: Self.loadTimeout) { screen in
            screen.first?.contains("col 1/10") == true && screen.first?.contains("generating") == false
                && screen.first?.contains("making the plan") == false && screen.first?.contains("approximate") == false
        }
        #expect(grid[0].hasPrefix(" diamonds.csv · ") && grid[0].contains("53,940 rows · 10 columns"))
        // The default plan is `doppel plan`'s: a joint model (J) over the modelled columns, each
        // numeric member on the empirical marginal.
        #expect(grid[2].contains("J dec empirical"))
        #expect(grid.last?.hasPrefix("? help  s strategy  p params") == true)

        // Strategy: the picker lists the decimal strategies, starting on the current one
        // (empirical, marked ●); uniform is six below it (histogram, parametric, kde, sequence,
        // constant, uniform). A made-up column leaves the joint group.
        try tmux.press("s")
        let picker = try tmux.waitFor("strategy for carat (decimal)")
        #expect(picker.contains { $0.contains("● empirical") })
        try tmux.press("Down", times: 6)
        try tmux.press("Enter")
        try tmux.waitFor("dec uniform")

        // Parameters: min and max start as "auto"; replace them with 1 and 2.
        try tmux.press("p")
        try tmux.waitFor("parameters of uniform for carat")
        try tmux.press("BSpace", times: 4)
        try tmux.type("1")
        try tmux.press("Tab")
        try tmux.press("BSpace", times: 4)
        try tmux.type("2")
        let form = try tmux.waitUntil("min 1 and max 2 typed") { screen in
            screen.contains { $0.contains("min       1 ") } && screen.contains { $0.contains("max       2") }
        }
        #expect(form.contains { $0.contains("parameters of uniform for carat") })
        try tmux.press("Enter")
        try tmux.waitUntil("the form to close") { !$0.contains { $0.contains("parameters of uniform") } }

        // Ctrl-S reaches the program (raw mode, no flow control) and asks for a name the first time.
        try tmux.press("C-s")
        try tmux.waitFor("save session as: diamonds.doppel.yaml")
        try tmux.press("BSpace", times: "diamonds.doppel.yaml".count)
        try tmux.type(sessionPath)
        try tmux.press("Enter")
        try tmux.waitFor("saved edited.doppel.yaml")

        try tmux.press("q")
        #expect(try tmux.exitStatus() == 0)
        let settings = try tmux.terminalSettings()
        #expect(settings.after == settings.before)

        let run = try DoppelProcess.run(["run", sessionPath])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "carat,cut,color,clarity,depth,table,price,x,y,z")
        #expect(lines.count == 53_941)
        let carats = lines.dropFirst().compactMap { Double($0.split(separator: ",").first ?? "") }
        #expect(carats.count == 53_940)
        #expect(carats.allSatisfy { $0 >= 1 && $0 <= 2 })
        // Uniform, not a constant: both halves of the range are drawn.
        #expect(carats.contains { $0 < 1.5 } && carats.contains { $0 > 1.5 })
    }

    @Test("""
        related tables: doppel DIR opens the table list with its graph, Enter opens a table's grid \
        (its key column's panel says its relation), q goes back to the list, q quits and gives the terminal back
        """)
    func relationalTableList() throws {
        let folder = DoppelProcess.packageRoot.appendingPathComponent("Tests/Fixtures/relational").path
        let tmux = try TmuxSession(width: 120, height: 30, arguments: [DoppelProcess.binary.path, folder])
        defer { tmux.close() }
        let list = try tmux.waitFor("Relationships: each parent table", timeout: Self.loadTimeout)
        #expect(list.contains { $0.hasPrefix("> customers           80        4  customer_id") })
        #expect(list.contains { $0.contains("└─→ orders   [orders.store_id → store_id]") })
        #expect(list.last?.hasPrefix("? help  Enter open") == true)

        try tmux.press("Down", "Enter")
        // The grid of orders, its plan made and its first preview drawn (no line says generating).
        let grid = try tmux.waitUntil("the grid of orders with its preview", timeout: Self.loadTimeout) { screen in
            screen.first?.hasPrefix(" orders (relational) · ") == true && screen.first?.contains("col 1/5") == true
                && !screen.contains { $0.contains("generating") || $0.contains("making the plan") }
        }
        #expect(grid.last?.contains("q tables") == true)
        try tmux.press("Right", "i")
        try tmux.waitFor("foreign key → customers.customer_id")

        try tmux.press("q")
        let back = try tmux.waitFor("Relationships: each parent table")
        #expect(back.contains { $0.hasPrefix("> orders ") })
        try tmux.press("q")
        #expect(try tmux.exitStatus() == 0)
        let settings = try tmux.terminalSettings()
        #expect(settings.after == settings.before)
    }

    @Test("Home and End work with every sequence terminals send for them (xterm, VT220/tmux/PuTTY/Linux console, rxvt)")
    func homeAndEndSequences() throws {
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.penguins])
        defer { tmux.close() }
        try tmux.waitForPlan("col 1/8", timeout: Self.loadTimeout)
        func onRow(_ row: Int) -> ([String]) -> Bool {
            { $0.first?.trimmingCharacters(in: .whitespaces).hasSuffix("row \(row)") == true }
        }
        let pairs = [("\u{1B}[4~", "\u{1B}[1~"), ("\u{1B}[F", "\u{1B}[H"), ("\u{1B}OF", "\u{1B}OH"), ("\u{1B}[8~", "\u{1B}[7~")]
        for (end, home) in pairs {
            try tmux.type(end)
            _ = try tmux.waitUntil("End (\(end.debugDescription)) on the last row", onRow(344))
            try tmux.type(home)
            _ = try tmux.waitUntil("Home (\(home.debugDescription)) on the first row", onRow(1))
        }
        try tmux.press("q")
        #expect(try tmux.exitStatus() == 0)
    }

    @Test("a resized terminal is redrawn at its new size")
    func resize() throws {
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.penguins])
        defer { tmux.close() }
        try tmux.waitForPlan("col 1/8", timeout: Self.loadTimeout)
        try tmux.resize(width: 70, height: 20)
        let screen = try tmux.waitUntil("the status bar on row 20") { $0.count == 20 && $0[19].hasPrefix("? help") }
        #expect(screen.allSatisfy { $0.count <= 70 })
        try tmux.press("q")
        #expect(try tmux.exitStatus() == 0)
    }

    @Test("256 colours on tmux-256color, 8 on xterm; NO_COLOR leaves attributes only; --ascii draws ASCII only")
    func colorAndASCII() throws {
        func foregroundColors(_ environment: [String: String], _ extra: [String] = []) throws
            -> (colors: Int, indexed: Bool, text: [String]) {
            let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.penguins] + extra,
                                       environment: environment)
            defer { tmux.close() }
            try tmux.waitForPlan("col 1/8", timeout: Self.loadTimeout)
            let escapes = try tmux.screenWithEscapes()
            let text = try tmux.screen()
            try tmux.press("q")
            let status = try tmux.exitStatus()
            #expect(status == 0)
            // SGR 30–37 / 90–97 / 38;5;N set a foreground colour; 39 resets it.
            let colors = escapes.components(separatedBy: "\u{1B}[").filter { sequence in
                let codes = sequence.prefix { $0 != "m" }.split(separator: ";")
                return codes.contains { code in
                    guard let value = Int(code) else { return false }
                    return (30...38).contains(value) || (90...97).contains(value)
                }
            }.count
            return (colors, escapes.contains("38;5;"), text)
        }
        let colored = try foregroundColors([:])
        #expect(colored.colors > 0 && colored.indexed)
        // xterm's terminfo has 8 colours: the nearest of them, never a 256-colour index.
        let eight = try foregroundColors(["TERM": "xterm"])
        #expect(eight.colors > 0 && !eight.indexed)
        let plain = try foregroundColors(["NO_COLOR": "1"])
        #expect(plain.colors == 0)
        #expect(plain.text[1].contains("│"))
        let ascii = try foregroundColors([:], ["--ascii"])
        #expect(ascii.text.joined().unicodeScalars.allSatisfy { $0.isASCII })
        #expect(ascii.text[1].contains("|"))
    }

    @Test("DOPPEL_FRAME_LOG: one line per key with its key-to-frame time and the status line")
    func frameLog() throws {
        let folder = DoppelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("frames.log")
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.penguins],
                                   environment: ["DOPPEL_FRAME_LOG": log.path])
        defer { tmux.close() }
        try tmux.waitForPlan("col 1/8", timeout: Self.loadTimeout)
        try tmux.press("Down")
        try tmux.waitFor("col 1/8 row 2")
        try tmux.press("q")
        #expect(try tmux.exitStatus() == 0)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
        let down = try #require(lines.first { $0.count == 5 && $0[0] == "key" && $0[1] == "down" })
        #expect(Double(down[2]).map { $0 >= 0 && $0 < 1000 } == true)
        #expect(down[4].hasPrefix("penguins.csv · ") && down[4].hasSuffix("col 1/8 row 2"))
    }

    @Test("SIGTERM, SIGHUP and a crash (SIGSEGV) still give the terminal back",
          arguments: [(SIGTERM, 143), (SIGHUP, 129), (SIGSEGV, 139)] as [(Int32, Int32)])
    func signalRestoresTerminal(signal: Int32, expectedStatus: Int32) throws {
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.penguins])
        defer { tmux.close() }
        try tmux.waitForPlan("col 1/8", timeout: Self.loadTimeout)
        let program = try tmux.programProcessID()
        #expect(kill(program, signal) == 0)
        #expect(try tmux.exitStatus() == expectedStatus)
        let settings = try tmux.terminalSettings()
        #expect(settings.after == settings.before)
    }

    @Test("penguins: ] sorts by the column, F counts species and Enter filters the grid to Adelie")
    func sortFrequencyAndFilter() throws {
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.penguins])
        defer { tmux.close() }
        try tmux.waitForPlan("col 1/8", timeout: Self.loadTimeout)
        try tmux.press("l", "l", "]")
        let sorted = try tmux.waitFor("sorted by bill_length_mm ↓")
        // The longest bill first (a Gentoo's), and the row keeps its number in the data.
        #expect(sorted[3].contains("Gentoo") && sorted[3].contains("59.6"))
        #expect(sorted[3].hasPrefix("186 "))
        try tmux.press("h", "h", "F")
        let frequency = try tmux.waitFor("Frequency of species: 3 values")
        #expect(frequency[3].contains("Adelie") && frequency[3].contains("152  44.2%"))
        try tmux.press("Enter")
        let filtered = try tmux.waitFor("filter: species = Adelie (152 of 344 rows)")
        #expect(filtered[3].contains("Adelie") && filtered[3].contains("46.0"))
        try tmux.press("q")
        #expect(try tmux.exitStatus() == 0)
    }

    @Test("Ctrl-Z gives the terminal back and stops; on SIGCONT the workbench redraws and still works")
    func controlZSuspends() throws {
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.penguins])
        defer { tmux.close() }
        try tmux.waitForPlan("col 1/8", timeout: Self.loadTimeout)
        let program = try tmux.programProcessID()
        try tmux.press("C-z")
        func state() -> String? {
            // /proc/PID/stat: "PID (comm) STATE ...".
            (try? String(contentsOfFile: "/proc/\(program)/stat", encoding: .utf8))?
                .split(separator: ")").last?.split(separator: " ").first.map(String.init)
        }
        let deadline = Date().addingTimeInterval(10)
        while state() != "T" && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(state() == "T")
        // Stopped with the terminal as the shell had it.
        let settings = try tmux.currentTerminalSettings()
        let before = try String(contentsOf: tmux.folder.appendingPathComponent("stty-before"), encoding: .utf8)
        #expect(settings == before.trimmingCharacters(in: .whitespacesAndNewlines))
        // The shell's screen, not the workbench's, while it is stopped.
        #expect(!(try tmux.screen()).contains { $0.contains("col 1/8") })
        #expect(kill(program, SIGCONT) == 0)
        try tmux.waitFor("col 1/8")
        try tmux.press("j")
        try tmux.waitFor("col 1/8 row 2")
        try tmux.press("q")
        #expect(try tmux.exitStatus() == 0)
    }

    @Test("--mouse: a wheel notch scrolls three rows and a click selects the cell under it")
    func mouse() throws {
        // What an xterm sends (X10 encoding): Esc [ M, then button, column and row, each plus 32.
        func report(button: Int, x: Int, y: Int) -> String {
            "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
        }
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.penguins, "--mouse"])
        defer { tmux.close() }
        try tmux.waitForPlan("col 1/8", timeout: Self.loadTimeout)
        try tmux.type(report(button: 65, x: 10, y: 10))
        try tmux.waitFor("col 1/8 row 4")
        // Row 8 of the screen is the sixth data row shown (rows 4 to ...): data row 9; column 2.
        try tmux.type(report(button: 0, x: 25, y: 8))
        try tmux.waitFor("col 2/8 row 9")
        try tmux.press("q")
        #expect(try tmux.exitStatus() == 0)
    }

    @Test("an edit then Ctrl-C at once, or SIGHUP as soon as the edit shows, leaves the autosave; the next start offers it in a box",
          arguments: [0, SIGHUP] as [Int32])
    func noEditIsLost(signal: Int32) throws {
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.penguins])
        defer { tmux.close() }
        let autosave = tmux.folder.appendingPathComponent(".penguins.doppel.autosave").path
        try tmux.waitForPlan("col 1/8", timeout: Self.loadTimeout)
        if signal == 0 {
            // r (a new seed, an edit) and Ctrl-C in one go: no time for any delay.
            try tmux.press("r", "C-c")
            #expect(try tmux.exitStatus() == 0)
        } else {
            try tmux.press("r")
            try tmux.waitFor("new seed")
            #expect(kill(try tmux.programProcessID(), signal) == 0)
            #expect(try tmux.exitStatus() == 128 + signal)
        }
        #expect(FileManager.default.fileExists(atPath: autosave))
        let text = try String(contentsOfFile: autosave, encoding: .utf8)
        #expect(text.contains("seed:"))

        let again = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.penguins],
                                    workingDirectory: tmux.folder)
        defer { again.close() }
        let offer = try again.waitFor("Recover unsaved edits?", timeout: Self.loadTimeout)
        #expect(offer.contains { $0.contains("y  recover: the edits come back, unsaved and undoable") })
        try again.press("y")
        try again.waitFor("recovered the autosaved edits")
        try again.press("C-c")
        #expect(try again.exitStatus() == 0)
    }

    @Test("a saved session reopens on the same row, the synthetic view, the column panel and the scroll")
    func reopenRestoresTheView() throws {
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.penguins])
        defer { tmux.close() }
        let sessionPath = tmux.folder.appendingPathComponent("view.doppel.yaml").path
        try tmux.waitForPlan("col 1/8", timeout: Self.loadTimeout)
        // Synthetic rows, column 3, row 40 (the grid scrolls), the panel open.
        try tmux.press("Tab")
        // The synthetic rows once the preview is in (the plan is made after the rows show).
        try tmux.waitUntil("the synthetic rows") { screen in
            screen.first?.contains("synthetic rows") == true && !screen.contains { $0.contains("generating") }
        }
        try tmux.press("l", "l")
        try tmux.press("j", times: 39)
        try tmux.press("Enter")
        let before = try tmux.waitUntil("row 40 with the panel open") { screen in
            screen.first?.contains("col 3/8 row 40") == true && screen.contains { $0.contains("bill_length_mm · decimal") }
        }
        try tmux.press("C-s")
        try tmux.waitFor("save session as:")
        try tmux.press("BSpace", times: "penguins.doppel.yaml".count)
        try tmux.type(sessionPath)
        try tmux.press("Enter")
        try tmux.waitFor("saved view.doppel.yaml")
        try tmux.press("q")
        #expect(try tmux.exitStatus() == 0)

        let again = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, sessionPath],
                                    workingDirectory: tmux.folder)
        defer { again.close() }
        // The whole screen settled: neither the status line nor the grid ("generating the preview…") waits.
        let after = try again.waitUntil("the reopened session", timeout: Self.loadTimeout) { screen in
            screen.first?.contains("col 3/8 row 40") == true && !screen.contains { $0.contains("generating") }
        }
        #expect(after[0].contains("synthetic rows"))
        // The same rows on screen (scrolled as they were) and the panel's title on the same line.
        #expect(after[3].prefix(4) == before[3].prefix(4))
        let panel = before.firstIndex { $0.contains("bill_length_mm · decimal") }
        #expect(panel != nil)
        #expect(after.firstIndex { $0.contains("bill_length_mm · decimal") } == panel)
        try again.press("q")
        #expect(try again.exitStatus() == 0)
    }

    @Test("a missing file is reported before curses starts: exit 2, terminal untouched")
    func missingFile() throws {
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, "no-such-file.csv"])
        defer { tmux.close() }
        #expect(try tmux.exitStatus() == 2)
        let screen = try tmux.screen()
        #expect(screen.contains("doppel: error: no-such-file.csv: cannot open data file: no such file"))
        let settings = try tmux.terminalSettings()
        #expect(settings.after == settings.before)
    }
}
