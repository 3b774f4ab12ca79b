import Foundation
@testable import Synthesis
import Tabular

/// Builds `bayesian_network` fit inputs from tables, and reads generated rows back as text.
enum BayesianNetworkFixtures {
    /// A fit input over `columns` of `table` (all columns when nil). Kinds are inferred unless
    /// given; each member's marginal is fitted with the default planner's strategy unless
    /// `strategies` names one.
    static func input(_ table: Table, columns: [String]? = nil, kinds: [String: ColumnKind] = [:],
                      strategies: [String: (String, Parameters)] = [:], parameters: Parameters = Parameters(),
                      seed: UInt64 = 1) throws -> JointFitInput {
        let inferred = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        var members: [JointMember] = []
        for name in columns ?? table.columnNames {
            guard let column = table.column(named: name) else { throw PlanError.at(column: name, "is not in the test table") }
            let kind = kinds[name] ?? inferred[table.columnNames.firstIndex(of: name)!]
            let (strategy, strategyParameters) = strategies[name] ?? DefaultPlanner.choose(column, kind: kind)
            let marginal = try FittedPlan.fitColumn(ColumnPlan(name: name, kind: kind, strategy: strategy, parameters: strategyParameters),
                                                    table: table, environment: [:])
            members.append(JointMember(name: name, kind: kind, shape: ValueShape(of: column.values), column: column, marginal: marginal,
                                       parameters: try ResolvedParameters(Parameters(), schema: [], column: name)))
        }
        let resolved = try ResolvedParameters(parameters, schema: BayesianNetworkStrategy.descriptor.parameters, column: "joint")
        return JointFitInput(groupName: "joint", members: members, parameters: resolved, seed: seed)
    }

    static func fit(_ table: Table, columns: [String]? = nil, kinds: [String: ColumnKind] = [:],
                    strategies: [String: (String, Parameters)] = [:], parameters: Parameters = Parameters(),
                    seed: UInt64 = 1) throws -> BayesianNetworkModel {
        try BayesianNetworkStrategy.fit(input(table, columns: columns, kinds: kinds, strategies: strategies, parameters: parameters, seed: seed))
    }

    /// `rows` generated rows, one array per member, each value as text and nil for null.
    static func sample(_ model: BayesianNetworkModel, rows: Int, seed: UInt64 = 3) throws -> [[String?]] {
        var random = RandomStream(seed: seed)
        let outputs = try model.generate(GenerationRequest(rows: 0..<rows, totalRows: rows, generated: [:]), random: &random)
        return outputs.map { output in
            (0..<rows).map { row -> String? in
                if let validity = output.validity, !validity.isValid(row) { return nil }
                switch output.values {
                case .codes(let codes, let levels): return levels[Int(codes[row])]
                case .numbers(let numbers): return String(numbers[row])
                case .texts(let texts): return texts[row]
                }
            }
        }
    }

    /// A real column's values as text (nil for null), formatted as `sample` formats numbers.
    static func texts(_ column: Column) -> [String?] {
        (0..<column.count).map { row in
            guard column.validity.isValid(row) else { return nil }
            if let number = column.values.numericValue(at: row) { return String(number) }
            return column.text(at: row)
        }
    }

    /// Total variation distance between the joint frequencies of two pairs of columns.
    static func pairDistance(_ real: ([String?], [String?]), _ synthetic: ([String?], [String?])) -> Double {
        func frequencies(_ first: [String?], _ second: [String?]) -> [String: Double] {
            var counts: [String: Double] = [:]
            for (a, b) in zip(first, second) { counts["\(a ?? "∅")|\(b ?? "∅")", default: 0] += 1 }
            return counts.mapValues { $0 / Double(first.count) }
        }
        let p = frequencies(real.0, real.1)
        let q = frequencies(synthetic.0, synthetic.1)
        return Set(p.keys).union(q.keys).reduce(0) { $0 + abs((p[$1] ?? 0) - (q[$1] ?? 0)) } / 2
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - meanX) * (b - meanY)
            sxx += (a - meanX) * (a - meanX)
            syy += (b - meanY) * (b - meanY)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Pairs of numbers present in both columns.
    static func numberPairs(_ first: [String?], _ second: [String?]) -> ([Double], [Double]) {
        var x: [Double] = []
        var y: [Double] = []
        for (a, b) in zip(first, second) {
            if let a, let b, let u = Double(a), let v = Double(b) {
                x.append(u)
                y.append(v)
            }
        }
        return (x, y)
    }

    /// A table of text columns (nil for null) and decimal columns.
    static func table(texts: [(String, [String?])] = [], numbers: [(String, [Double?])] = []) -> Table {
        var columns: [Column] = []
        for (name, values) in texts {
            var levels: [String] = []
            var index: [String: UInt32] = [:]
            let codes = values.map { value -> UInt32 in
                guard let value else { return 0 }
                if let code = index[value] { return code }
                index[value] = UInt32(levels.count)
                levels.append(value)
                return UInt32(levels.count - 1)
            }
            columns.append(Column(name: name, values: .strings(codes: codes, levels: levels), validity: NullBitmap(values.map { $0 != nil })))
        }
        for (name, values) in numbers {
            columns.append(Column(name: name, values: .decimals(values.map { $0 ?? 0 }, DecimalStyle(maxFractionDigits: 6)),
                                  validity: NullBitmap(values.map { $0 != nil })))
        }
        return Table(columns: columns)
    }
}
