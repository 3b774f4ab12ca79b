import Foundation
import TestSupport
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
        try TestData.dataset(name)
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
