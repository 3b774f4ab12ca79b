import TerminalUI

/// Runs the workbench on a screen: draws frames, reads events, runs effects in the background.
/// (Contract for the backends; the state machine behind it lives in the other Workbench files.)
public final class WorkbenchApp {
    public let launch: WorkbenchLaunch

    public init(launch: WorkbenchLaunch) throws {
        self.launch = launch
    }

    /// The event loop: returns when the user quits.
    public func run(on screen: any Screen) throws -> WorkbenchExit {
        while true {
            var frame = Buffer(width: screen.width, height: screen.height)
            frame.set(0, 0, "doppel workbench — q quits")
            screen.draw(frame)
            if case .key(.character("q")) = screen.nextEvent(timeoutMilliseconds: 100) { return .quit }
        }
    }
}
