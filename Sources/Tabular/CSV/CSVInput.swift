#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where CSV bytes come from: a file (plain or gzip), standard input, or bytes in memory.
public enum CSVInput: Sendable {
    case path(String)
    case standardInput
    /// In-memory bytes with a display name for messages (tests, the embedded demo dataset).
    case bytes([UInt8], name: String)

    /// `-` means standard input, as on every Doppel command.
    public init(argument: String) {
        self = argument == "-" ? .standardInput : .path(argument)
    }

    /// The name used in messages.
    public var displayName: String {
        switch self {
        case .path(let path): path
        case .standardInput: "<stdin>"
        case .bytes(_, let name): name
        }
    }

    /// The input's size in bytes when it is known before reading (a regular file, memory).
    var sizeHint: Int? {
        switch self {
        case .bytes(let bytes, _): return bytes.count
        case .standardInput: return nil
        case .path(let path):
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            return Int(info.st_size)
        }
    }

    /// Refuses, with a message naming the path, anything that is not a regular file (after
    /// following symbolic links): a directory, a FIFO (opening it would wait for a writer), a
    /// socket, a character or block device (`/dev/zero` never ends). Only `stat`, so nothing is
    /// opened. Standard input is `-`.
    public static func checkRegularFile(_ path: String) throws {
        guard !path.isEmpty else { throw DataError(file: "''", message: "empty path (give a file name, or - for standard input)") }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw DataError(file: path, message: "cannot open: \(reason)")
        }
        let what: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw DataError(file: path, message: "is a directory, not a CSV file")
        case S_IFIFO: what = "a FIFO"
        case S_IFSOCK: what = "a socket"
        case S_IFCHR: what = "a character device"
        case S_IFBLK: what = "a block device"
        default: what = "a special file"
        }
        throw DataError(file: path, message: "is \(what), not a regular file (to read a stream, give - and send it to standard input)")
    }

    /// Opens the input for streaming. Gzip is recognised by its magic bytes, whatever the name.
    /// `tap` sees every byte of the input as it is read, in order, before any decompression
    /// (to hash a file in the same pass that reads it).
    func open(tap: ((UnsafeRawBufferPointer) -> Void)? = nil) throws -> GzipDetectingSource {
        if let tap {
            let source = try opened()
            return try GzipDetectingSource(TappedSource(source, tap: tap), name: displayName)
        }
        return try GzipDetectingSource(try opened(), name: displayName)
    }

    private func opened() throws -> any ByteSource {
        switch self {
        case .bytes(let bytes, _):
            return MemoryByteSource(bytes)
        case .standardInput:
            return FileDescriptorSource(descriptor: STDIN_FILENO, owned: false)
        case .path(let path):
            try Self.checkRegularFile(path)
            // O_NONBLOCK: should the path have been swapped for a FIFO since the check, opening
            // it must not wait for a writer; fstat below then refuses it.
            let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw DataError(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
            }
            var info = stat()
            guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                close(descriptor)
                throw DataError(file: path, message: "is not a regular file (it changed while being opened)")
            }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
            #if os(Linux)
            _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
            #endif
            return FileDescriptorSource(descriptor: descriptor, owned: true)
        }
    }
}
