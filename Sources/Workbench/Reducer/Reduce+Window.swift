import Session
import Tabular

/// A file too large to load, streaming in the background (`FileWindow`).
extension Workbench {
    static func streamProgressed(_ path: String, bytes: Int, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard state.document?.dataPath == path, state.document?.window?.isStreaming == true else { return [] }
        state.document?.window?.streamedBytes = bytes
        return []
    }

    /// Every row profiled: the column panels show the whole file, and a saved session records
    /// its row count (`doppel run` makes that many rows by default).
    static func fileStreamed(_ path: String, _ streamed: FileStreamed, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard var document = state.document, document.dataPath == path, var window = document.window else { return [] }
        window.fileRows = streamed.rowCount
        window.streamedBytes = window.fileBytes ?? window.streamedBytes
        document.window = window
        if streamed.columnNames == document.table.columnNames { document.profiles = streamed.profiles }
        document.session.source?.rows = streamed.rowCount
        state.document = document
        state.message = StatusMessage("profiled all \(StatusBar.grouped(streamed.rowCount)) rows of \(document.displayName); the grid shows the first \(StatusBar.grouped(window.rowsShown))",
                                      isError: false)
        return []
    }

    static func streamFailed(_ path: String, _ message: String, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard state.document?.dataPath == path, state.document?.window != nil else { return [] }
        state.document?.window?.failure = message
        state.message = StatusMessage("streaming the file stopped: " + message, isError: true)
        return []
    }
}
