import Foundation
import Testing

/// The workbench as a person meets it: the real binary in a real terminal (tmux), keys in,
/// screen text out, and the terminal given back as it was found however the program ends.
@Suite("doppel workbench in tmux", .serialized, .enabled(if: TmuxSession.isAvailable,
        "tmux is not installed: run scripts/install-deps.sh (it installs tmux) to run these tests"))
struct WorkbenchTmuxTests {
    static let diamonds = DoppelProcess.sharedData("diamonds")

    @Test("opens a CSV file, shows the workbench, quits with q and gives the terminal back")
    func openAndQuit() throws {
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.diamonds])
        defer { tmux.close() }
        try tmux.waitFor("doppel", timeout: 30)
        try tmux.press("q")
        #expect(try tmux.exitStatus() == 0)
        let settings = try tmux.terminalSettings()
        #expect(settings.after == settings.before)
    }

    @Test("SIGTERM, SIGHUP and a crash (SIGSEGV) still give the terminal back",
          arguments: [(SIGTERM, 143), (SIGHUP, 129), (SIGSEGV, 139)] as [(Int32, Int32)])
    func signalRestoresTerminal(signal: Int32, expectedStatus: Int32) throws {
        let tmux = try TmuxSession(width: 100, height: 30, arguments: [DoppelProcess.binary.path, Self.diamonds])
        defer { tmux.close() }
        try tmux.waitFor("doppel", timeout: 30)
        let program = try tmux.programProcessID()
        #expect(kill(program, signal) == 0)
        #expect(try tmux.exitStatus() == expectedStatus)
        let settings = try tmux.terminalSettings()
        #expect(settings.after == settings.before)
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
