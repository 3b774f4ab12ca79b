import Foundation

/// The built `doppel` running in a detached tmux session: keys go in with `send-keys`, the
/// screen comes back with `capture-pane`, as a person at a terminal would see it. Each session
/// has its own tmux server (a socket in a temporary folder), so tests never share one.
///
/// The program runs under `sh`, which records `stty -g` before and after it and its exit status,
/// so a test can check that the terminal was given back as it was found.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// True when tmux is on PATH (scripts/install-deps.sh installs it).
    static let isAvailable: Bool = executable("tmux") != nil

    let folder: URL
    let name = "doppel"
    private let socket: String

    /// Starts `arguments` (the program first) in a `width` × `height` terminal, in `folder`
    /// (a new temporary folder, removed by `close`) unless another working directory is given.
    init(width: Int = 100, height: Int = 30, arguments: [String], environment: [String: String] = [:],
         workingDirectory: URL? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("doppel-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        socket = folder.appendingPathComponent("socket").path
        let config = folder.appendingPathComponent("tmux.conf")
        try "set -g status off\nset -g default-terminal tmux-256color\nset -g escape-time 0\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let record = folder.path
        // The pane outlives the program (sleep) so that its last screen can still be captured.
        let script = """
            stty -g > '\(record)/stty-before'
            echo $$ > '\(record)/shell-pid'
            "$@"
            echo $? > '\(record)/status'
            stty -g > '\(record)/stty-after'
            exec sleep 600
            """
        // The test runner's own NO_COLOR (swift test may set it) must not reach the program.
        var command = ["env", "-u", "NO_COLOR", "LANG=C.UTF-8", "LC_ALL=C.UTF-8"]
        command += environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        command += ["sh", "-c", script, "sh"] + arguments
        try tmux(["-f", config.path, "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
                  "-c", (workingDirectory ?? folder).path]
                 + [command.map(Self.shellQuoted).joined(separator: " ")])
    }

    deinit { close() }

    /// Stops the tmux server (and the program, if still running) and removes the folder.
    func close() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: folder)
    }

    /// Sends keys in tmux's names: "Down", "Enter", "Escape", "C-s", "F2", "BTab", or "q".
    func press(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", name, key]) }
    }

    /// Presses `key` `count` times.
    func press(_ key: String, times count: Int) throws {
        for _ in 0..<count { try tmux(["send-keys", "-t", name, key]) }
    }

    /// Resizes the terminal, as dragging a terminal window's corner does.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Types `text` literally, character by character.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// The screen as text, one string per row (trailing blanks dropped by tmux).
    func screen() throws -> [String] {
        let text = try tmux(["capture-pane", "-t", name, "-p"])
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`).
    func screenWithEscapes() throws -> String {
        try tmux(["capture-pane", "-t", name, "-p", "-e"])
    }

    /// Waits until `condition` holds for the screen, checking every 50 ms; returns that screen.
    @discardableResult
    func waitUntil(_ what: String, timeout: Double = 15, _ condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out after \(timeout) s waiting for \(what); the screen was:\n"
                      + last.joined(separator: "\n"))
    }

    /// Waits until `text` is somewhere on the screen; returns that screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) throws -> [String] {
        try waitUntil("'\(text)'", timeout: timeout) { $0.contains { $0.contains(text) } }
    }

    /// Waits for `text` once the default plan is made: a CSV's rows show before it, and edits
    /// wait for it.
    @discardableResult
    func waitForPlan(_ text: String, timeout: Double = 15) throws -> [String] {
        try waitUntil("'\(text)' and the default plan", timeout: timeout) { screen in
            screen.contains { $0.contains(text) } && screen.first?.contains("making the plan") == false
        }
    }

    /// The program's exit status once it has ended (waiting up to `timeout` seconds).
    func exitStatus(timeout: Double = 15) throws -> Int32 {
        let file = folder.appendingPathComponent("status")
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "the program did not exit within \(timeout) s; the screen was:\n"
                      + ((try? screen()) ?? []).joined(separator: "\n"))
    }

    /// The terminal settings (`stty -g`) before the program started and after it ended.
    func terminalSettings() throws -> (before: String, after: String) {
        func read(_ name: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // The shell writes the settings just after the exit status: wait for them.
        let deadline = Date().addingTimeInterval(10)
        var after = (try? read("stty-after")) ?? ""
        while after.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            after = (try? read("stty-after")) ?? ""
        }
        return (try read("stty-before"), after)
    }

    /// The terminal settings (`stty -g`) of the pane now, e.g. while the program is suspended.
    func currentTerminalSettings() throws -> String {
        let tty = try tmux(["display-message", "-p", "-t", name, "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let stty = Process()
        stty.executableURL = URL(fileURLWithPath: "/bin/sh")
        stty.arguments = ["-c", "stty -g < '\(tty)'"]
        let output = Pipe()
        stty.standardOutput = output
        try stty.run()
        stty.waitUntilExit()
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The program's process id (the child of the recording shell), once it is running.
    func programProcessID(timeout: Double = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let shell = try? String(contentsOf: folder.appendingPathComponent("shell-pid"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines),
               let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8),
               let child = children.split(separator: " ").first.flatMap({ Int32($0) }) {
                return child
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "the program did not start within \(timeout) s")
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        guard let tmux = Self.executable("tmux") else { throw Failure(description: "tmux is not installed") }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "TMUX")
        let outputFile = folder.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        let errorFile = folder.appendingPathComponent("tmux-err-\(UUID().uuidString)").path
        defer {
            unlink(outputFile)
            unlink(errorFile)
        }
        let status = try Self.spawnAndWait(tmux.path, ["-u", "-S", socket] + arguments, environment: environment,
                                           standardOutput: outputFile, standardError: errorFile)
        let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        guard status == 0 || arguments.first == "kill-server" else {
            let errors = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) exited with \(status): \(errors)")
        }
        return output
    }

    /// Runs a program to its end with its output in files. Not `Process`: it learns that a child
    /// ended when a socket inherited by the child closes, and the tmux server that `new-session`
    /// forks keeps that socket open for its whole life.
    private static func spawnAndWait(_ path: String, _ arguments: [String], environment: [String: String],
                                     standardOutput: String, standardError: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The test runner's thread blocks most signals; passed on, that mask would keep the tmux
        // server from ever handling SIGCHLD and SIGTERM, and it would outlive kill-server.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw Failure(description: "cannot run \(path): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 {
            guard errno == EINTR else { throw Failure(description: "waitpid: \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import (they are macros).
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    private static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    private static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
