import Foundation
import TerminalUI

/// `DOPPEL_FRAME_LOG=FILE`: the workbench's screen reports, per key, how long handling,
/// rendering and drawing took (see `FrameTimingScreen`); Benchmarks/workbench_latency.sh reads it.
enum FrameLog {
    static let variable = "DOPPEL_FRAME_LOG"

    /// `screen`, wrapped in a `FrameTimingScreen` writing to the file the variable names, or
    /// `screen` itself when it is not set.
    static func wrap(_ screen: any Screen) throws -> any Screen {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else { return screen }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw BadInput("\(variable)=\(path): cannot create the file")
        }
        return FrameTimingScreen(screen) { line in handle.write(Data((line + "\n").utf8)) }
    }
}
