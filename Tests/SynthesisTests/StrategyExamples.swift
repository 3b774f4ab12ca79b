import Foundation
import TestSupport
import Testing
@testable import Synthesis
import Tabular

/// One worked example per registered strategy: a real column to fit on, parameters, and a bad
/// parameter value. The shared checkers run every strategy through these; a strategy without
/// an example fails the suite, so every new strategy must add one here.
struct StrategyExample: Sendable, CustomStringConvertible {
    var strategy: String
    var dataset: String
    var column: String
    var kind: ColumnKind
    var parameters: Parameters = Parameters()
    /// A parameter value the schema must reject.
    var badParameter: (name: String, value: ParameterValue)?
    /// A kind the strategy must refuse.
    var unsupportedKind: ColumnKind?
    /// False for strategies whose output does not depend on the seed.
    var isRandom = true
    /// Columns generated before this one, for strategies that read other columns.
    var companions: [ColumnPlan] = []

    var description: String { strategy }

    static let all: [StrategyExample] = [
        StrategyExample(strategy: "empirical", dataset: "diamonds", column: "price", kind: .integer,
                        badParameter: ("edge_rate", 1.5)),
        StrategyExample(strategy: "histogram", dataset: "diamonds", column: "carat", kind: .decimal,
                        parameters: Parameters(["bins": 30]), badParameter: ("bins", 0), unsupportedKind: .categorical),
        StrategyExample(strategy: "categorical", dataset: "diamonds", column: "cut", kind: .categorical,
                        parameters: Parameters(["alpha": 0.5, "rare_threshold": 10]), badParameter: ("rare_action", "keep"), unsupportedKind: .datetime),
        StrategyExample(strategy: "code", dataset: "inline-codes", column: "tailnum", kind: .code,
                        parameters: Parameters(["min_support": 2]), badParameter: ("min_support", 0), unsupportedKind: .decimal),
        StrategyExample(strategy: "boolean", dataset: "credit_data", column: "Records", kind: .boolean,
                        badParameter: ("p_true", 2), unsupportedKind: .decimal),
        StrategyExample(strategy: "datetime", dataset: "inline-dates", column: "when", kind: .datetime,
                        badParameter: ("bins", -1), unsupportedKind: .integer),
        StrategyExample(strategy: "sequence", dataset: "penguins", column: "year", kind: .identifier,
                        parameters: Parameters(["start": 100, "step": 2]), badParameter: ("width", 99), unsupportedKind: .boolean, isRandom: false),
        StrategyExample(strategy: "constant", dataset: "penguins", column: "island", kind: .categorical,
                        badParameter: ("value", 3), isRandom: false),
        StrategyExample(strategy: "uniform", dataset: "penguins", column: "body_mass_g", kind: .integer,
                        parameters: Parameters(["min": 3000]), badParameter: ("max", "lots"), unsupportedKind: .text),
        StrategyExample(strategy: "choice", dataset: "penguins", column: "island", kind: .categorical,
                        parameters: Parameters(["values": .list(["North", "South"]), "weights": .list([3, 1])]), badParameter: ("weights", "heavy")),
        StrategyExample(strategy: "keep", dataset: "penguins", column: "sex", kind: .categorical,
                        badParameter: ("cycle", "yes"), isRandom: false),
        StrategyExample(strategy: "shuffle", dataset: "penguins", column: "bill_length_mm", kind: .decimal,
                        badParameter: ("cycle", 1)),
        StrategyExample(strategy: "perturb", dataset: "diamonds", column: "depth", kind: .decimal,
                        parameters: Parameters(["noise": "laplace", "scale": 0.5]), badParameter: ("noise", "pink"), unsupportedKind: .categorical),
        StrategyExample(strategy: "mask", dataset: "credit_data", column: "Home", kind: .categorical,
                        parameters: Parameters(["keep": 2]), badParameter: ("keep", -1), unsupportedKind: .integer, isRandom: false),
        StrategyExample(strategy: "drop", dataset: "penguins", column: "sex", kind: .categorical, isRandom: false),
        // A column the source lacks: fake values need no real column.
        StrategyExample(strategy: "fake", dataset: "penguins", column: "owner", kind: .name,
                        parameters: Parameters(["provider": "name"]), badParameter: ("provider", "dragon"), unsupportedKind: .integer),
        StrategyExample(strategy: "parametric", dataset: "diamonds", column: "depth", kind: .decimal,
                        parameters: Parameters(["family": "truncnorm"]), badParameter: ("family", "cauchy"), unsupportedKind: .datetime),
        StrategyExample(strategy: "kde", dataset: "penguins", column: "body_mass_g", kind: .decimal,
                        parameters: Parameters(["bandwidth": "silverman"]), badParameter: ("bandwidth", 0), unsupportedKind: .categorical),
        StrategyExample(strategy: "pattern", dataset: "penguins", column: "species", kind: .identifier,
                        parameters: Parameters(["template": #"(AB|CD)-[A-Z]{2}\d{3}"#]), badParameter: ("template", "[A-Z"), unsupportedKind: .decimal),
        // The checkers fit with an empty environment, so the key comes from a file (see HashTestKey).
        StrategyExample(strategy: "hash", dataset: "diamonds", column: "clarity", kind: .categorical,
                        parameters: Parameters(["key_file": .text(HashTestKey.path), "prefix": "c-"]), badParameter: ("length", 4), isRandom: false),
        StrategyExample(strategy: "formula", dataset: "diamonds", column: "price", kind: .integer,
                        parameters: Parameters(["expression": "round(2.5 * 4, 0)"]), badParameter: ("expression", 3), isRandom: false),
        StrategyExample(strategy: "lookup", dataset: "diamonds", column: "cut", kind: .categorical,
                        parameters: Parameters(["keys": .list(["color"])]), badParameter: ("keys", "color"),
                        companions: [ColumnPlan(name: "color", kind: .categorical, strategy: "categorical")]),
        StrategyExample(strategy: "categorical_given", dataset: "diamonds", column: "clarity", kind: .categorical,
                        parameters: Parameters(["given": .list(["cut"]), "rare_threshold": 5]), badParameter: ("rare_threshold", -2),
                        unsupportedKind: .datetime, companions: [ColumnPlan(name: "cut", kind: .categorical, strategy: "categorical")]),
    ]
}

/// Datasets by name, read once.
enum Datasets {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ name: String) throws -> String {
        try TestData.dataset(name)
    }


    private static let cache = DatasetCache()

    static func table(_ name: String) throws -> Table {
        try cache.table(name)
    }

    static func inline(_ text: String) throws -> Table {
        try CSVReader.read(.bytes(Array(text.utf8), name: "inline.csv")).table
    }
}

private final class DatasetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: Table] = [:]

    func table(_ name: String) throws -> Table {
        lock.lock()
        defer { lock.unlock() }
        if let table = tables[name] { return table }
        let table: Table
        if name == "inline-dates" {
            let days = (0..<500).map { index in "2024-\(String(format: "%02d", index % 12 + 1))-\(String(format: "%02d", index % 28 + 1)) \(String(format: "%02d", index % 24)):\(String(format: "%02d", index % 60)):00" }
            table = try Datasets.inline("when\n" + days.joined(separator: "\n") + "\n")
        } else if name == "inline-codes" {
            // Tail-number-like codes (N14228, N619AA) and zero-padded ones (00454).
            let codes = (0..<400).map { index in
                let tail = index % 3 == 0 ? "N\(10000 + index * 37 % 89000)" : "N\(100 + index * 7 % 900)\(["AA", "MQ", "UA", "JB"][index % 4])"
                return "\(tail),\(String(format: "%05d", index * 13 % 2000))"
            }
            table = try Datasets.inline("tailnum,zip\n" + codes.joined(separator: "\n") + "\n")
        } else {
            table = try CSVReader.read(path: Datasets.path(name)).table
        }
        tables[name] = table
        return table
    }
}
