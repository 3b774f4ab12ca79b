import Foundation
import TerminalUI

/// `DOPPEL_FRAME_LOG=FILE`: the workbench's screen reports, per key, how long handling,
/// rendering and drawing took (see `FrameTimingScreen`); Benchmarks/workbench_latency.sh reads it.
struct FrameLog {
    static let variable = "DOPPEL_FRAME_LOG"

    private let handle: FileHandle

    /// The log the variable names, created empty; nil when it is not set. Opened before curses
    /// starts, so that a bad path is reported on a normal terminal.
    static func fromEnvironment() throws -> FrameLog? {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else { return nil }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw BadInput("\(variable)=\(path): cannot create the file")
        }
        return FrameLog(handle: handle)
    }

    /// `screen`, timed into this log.
    func wrap(_ screen: any Screen) -> any Screen {
        FrameTimingScreen(screen) { line in handle.write(Data((line + "\n").utf8)) }
    }
}
