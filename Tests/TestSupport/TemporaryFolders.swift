import Foundation

/// Temporary folders and files the tests make, removed when the test process exits (tests run
/// in parallel and some hand their folder to a child process, so each is kept to the end).
public enum TemporaryFolders {
    nonisolated(unsafe) private static var paths: [String] = []
    private static let lock = NSLock()
    private static let removal: Void = { atexit { TemporaryFolders.removeAll() } }()

    /// Removes `path` (a folder with its contents, or a file) when the process exits.
    public static func track(_ path: String) {
        _ = removal
        lock.lock()
        paths.append(path)
        lock.unlock()
    }

    public static func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
        paths.removeAll()
    }
}
