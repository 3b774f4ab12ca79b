import CLibFuzzer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fuzz target's `main`. Built by `scripts/fuzz.sh` (`-sanitize=fuzzer,address -DDOPPEL_FUZZ`)
/// it hands the command line to libFuzzer's driver, which calls `target` with each input it
/// makes. Built plainly (`swift build`, no libFuzzer to link) it runs each file named on the
/// command line through `target` once: a reproducer replays in a debugger, and the targets
/// always compile and link.
///
/// SwiftPM renames an executable's `main` (to link it into tests), so libFuzzer's own `main`
/// cannot stand in for ours: ours calls the driver instead.
public enum FuzzMain {
    /// `LLVMFuzzerTestOneInput`; libFuzzer never passes a null pointer.
    public typealias Target = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

    /// `setUp` runs first, once: a target's fixed data made there is not taken for memory that
    /// an input leaked (LeakSanitizer misses Swift references kept in enum payloads' spare bits).
    public static func run(_ target: Target, setUp: () -> Void = {}) -> Never {
        setUp()
        #if DOPPEL_FUZZ
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        typealias DriverCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
        exit(LLVMFuzzerRunDriver(&argc, &argv, unsafeBitCast(target, to: DriverCallback.self)))
        #else
        replay(target)
        #endif
    }

    /// Set while replaying files: then `note` prints.
    nonisolated(unsafe) private static var replaying = false

    /// Says why an input was refused, when replaying files (never while fuzzing), so that a
    /// seed that stopped meaning anything shows up: `.build/debug/SessionFuzz Fuzz/Corpus/session/*`.
    public static func note(_ message: @autoclosure () -> String) {
        if replaying { complain("  " + message()) }
    }

    static func replay(_ body: Target) -> Never {
        replaying = true
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            let name = CommandLine.arguments.first ?? "fuzz-target"
            complain("usage: \(name) FILE...   (runs each file through the fuzz target once; build with scripts/fuzz.sh to fuzz)")
            exit(2)
        }
        for path in paths {
            guard let bytes = readFile(path) else {
                complain("\(path): cannot read")
                exit(1)
            }
            // Never a null pointer, even for an empty file, as libFuzzer passes it.
            let padded = bytes + [0]
            _ = padded.withUnsafeBufferPointer { body($0.baseAddress!, bytes.count) }
            print("\(path): ok (\(bytes.count) bytes)")
        }
        exit(0)
    }

    static func complain(_ message: String) {
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes += buffer[0..<count] }
            if count < buffer.count { return ferror(file) == 0 ? bytes : nil }
        }
    }
}

/// Reads a fuzz input as bytes: a first byte of settings, then the rest.
public struct FuzzInput {
    public let bytes: UnsafeBufferPointer<UInt8>

    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = UnsafeBufferPointer(start: data, count: size)
    }

    /// The first byte (0 when empty), used by targets to choose options.
    public var settings: UInt8 { bytes.first ?? 0 }

    /// Every byte after the first.
    public var payload: [UInt8] { bytes.count > 1 ? Array(bytes[1...]) : [] }

    /// All the bytes as text; invalid UTF-8 becomes U+FFFD, as when Doppel reads a file.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
