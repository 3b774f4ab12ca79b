import Foundation
import Testing

/// Where the tests find their data: small fixtures in the repository, large datasets in
/// ../shared/data beside the checkout. Shared by every test target (one copy, not five).
public enum TestData {
    /// The package root, from this file's path (Tests/TestSupport/Datasets.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// NAME.csv: the copy in Tests/Fixtures when there is one, else ../shared/data beside the
    /// checkout (or $DOPPEL_SHARED_DATA). When neither has it the test is skipped (cancelled with
    /// a message), never failed: the large datasets live only in ../shared.
    public static func dataset(_ name: String) throws -> String {
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
}

extension TestData {
    /// Tests/Fixtures/relational: stores (5), customers (80, store_id → stores) and orders
    /// (274, customer_id → customers with 12 orphan or missing keys, store_id → stores).
    public static var relationalFolder: String { packageRoot.appendingPathComponent("Tests/Fixtures/relational").path }
}
