#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import TerminalUI

/// The terminal, through ncursesw: the only `Screen` that draws on a real terminal.
///
/// Opening it puts the terminal in raw mode (Ctrl-C, Ctrl-S, Ctrl-Q and Ctrl-Z reach the
/// program as keys instead of signals or flow control), without echo, with the cursor hidden
/// and keys decoded by curses. `draw` sends only the cells that changed since the last frame,
/// then refreshes once. `restore()` (or `withScreen`, which always calls it) gives the terminal
/// back; signals and crashes give it back too (see `TerminalRestoration`).
public final class NcursesScreen: Screen {
    /// What the terminal can show: decided once at start from terminfo and `NO_COLOR`.
    public let colors: ColorCapability

    private let terminal: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var isOpen = true
    private var lastFrame: Buffer?
    private var pairs: ColorPairs
    private var styles: [Style: (attributes: attr_t, pair: Int32)] = [:]
    /// A cell's text as curses wants it: up to CCHARW_MAX scalars and a terminating zero.
    private var cellText: [wchar_t]

    /// How long curses waits after Esc for the rest of an escape sequence, in milliseconds.
    public static let escapeDelayMilliseconds: Int32 = 25

    /// Takes over the terminal on stdin/stdout. Throws when stdin or stdout is not a terminal,
    /// or when terminfo does not know `TERM`; nothing is changed in that case.
    public init(noColor: Bool = false, mouse: Bool = false) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw NcursesScreenError.notATerminal }
        Self.useUTF8Locale()
        TerminalRestoration.activate()
        guard let terminal = doppel_newterm() else {
            TerminalRestoration.endCursesIfActive()
            throw NcursesScreenError.unknownTerminal(Self.environment("TERM") ?? "")
        }
        self.terminal = terminal
        window = doppel_stdscr()
        raw()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        leaveok(window, true)
        curs_set(0)
        set_escdelay(Self.escapeDelayMilliseconds)
        // Off unless asked for: with it on, the terminal's own selection and scrollback stop working.
        if mouse { _ = doppel_enable_mouse() }
        // Home and End mean the same whatever the terminal sends for them (terminfo knows one
        // spelling per TERM; tmux, PuTTY, rxvt and the Linux console each send another).
        for (sequence, key) in KeyDecoder.homeEndSequences {
            if let code = KeyDecoder.keyCode(for: key) { _ = define_key(sequence, code) }
        }

        var capability = ColorCapability.monochrome
        if !noColor, has_colors(), start_color() == OK {
            use_default_colors()
            capability = ColorCapability(colorCount: Int(doppel_colors()), noColor: false)
        }
        colors = capability
        pairs = ColorPairs(capacity: capability.hasColor ? Int(doppel_color_pairs()) : 1) { pair, foreground, background in
            init_extended_pair(pair, foreground, background) == OK
        }
        cellText = Array(repeating: 0, count: Int(doppel_ccharw_max()) + 1)
        werase(window)
        wrefresh(window)
    }

    deinit { restore() }

    /// Gives the terminal back: main screen, echo, line editing and the cursor as they were.
    /// Safe to call more than once; drawing afterwards does nothing.
    public func restore() {
        guard isOpen else { return }
        isOpen = false
        TerminalRestoration.endCursesIfActive()
        delscreen(terminal)
    }

    /// Ctrl-Z, which raw mode delivers as a key: the terminal as the shell left it, then
    /// SIGSTOP (which cannot be caught, so nothing runs half-restored); on SIGCONT curses takes
    /// the terminal back at the next refresh, and the next frame repaints every cell.
    public func suspend() {
        guard isOpen else { return }
        endwin()
        raise(SIGSTOP)
        // Resumed: the terminal may have been used (and resized) meanwhile.
        lastFrame = nil
        wrefresh(window)
    }

    /// Opens the terminal, runs `body`, and restores the terminal however `body` ends.
    public static func withScreen<Result>(noColor: Bool = false, mouse: Bool = false,
                                          _ body: (NcursesScreen) throws -> Result) throws -> Result {
        let screen = try NcursesScreen(noColor: noColor, mouse: mouse)
        defer { screen.restore() }
        return try body(screen)
    }

    public var width: Int { isOpen ? Int(getmaxx(window)) : 0 }
    public var height: Int { isOpen ? Int(getmaxy(window)) : 0 }

    public func draw(_ frame: Buffer) {
        guard isOpen else { return }
        let updates: [CellUpdate]
        if let lastFrame {
            updates = Buffer.diff(lastFrame, frame)
        } else {
            // First frame, or the terminal was resized: repaint every cell.
            clearok(window, true)
            updates = Buffer.diff(Buffer(width: 0, height: 0), frame)
        }
        for update in updates { put(update) }
        wnoutrefresh(window)
        doupdate()
        lastFrame = frame
    }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard isOpen else { return nil }
        guard let input = pending.isEmpty ? read(timeoutMilliseconds: timeoutMilliseconds) : pending.removeFirst() else { return nil }
        if input == .character(0x1B), let key = readHomeOrEnd() { return .key(key) }
        if input == .keyCode(doppel_key_mouse()) { return readMouse() }
        let event = KeyDecoder.decode(input) { (self.width, self.height) }
        if case .resize = event { lastFrame = nil }
        return event
    }

    private func readMouse() -> InputEvent? {
        var x: Int32 = 0, y: Int32 = 0
        return KeyDecoder.mouse(kind: doppel_read_mouse(&x, &y), x: Int(x), y: Int(y)).map(InputEvent.mouse)
    }

    /// Characters read after an Esc that turned out not to be a Home or End sequence.
    private var pending: [CursesInput] = []

    private func read(timeoutMilliseconds: Int) -> CursesInput? {
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        var value: wint_t = 0
        switch wget_wch(window, &value) {
        case OK: return .character(UInt32(value))
        case KEY_CODE_YES: return .keyCode(Int32(bitPattern: UInt32(value)))
        default: return nil
        }
    }

    /// After an Esc that curses did not decode (a sequence split across reads): the rest of a
    /// Home or End sequence if it follows at once; otherwise what was read is kept for later.
    private func readHomeOrEnd() -> Key? {
        var characters: [UInt32] = [0x1B]
        var read: [CursesInput] = []
        while true {
            guard let next = self.read(timeoutMilliseconds: Int(Self.escapeDelayMilliseconds)) else { break }
            read.append(next)
            guard case .character(let value) = next else { break }
            characters.append(value)
            switch KeyDecoder.match(characters) {
            case .key(let key): return key
            case .partial: continue
            case .none: break
            }
            break
        }
        pending.append(contentsOf: read)
        return nil
    }

    private func put(_ update: CellUpdate) {
        let (attributes, pair) = cursesStyle(update.cell.style)
        let y = Int32(update.y), x = Int32(update.x)
        let placed = cellText.withUnsafeMutableBufferPointer { text -> Bool in
            var count = 0
            for scalar in update.cell.symbol.unicodeScalars {
                if count == text.count - 1 { break }
                text[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            text[count] = 0
            return doppel_put_cell(window, y, x, text.baseAddress, attributes, pair) != doppel_setcchar_failed()
        }
        if !placed, let first = update.cell.symbol.unicodeScalars.first {
            // curses refused the cluster (e.g. an emoji joined by ZWJ): draw its first scalar.
            cellText[0] = wchar_t(bitPattern: first.value)
            cellText[1] = 0
            _ = doppel_put_cell(window, y, x, cellText, attributes, pair)
        }
    }

    private func cursesStyle(_ style: Style) -> (attributes: attr_t, pair: Int32) {
        if let known = styles[style] { return known }
        var attributes = doppel_a_normal()
        if style.modifiers.contains(.bold) { attributes |= doppel_a_bold() }
        if style.modifiers.contains(.dim) { attributes |= doppel_a_dim() }
        if style.modifiers.contains(.italic) { attributes |= doppel_a_italic() }
        if style.modifiers.contains(.underline) { attributes |= doppel_a_underline() }
        if style.modifiers.contains(.reverse) { attributes |= doppel_a_reverse() }
        let pair = pairs.pair(foreground: CursesColor.number(for: style.foreground, on: colors),
                              background: CursesColor.number(for: style.background, on: colors))
        styles[style] = (attributes, pair)
        return (attributes, pair)
    }

    /// Wide characters need a UTF-8 locale; take the user's, or C.UTF-8 when theirs is not UTF-8.
    private static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset).uppercased().filter({ $0 != "-" }) == "UTF8" { return }
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// How many colours the terminal on stdout has (terminfo), read without taking it over;
    /// 0 when `TERM` is unknown.
    public static func terminalColorCount() -> Int {
        Int(doppel_probe_colors())
    }
}

/// Why the terminal could not be opened.
public enum NcursesScreenError: Error, CustomStringConvertible, Equatable {
    case notATerminal
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the workbench needs a terminal on standard input and output"
        case .unknownTerminal(let name):
            return name.isEmpty
                ? "TERM is not set, so the terminal's capabilities are unknown (try TERM=xterm-256color)"
                : "terminal type '\(name)' is unknown to terminfo (try TERM=xterm-256color)"
        }
    }
}
