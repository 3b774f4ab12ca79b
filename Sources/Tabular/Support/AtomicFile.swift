#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old contents or the new, never a half-written
/// file: the bytes go to a temporary file in the same directory, are flushed, then renamed over
/// the target. A failed write leaves the target untouched and removes the temporary file.
///
/// Permissions: a new file gets `0666` less the umask, as `open` and the shell give; a replaced
/// file keeps its mode; `permissions:` (e.g. `0o600` for files holding real values) sets the mode
/// whatever the umask or the replaced file had.
///
/// The temporary file is `.NAME.tmp-PID-XXXXXX` beside the target. It is removed when the write
/// fails, when the writer is dropped without a commit, and on SIGINT, SIGTERM and SIGHUP (see
/// `TemporaryFileRegistry`); one left behind by a killed process (`kill -9`, a power cut) is
/// removed at the next write to the same target once its writer's process is gone.
public final class AtomicFileWriter {
    public let path: String
    /// The file renamed into place; nil when writing straight to a device or pipe.
    private let temporaryPath: String?
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var finished = false
    private static let flushThreshold = 1 << 20

    /// Opens a temporary file for `path`. `permissions` (the low nine bits) is the mode the file
    /// gets whatever the umask or the file it replaces; nil keeps a replaced file's mode and
    /// gives a new one `0666` less the umask.
    public init(path: String, permissions: mode_t? = nil) throws {
        self.path = path
        guard !path.isEmpty else { throw DataError(file: "''", message: "the output file name is empty; give a file name, or - for standard output") }
        // A device or a pipe (`-o /dev/null`, a FIFO) is written as it is: renaming a file over
        // it would replace the device with a regular file.
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            guard (info.st_mode & S_IFMT) != S_IFDIR else {
                throw DataError(file: path, message: "is a directory; give a file name")
            }
            descriptor = Glibc.open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw DataError(file: path, message: "cannot write: \(String(cString: strerror(errno)))")
            }
            temporaryPath = nil
            return
        }
        // Through a symbolic link, the file it points to is the one replaced.
        let target = Self.resolvingLinks(path)
        let (directory, base) = TemporaryName.split(target)
        TemporaryName.removeStale(directory: directory, base: base)
        let existingMode: mode_t? = stat(target, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? info.st_mode & 0o777 : nil

        // The kernel applies the umask to a new file's mode; an explicit or kept mode is set
        // with fchmod afterwards (the file starts private, never wider than it ends).
        let createMode: mode_t = (permissions != nil || existingMode != nil) ? 0o600 : 0o666
        TemporaryFileRegistry.installHandlers()
        var opened: (descriptor: Int32, path: String, slot: Int?)?
        for _ in 0..<100 {
            let candidate = TemporaryName.make(directory: directory, base: base)
            // Registered before it exists, so that a signal between open and registration
            // cannot leave it behind (unlinking a missing file is harmless).
            let slot = TemporaryFileRegistry.register(candidate)
            let fd = Glibc.open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, createMode)
            if fd >= 0 {
                opened = (fd, candidate, slot)
                break
            }
            let failure = errno
            TemporaryFileRegistry.unregister(slot)
            guard failure == EEXIST else {
                throw DataError(file: path, message: "cannot write: \(String(cString: strerror(failure)))")
            }
        }
        guard let opened else { throw DataError(file: path, message: "cannot write: no free temporary name") }
        descriptor = opened.descriptor
        temporaryPath = opened.path
        registrySlot = opened.slot
        if let mode = permissions ?? existingMode, fchmod(descriptor, mode & 0o777) != 0 {
            let error = failure("cannot set permissions")
            abandon()
            throw error
        }
    }

    /// The slot of `temporaryPath` in the signal handlers' table.
    private var registrySlot: Int?

    private static func resolvingLinks(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    deinit {
        if !finished { abandon() }
    }

    /// Closes and removes the temporary file.
    private func abandon() {
        finished = true
        close(descriptor)
        if let temporaryPath { unlink(temporaryPath) }
        if let registrySlot { TemporaryFileRegistry.unregister(registrySlot) }
        registrySlot = nil
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
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            let error = failure("cannot sync")
            abandon()
            throw error
        }
        close(descriptor)
        finished = true
        let renamed = rename(temporaryPath, Self.resolvingLinks(path)) == 0
        let error = renamed ? nil : failure("cannot rename into place")
        if !renamed { unlink(temporaryPath) }
        if let registrySlot { TemporaryFileRegistry.unregister(registrySlot) }
        registrySlot = nil
        if let error { throw error }
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
    /// `mode` as in `init(path:permissions:)`.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t? = nil) throws {
        if path == "-" {
            try StandardOutput.write(bytes)
            return
        }
        let writer = try AtomicFileWriter(path: path, permissions: mode)
        try writer.write(bytes)
        try writer.commit()
    }
}

/// The temporary names: `.NAME.tmp-PID-XXXXXX` in the target's directory, so that a later
/// write can tell its own leftovers from anything else and whether their writer still runs.
enum TemporaryName {
    static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// The directory (no trailing slash; "/" for the root) and the file name of `target`.
    static func split(_ target: String) -> (directory: String, base: String) {
        guard let slash = target.lastIndex(of: "/") else { return (".", target) }
        let directory = String(target[..<slash])
        return (directory.isEmpty ? "/" : directory, String(target[target.index(after: slash)...]))
    }

    static func prefix(base: String) -> String { ".\(base).tmp-" }

    static func make(directory: String, base: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let suffix = String(decoding: (0..<6).map { _ in letters[Int(generator.next() % UInt64(letters.count))] }, as: UTF8.self)
        let separator = directory.hasSuffix("/") ? "" : "/"
        return "\(directory)\(separator)\(prefix(base: base))\(getpid())-\(suffix)"
    }

    /// The writer's pid in a temporary name for `base`, or nil when `name` is not one. The
    /// names of earlier versions (`.NAME.tmp-XXXXXX`, no pid) give 0.
    static func writerPID(of name: String, base: String) -> pid_t? {
        let prefix = prefix(base: base)
        guard name.hasPrefix(prefix) else { return nil }
        let rest = Array(name.utf8.dropFirst(prefix.utf8.count))
        let isLetter = { (byte: UInt8) in letters.contains(byte) }
        if rest.count == 6, rest.allSatisfy(isLetter) { return 0 }
        guard let dash = rest.firstIndex(of: UInt8(ascii: "-")), dash > 0, dash <= 10,
              rest[..<dash].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              rest.count - dash - 1 == 6, rest[(dash + 1)...].allSatisfy(isLetter),
              let pid = pid_t(String(decoding: rest[..<dash], as: UTF8.self)), pid > 0 else { return nil }
        return pid
    }

    /// Removes temporary files for `base` in `directory` left by writers that are gone: a pid
    /// that no longer runs, with the file untouched for `minimumAge` seconds (a pid from
    /// another pid namespace looks dead here, but its file would still be growing), or a name
    /// without a pid (earlier versions) untouched for an hour. Only regular files this tool
    /// names this way for this target are considered; anything else is left alone.
    static func removeStale(directory: String, base: String, minimumAge: Double = 10) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        let prefix = prefix(base: base)
        let now = time(nil)
        let ownPID = getpid()
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard name.hasPrefix(prefix), let pid = writerPID(of: name, base: base), pid != ownPID else { continue }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let age = Double(now - info.st_mtim.tv_sec)
            let gone: Bool
            if pid == 0 {
                gone = age >= 3600
            } else {
                gone = age >= minimumAge && kill(pid, 0) != 0 && errno == ESRCH
            }
            if gone { unlink(path) }
        }
    }
}

/// The temporary files being written, for the SIGINT, SIGTERM and SIGHUP handlers to remove
/// before the process dies of the signal. Handlers go in once, and only for signals whose
/// disposition is still the default: an ignored signal (`nohup`) stays ignored, and a handler
/// someone else installed (the workbench's terminal restoration) is left in place.
enum TemporaryFileRegistry {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let capacity = 256

    /// The paths, as C strings the handler can pass to `unlink` (no allocation, no locks in a
    /// handler). A slot is claimed under the lock; the handler only reads.
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()
    nonisolated(unsafe) static var lock = pthread_mutex_t()
    nonisolated(unsafe) static var installed = false
    private static let setUp: Void = {
        pthread_mutex_init(&lock, nil)
        _ = slots
    }()

    /// Installs the handlers once.
    static func installHandlers() {
        _ = setUp
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        guard !installed else { return }
        installed = true
        for signal in signals {
            var current = sigaction()
            sigaction(signal, nil, &current)
            guard isDefault(current) else { continue }
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = removeTemporaryFilesAndReraise
            #else
            action.__sigaction_u.__sa_handler = removeTemporaryFilesAndReraise
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
            // A parent that spawned us from a thread with signals blocked (Foundation's
            // Process does) would leave the signal pending forever: unblock what we handle.
            var handled = sigset_t()
            sigemptyset(&handled)
            sigaddset(&handled, signal)
            pthread_sigmask(SIG_UNBLOCK, &handled, nil)
        }
    }

    /// True when `action` is the default disposition (not ignored, no handler).
    private static func isDefault(_ action: sigaction) -> Bool {
        guard action.sa_flags & SA_SIGINFO == 0 else { return false }
        #if canImport(Glibc)
        return action.__sigaction_handler.sa_handler == nil
        #else
        return action.__sigaction_u.__sa_handler == nil
        #endif
    }

    /// Records `path`; returns its slot (nil when the table is full: the file is then only
    /// removed on errors, not on signals).
    static func register(_ path: String) -> Int? {
        _ = setUp
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        for index in 0..<capacity where slots[index] == nil {
            slots[index] = strdup(path)
            return index
        }
        return nil
    }

    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        let text = slots[slot]
        slots[slot] = nil
        free(text)
    }

    /// Unlinks every registered path; async-signal-safe (reads the table, calls `unlink`).
    static func unlinkAll() {
        for index in 0..<capacity {
            if let text = slots[index] { unlink(text) }
        }
    }
}

/// Removes the temporary files, then dies of the signal with its default action, so the exit
/// status is what it would have been.
private let removeTemporaryFilesAndReraise: @convention(c) (Int32) -> Void = { signal in
    TemporaryFileRegistry.unlinkAll()
    SignalDeath.reraiseWithDefaultAction(signal)
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
