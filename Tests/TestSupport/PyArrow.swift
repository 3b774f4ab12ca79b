import Foundation
import Testing

/// Runs a Python script that needs pyarrow (from PyPI, for cross-checks only); skips the test
/// (cancels it with a message) when python3 or pyarrow is missing. CI installs both, so there
/// the tests run. Shared by the reader and writer tests and the command tests.
public enum PyArrow {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `python3 ARGUMENTS` in the package root; returns its standard output. A non-zero
    /// exit throws with the script's standard error.
    @discardableResult
    public static func run(_ arguments: [String]) throws -> String {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import pyarrow"]
        probe.standardError = FileHandle.nullDevice
        probe.standardOutput = FileHandle.nullDevice
        do { try probe.run() } catch { try Test.cancel("skipped: python3 is not installed (CI installs it with pyarrow)") }
        probe.waitUntilExit()
        if probe.terminationStatus != 0 { try Test.cancel("skipped: pyarrow is not installed (pip install pyarrow; CI installs it)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = TestData.packageRoot
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Standard error is read on its own thread so that neither pipe can fill and stall the script.
        let message = Collected()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            message.data = errors.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(arguments.first ?? "python3"): \(String(decoding: message.data, as: UTF8.self))")
        }
        return String(decoding: printed, as: UTF8.self)
    }
}

private final class Collected: @unchecked Sendable {
    var data = Data()
}
