import Fidelity
import Foundation
import Synthesis
import Tabular

// Quality and fit time of the differentially private joint model `mst` at several ε (PrivBayes,
// `bayesian_network` with epsilon, was measured here too until it was retired: BENCHMARKS.md):
// each dataset split 80/20 `SPLITS` times, each
// split fitted with `SEEDS` seeds; Doppel's QualityReport (SDMetrics 0.32's definitions) of the
// synthetic rows against the 80% they were fitted on, and in brackets against the other 20%.
// Usage: dp-bench [DATA_DIR] (default ../shared/data); env DP_SPLITS, DP_SEEDS, DP_EPSILONS
// ("0.3,1,3"), DP_DATASETS ("diamonds,credit_data"), DP_MODELS ("mst,mst_declared"),
// ("mst_declared": mst with each category's levels declared public),
// DP_WRITE=DIR writes each split's 80% as DIR/NAME_train_SPLIT.csv and each mst sample as
// DIR/NAME_EPS_SPLIT_SEED.csv (Benchmarks/dp_crosscheck.py fits smartnoise-synth's MST on the
// same splits and scores both with `doppel report`).

let environment = ProcessInfo.processInfo.environment
let dataDirectory = CommandLine.arguments.dropFirst().first ?? "../shared/data"
let splits = Int(environment["DP_SPLITS"] ?? "") ?? 3
let seeds = Int(environment["DP_SEEDS"] ?? "") ?? 5
let epsilons = (environment["DP_EPSILONS"] ?? "0.3,1,3").split(separator: ",").compactMap { Double($0) }
let datasets = (environment["DP_DATASETS"] ?? "diamonds,credit_data").split(separator: ",").map(String.init)
let models = (environment["DP_MODELS"] ?? "mst,mst_declared").split(separator: ",").map(String.init)
let writeDirectory = environment["DP_WRITE"]

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func select(_ column: Column, rows: [Int]) -> Column {
    let values: ColumnValues
    switch column.values {
    case .integers(let all, let style): values = .integers(rows.map { all[$0] }, style)
    case .decimals(let all, let style): values = .decimals(rows.map { all[$0] }, style)
    case .booleans(let all, let style): values = .booleans(rows.map { all[$0] }, style)
    case .datetimes(let all, let format): values = .datetimes(rows.map { all[$0] }, format)
    case .strings(let codes, let levels): values = .strings(codes: rows.map { codes[$0] }, levels: levels)
    }
    return Column(name: column.name, values: values, validity: NullBitmap(rows.map { column.validity.isValid($0) }))
}

func select(_ table: Table, rows: [Int]) -> Table { Table(columns: table.columns.map { select($0, rows: rows) }) }

/// With `declared` (the public domain a data owner would state: each category's levels, here
/// read from the whole file), members carry `levels`; numeric ranges are still found under DP.
func members(_ table: Table, kinds: [ColumnKind], supported: Set<ColumnKind>, declared: [String: Parameters]) throws -> [JointMember] {
    let plan = DefaultPlanner.plan(for: table, kinds: kinds, seed: 1)
    let fitted = try FittedPlan.fit(plan, on: table)
    return try zip(table.columns, fitted.columns).filter { supported.contains($0.1.kind) }.map { column, fittedColumn in
        JointMember(name: column.name, kind: fittedColumn.kind, shape: fittedColumn.shape, column: column, marginal: fittedColumn,
                    parameters: try ResolvedParameters(declared[column.name] ?? Parameters(), schema: MSTStrategy.descriptor.memberParameters, column: column.name))
    }
}

func declaredDomain(_ table: Table, kinds: [ColumnKind]) -> [String: Parameters] {
    var result: [String: Parameters] = [:]
    for (column, kind) in zip(table.columns, kinds) {
        if case .strings(_, let levels) = column.values {
            result[column.name] = Parameters(["levels": .list(levels.map { .text($0) })])
        } else if kind == .categorical || kind == .boolean {
            let values = Set((0..<column.count).compactMap { column.validity.isValid($0) ? column.values.numericValue(at: $0) : nil })
            result[column.name] = Parameters(["levels": .list(values.sorted().map { .text(String($0)) })])
        }
    }
    return result
}

func synthesize(_ model: any JointModel, members: [JointMember], rows: Int, seed: UInt64) throws -> Table {
    var columns = members.map { _ in [SyntheticColumn]() }
    var start = 0
    var chunk = 0
    while start < rows {
        let count = min(FittedPlan.chunkSize, rows - start)
        var random = RandomStream(seed: seed, column: "joint", chunk: chunk)
        let outputs = try model.generate(GenerationRequest(rows: start..<start + count, totalRows: rows, generated: [:]), random: &random)
        let byName = Dictionary(uniqueKeysWithValues: zip(model.columnNames, outputs))
        for (index, member) in members.enumerated() {
            let output = byName[member.name]!
            columns[index].append(member.shape.column(from: output.values, validity: output.validity ?? NullBitmap(count: count, allValid: true)))
        }
        start += count
        chunk += 1
    }
    return Table(columns: zip(members, columns).map { member, parts in
        let values = parts.dropFirst().reduce(parts[0].values) { joined, part in
            switch (joined, part.values) {
            case (.integers(let a, let s), .integers(let b, _)): return .integers(a + b, s)
            case (.decimals(let a, let s), .decimals(let b, _)): return .decimals(a + b, s)
            case (.booleans(let a, let s), .booleans(let b, _)): return .booleans(a + b, s)
            case (.datetimes(let a, let f), .datetimes(let b, _)): return .datetimes(a + b, f)
            case (.strings(let a, let levels), .strings(let b, _)): return .strings(codes: a + b, levels: levels)
            default: fatalError("chunks of \(member.name) differ in storage")
            }
        }
        var validity = NullBitmap()
        for part in parts { validity.append(contentsOf: part.validity) }
        return Column(name: member.name, values: values, validity: validity)
    })
}

func fit(_ model: String, _ members: [JointMember], epsilon: Double, seed: UInt64) throws -> any JointModel {
    let parameters = try ResolvedParameters(Parameters(["epsilon": .number(epsilon)]), schema: MSTStrategy.descriptor.parameters, column: "joint")
    return try MSTStrategy.fit(JointFitInput(groupName: "joint", members: members, parameters: parameters, seed: seed))
}

func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(1, values.count)) }
func sd(_ values: [Double]) -> Double {
    let m = mean(values)
    return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(max(1, values.count - 1))).squareRoot()
}
func f3(_ value: Double) -> String { String(format: "%.3f", value) }

print("differential-privacy benchmark: \(splits) splits × \(seeds) seeds, \(ProcessInfo.processInfo.activeProcessorCount) cores; quality against the fitted 80% [against the held-out 20%]")
for name in datasets {
    let table = try CSVReader.read(path: dataDirectory + "/\(name).csv").table
    let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
    let kindByName = Dictionary(uniqueKeysWithValues: zip(table.columnNames, kinds))
    let declared = declaredDomain(table, kinds: kinds)
    print("\n\(name): \(table.rowCount) rows × \(table.columnCount) columns")
    for model in models {
        for epsilon in epsilons {
            var scores: [Double] = [], shapes: [Double] = [], trends: [Double] = [], holdout: [Double] = [], times: [Double] = []
            for split in 0..<splits {
                var shuffler = RandomStream(seed: UInt64(2024 + split))
                var order = Array(0..<table.rowCount)
                order.shuffle(using: &shuffler)
                let train = select(table, rows: Array(order.prefix(table.rowCount * 8 / 10)).sorted())
                let test = select(table, rows: Array(order.dropFirst(table.rowCount * 8 / 10)).sorted())
                if let writeDirectory, model == models[0], epsilon == epsilons[0] {
                    try CSVWriter().write(train, to: "\(writeDirectory)/\(name)_train_\(split).csv")
                }
                let trainMembers = try members(train, kinds: kinds, supported: MSTStrategy.descriptor.supportedKinds,
                                               declared: model == "mst_declared" ? declared : [:])
                for seed in 0..<seeds {
                    var fitted: (any JointModel)?
                    times.append(try seconds { fitted = try fit(model, trainMembers, epsilon: epsilon, seed: UInt64(100 + seed)) })
                    let synthetic = try synthesize(fitted!, members: trainMembers, rows: train.rowCount, seed: UInt64(7 + seed))
                    if let writeDirectory, model == "mst" {
                        try CSVWriter().write(synthetic, to: "\(writeDirectory)/\(name)_\(epsilon)_\(split)_\(seed).csv")
                    }
                    let report = QualityReport.compute(FidelityData(real: train, synthetic: synthetic, kinds: kindByName))
                    let held = QualityReport.compute(FidelityData(real: test, synthetic: synthetic, kinds: kindByName))
                    if environment["DP_VERBOSE"] != nil {
                        print("    split \(split) seed \(seed): \(f3(report.score ?? .nan)); " + report.columns.map { "\($0.column) \(f3($0.score ?? .nan))" }.joined(separator: ", "))
                    }
                    scores.append(report.score ?? .nan)
                    shapes.append(report.columnShapes ?? .nan)
                    trends.append(report.columnPairTrends ?? .nan)
                    holdout.append(held.score ?? .nan)
                }
            }
            print("  \(model) ε = \(epsilon)".padding(toLength: 30, withPad: " ", startingAt: 0)
                + "quality \(f3(mean(scores))) ± \(f3(sd(scores))) (shapes \(f3(mean(shapes))), pair trends \(f3(mean(trends)))) [\(f3(mean(holdout)))]"
                + "  fit \(String(format: "%.2f", mean(times))) s (max \(String(format: "%.2f", times.max() ?? 0)))")
        }
    }
}
