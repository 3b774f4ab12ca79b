import Fidelity
import Foundation
import Synthesis
import Tabular

// Fit and sampling speed of the bayesian_network joint model, and its quality (Doppel's
// SDMetrics-style QualityReport) on an 80% split of each dataset, against the marginal-only
// default plan. Usage: bayesian-network-bench [DATA_DIR] (default ../shared/data).

let dataDirectory = CommandLine.arguments.dropFirst().first ?? "../shared/data"

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// The rows of a column at the given indices.
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

func select(_ table: Table, rows: [Int]) -> Table {
    Table(columns: table.columns.map { select($0, rows: rows) })
}

struct Prepared {
    var input: JointFitInput
    var marginalPlan: FittedPlan
    var kinds: [String: ColumnKind]
}

func prepare(_ table: Table, parameters: Parameters, seed: UInt64) throws -> Prepared {
    let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
    let plan = DefaultPlanner.plan(for: table, kinds: kinds, seed: seed)
    let fitted = try FittedPlan.fit(plan, on: table)
    var members: [JointMember] = []
    for (column, fittedColumn) in zip(table.columns, fitted.columns)
    where BayesianNetworkStrategy.descriptor.supportedKinds.contains(fittedColumn.kind) {
        members.append(JointMember(name: column.name, kind: fittedColumn.kind, shape: fittedColumn.shape, column: column,
                                   marginal: fittedColumn, parameters: try ResolvedParameters(Parameters(), schema: [], column: column.name)))
    }
    let resolved = try ResolvedParameters(parameters, schema: BayesianNetworkStrategy.descriptor.parameters, column: "joint")
    return Prepared(input: JointFitInput(groupName: "joint", members: members, parameters: resolved, seed: seed),
                    marginalPlan: fitted, kinds: Dictionary(uniqueKeysWithValues: zip(table.columnNames, kinds)))
}

/// Rows made chunk by chunk, each chunk from its own stream, as a plan samples.
func synthesize(_ model: BayesianNetworkModel, members: [JointMember], rows: Int, seed: UInt64) throws -> Table {
    var columns = members.map { _ in [SyntheticColumn]() }
    var start = 0
    var chunk = 0
    while start < rows {
        let count = min(FittedPlan.chunkSize, rows - start)
        var random = RandomStream(seed: seed, column: "joint", chunk: chunk)
        let outputs = try model.generate(GenerationRequest(rows: start..<start + count, totalRows: rows, generated: [:]), random: &random)
        for (index, output) in outputs.enumerated() {
            columns[index].append(members[index].shape.column(from: output.values, validity: output.validity ?? NullBitmap(count: count, allValid: true)))
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

func format(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }

print("bayesian_network benchmark, \(ProcessInfo.processInfo.activeProcessorCount) cores")
for name in ["penguins", "diamonds", "credit_data"] {
    let table = try CSVReader.read(path: dataDirectory + "/\(name).csv").table

    // Speed on the whole table: fit (median of 5) and sampling 1M rows on one thread.
    let whole = try prepare(table, parameters: Parameters(), seed: 7)
    var fitTimes: [Double] = []
    var model: BayesianNetworkModel?
    for _ in 0..<5 { fitTimes.append(try seconds { model = try BayesianNetworkStrategy.fit(whole.input) }) }
    let fitted = model!
    let sampleRows = 1_000_000
    let sampleTime = try seconds {
        var start = 0
        var chunk = 0
        while start < sampleRows {
            let count = min(FittedPlan.chunkSize, sampleRows - start)
            var random = RandomStream(seed: 11, column: "joint", chunk: chunk)
            _ = try fitted.generate(GenerationRequest(rows: start..<start + count, totalRows: sampleRows, generated: [:]), random: &random)
            start += count
            chunk += 1
        }
    }
    let encodedBytes = try JSONEncoder().encode(fitted).count
    print("\n\(name): \(table.rowCount) rows, \(whole.input.members.count) members; fit median \(String(format: "%.3f", median(fitTimes))) s "
        + "(min \(String(format: "%.3f", fitTimes.min()!)) s); sampling \(String(format: "%.2f", Double(sampleRows) / sampleTime / 1e6))M rows/s on one thread; "
        + "model JSON \(encodedBytes / 1024) KB")
    for line in fitted.summary { print("  " + line) }

    // Quality on an 80% split.
    var shuffler = RandomStream(seed: 2024)
    var order = Array(0..<table.rowCount)
    order.shuffle(using: &shuffler)
    let train = select(table, rows: Array(order.prefix(table.rowCount * 8 / 10)).sorted())
    let holdout = select(table, rows: Array(order.dropFirst(table.rowCount * 8 / 10)).sorted())
    let marginalOnly = try prepare(train, parameters: Parameters(), seed: 7)
    let baseline = try marginalOnly.marginalPlan.reseeded(5).sample(rows: train.rowCount)
    let baselineReport = QualityReport.compute(FidelityData(real: train, synthetic: baseline, kinds: marginalOnly.kinds))
    let baselineHoldout = QualityReport.compute(FidelityData(real: holdout, synthetic: baseline, kinds: marginalOnly.kinds))
    print("  quality against the 80% fitted on (\(train.rowCount) rows): score / column shapes / pair trends; [score against the other 20%]")
    print("    marginals only (default plan)   \(format(baselineReport.score)) / \(format(baselineReport.columnShapes)) / \(format(baselineReport.columnPairTrends))  [\(format(baselineHoldout.score))]")
    do {
        let prepared = try prepare(train, parameters: Parameters(), seed: 7)
        let network = try BayesianNetworkStrategy.fit(prepared.input)
        let synthetic = try synthesize(network, members: prepared.input.members, rows: train.rowCount, seed: 5)
        let report = QualityReport.compute(FidelityData(real: train, synthetic: synthetic, kinds: prepared.kinds))
        let holdoutReport = QualityReport.compute(FidelityData(real: holdout, synthetic: synthetic, kinds: prepared.kinds))
        print("    bayesian_network".padding(toLength: 36, withPad: " ", startingAt: 0)
            + "\(format(report.score)) / \(format(report.columnShapes)) / \(format(report.columnPairTrends))  [\(format(holdoutReport.score))]")
    }
}
