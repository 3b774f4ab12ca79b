#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Tabular

/// Puts the terminal back (echo, line editing, cursor, main screen) however the program ends
/// while curses is active: a normal return, a thrown error, `exit()`, a termination signal
/// (SIGINT, SIGTERM, SIGHUP, SIGQUIT) or a crash (SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL,
/// SIGTRAP — Swift traps arrive as SIGILL or SIGTRAP).
///
/// Signal handlers call `endwin`, which ncurses documents as safe enough from a handler (its
/// own SIGINT/SIGTERM handlers do the same), then restore the default disposition and re-raise,
/// so the exit status and core dumps are what they would have been.
enum TerminalRestoration {
    static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGTRAP]

    /// Installs the handlers (once per process) and marks curses active. Call before `newterm`,
    /// so that ncurses sees handlers in place and does not install its own for SIGINT/SIGTERM.
    static func activate() {
        if !handlersInstalled {
            handlersInstalled = true
            for signal in terminationSignals + crashSignals { install(signal) }
            atexit { TerminalRestoration.endCursesIfActive() }
        }
        cursesActive = true
    }

    /// Ends curses if it is active; safe to call more than once.
    static func endCursesIfActive() {
        guard cursesActive else { return }
        cursesActive = false
        endwin()
    }

    private static func install(_ signal: Int32) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = restoreAndReraise
        #else
        action.__sigaction_u.__sa_handler = restoreAndReraise
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}

/// Whether curses owns the terminal now. Written only by the UI thread, read by the handler.
nonisolated(unsafe) private var cursesActive = false
nonisolated(unsafe) private var handlersInstalled = false

/// The handler: give the terminal back, then die of the same signal with its default action.
private let restoreAndReraise: @convention(c) (Int32) -> Void = { signal in
    if cursesActive {
        cursesActive = false
        endwin()
    }
    SignalDeath.reraiseWithDefaultAction(signal)
}
