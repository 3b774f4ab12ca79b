#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old contents or the new, never a half-written
/// file: the bytes go to a temporary file in the same directory, are flushed, then renamed over
/// the target. A failed write leaves the target untouched and removes the temporary file.
public final class AtomicFileWriter {
    public let path: String
    /// The file renamed into place; nil when writing straight to a device or pipe.
    private let temporaryPath: String?
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var finished = false
    private static let flushThreshold = 1 << 20

    public init(path: String) throws {
        self.path = path
        // A device or a pipe (`-o /dev/null`, a FIFO) is written as it is: renaming a file over
        // it would replace the device with a regular file.
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            guard (info.st_mode & S_IFMT) != S_IFDIR else {
                throw DataError(file: path, message: "is a directory; give a file name")
            }
            descriptor = Glibc.open(path, O_WRONLY | O_TRUNC)
            guard descriptor >= 0 else {
                throw DataError(file: path, message: "cannot write: \(String(cString: strerror(errno)))")
            }
            temporaryPath = nil
            return
        }
        // Through a symbolic link, the file it points to is the one replaced.
        let target = Self.resolvingLinks(path)
        let directory = target.contains("/") ? String(target[..<target.lastIndex(of: "/")!]) : "."
        let base = target.split(separator: "/").last.map(String.init) ?? target
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(base).tmp-XXXXXX".utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw DataError(file: path, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(descriptor, 0o644)
    }

    private static func resolvingLinks(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    deinit {
        if !finished {
            close(descriptor)
            if let temporaryPath { unlink(temporaryPath) }
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Flushes, syncs and renames the file into place.
    public func commit() throws {
        try flush()
        guard let temporaryPath else {
            close(descriptor)
            finished = true
            return
        }
        guard fsync(descriptor) == 0 || errno == EINVAL else { throw failure("cannot sync") }
        close(descriptor)
        finished = true
        guard rename(temporaryPath, Self.resolvingLinks(path)) == 0 else {
            let error = failure("cannot rename into place")
            unlink(temporaryPath)
            throw error
        }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write")
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func failure(_ what: String) -> DataError {
        DataError(file: path, message: "\(what): \(String(cString: strerror(errno)))")
    }

    /// Writes all of `bytes` to `path` atomically, or to standard output when `path` is `-`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        if path == "-" {
            try StandardOutput.write(bytes)
            return
        }
        let writer = try AtomicFileWriter(path: path)
        try writer.write(bytes)
        try writer.commit()
    }
}

/// Unbuffered writes to file descriptor 1 that report a closed pipe instead of crashing.
public enum StandardOutput {
    public static func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw DataError(file: "<stdout>", message: "cannot write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }
}
