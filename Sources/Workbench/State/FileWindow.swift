import Session
import Tabular

/// A file too large to load (past the memory budget): the grid shows its first rows while the
/// whole file streams in the background for its profile (`StreamJob`). The status line says so.
public struct FileWindow: Sendable, Equatable {
    /// The file's size in bytes (nil for gzip, whose size says little of its rows).
    public var fileBytes: Int?
    /// Rows the grid holds: the file's first.
    public var rowsShown: Int
    /// Bytes of the file streamed so far.
    public var streamedBytes = 0
    /// Rows in the whole file, once streamed.
    public var fileRows: Int?
    /// Why the stream stopped, if it failed.
    public var failure: String?

    public init(fileBytes: Int?, rowsShown: Int) {
        self.fileBytes = fileBytes
        self.rowsShown = rowsShown
    }

    public var isStreaming: Bool { fileRows == nil && failure == nil }

    /// The share of the file streamed, when its size is known.
    public var progress: Double? {
        fileBytes.map { min(1, Double(streamedBytes) / Double(max(1, $0))) }
    }
}

/// Stream a windowed file for its whole profile, reporting progress on the way.
public struct StreamJob: Sendable {
    public var path: String
    public var options: CSVReadOptions
    public var settings: StreamingSettings
}

/// A windowed file, streamed: each column's profile over every row.
public struct FileStreamed: Sendable {
    public var profiles: [ColumnProfile]
    public var columnNames: [String]
    public var rowCount: Int
}
