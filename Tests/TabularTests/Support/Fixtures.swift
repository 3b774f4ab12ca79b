import Foundation
import Testing
@testable import Tabular

/// Paths and helpers shared by the tests.
enum Fixtures {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A dataset by name: Tests/Fixtures/NAME.csv, else ../shared/data/NAME.csv; skips the test
    /// when neither exists.
    static func sharedData(_ name: String) throws -> String {
        try locateDataset(name, packageRoot: packageRoot)
    }

    /// NAME.csv: the copy in Tests/Fixtures when there is one, else ../shared/data beside the
    /// checkout (or $DOPPEL_SHARED_DATA). When neither has it the test is skipped (cancelled with
    /// a message), never failed: the large datasets live only in ../shared.
    static func locateDataset(_ name: String, packageRoot: URL) throws -> String {
        let fixture = packageRoot.appendingPathComponent("Tests/Fixtures/\(name).csv").path
        if FileManager.default.fileExists(atPath: fixture) { return fixture }
        let shared = ProcessInfo.processInfo.environment["DOPPEL_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        let path = shared.appendingPathComponent("\(name).csv").path
        guard FileManager.default.fileExists(atPath: path) else {
            try Test.cancel("skipped: \(name).csv is not in Tests/Fixtures and \(path) is missing (integration tests need ../shared/data)")
        }
        return path
    }

    /// Reads CSV text given inline.
    static func read(_ text: String, options: CSVReadOptions = CSVReadOptions(), blockSize: Int = CSVReader.defaultBlockSize) throws -> CSVReadResult {
        try CSVReader.read(.bytes(Array(text.utf8), name: "inline.csv"), options: options, blockSize: blockSize)
    }

    static func readBytes(_ bytes: [UInt8], options: CSVReadOptions = CSVReadOptions(), blockSize: Int = CSVReader.defaultBlockSize) throws -> CSVReadResult {
        try CSVReader.read(.bytes(bytes, name: "inline.csv"), options: options, blockSize: blockSize)
    }

    /// A fresh temporary directory for a test's files.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("doppel-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        TemporaryFolders.track(url.path)
        return url
    }

    /// Every row of a column as text, nil for null.
    static func texts(_ column: Column) -> [String?] {
        (0..<column.count).map { column.text(at: $0) }
    }

    /// The thrown DataError, or nil.
    static func dataError(_ body: () throws -> Void) -> DataError? {
        do {
            try body()
            return nil
        } catch let error as DataError {
            return error
        } catch {
            return nil
        }
    }
}
