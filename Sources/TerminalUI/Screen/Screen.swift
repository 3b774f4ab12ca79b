/// Where frames are drawn and keys come from. `NcursesScreen` is the terminal; `InMemoryScreen`
/// is the one tests drive with scripted keys and read back line by line.
public protocol Screen: AnyObject {
    /// The drawable size in cells.
    var width: Int { get }
    var height: Int { get }
    /// Shows `frame`, sending only the cells that differ from the last frame shown.
    func draw(_ frame: Buffer)
    /// The next input event, waiting at most `timeoutMilliseconds` (0: do not wait); nil when
    /// none arrived in time.
    func nextEvent(timeoutMilliseconds: Int) -> InputEvent?
    /// Ctrl-Z: gives the terminal back and stops the program until the shell resumes it (`fg`),
    /// then takes the terminal again; the next `draw` repaints every cell.
    func suspend()
}

extension Screen {
    /// Screens without a terminal have nothing to give back.
    public func suspend() {}
}
