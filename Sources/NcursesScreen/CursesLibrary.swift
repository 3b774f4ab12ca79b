import CNcursesw

/// Facts about the linked curses library. The full screen backend arrives with the workbench;
/// this keeps the C bridge compiled and linked from the first commit on.
public enum CursesLibrary {
    /// The version string curses reports, e.g. "ncurses 6.4.20221231".
    public static var version: String {
        guard let cString = doppel_curses_version() else { return "unknown" }
        return String(cString: cString)
    }
}
