import Tabular

/// A plan with every column fitted, ready to sample any number of rows, in chunks.
public struct FittedPlan: Sendable {
    /// Columns in generation order (dependencies first; a joint group's members together).
    public var columns: [FittedColumn]
    /// Joint models, each generating its member columns together.
    public var joints: [FittedJoint]
    public var constraints: [FittedConstraint]
    public var conditions: FittedConditions?
    /// The order of generation units, and which are sampled with rejection.
    var schedule: GenerationSchedule
    /// Column → what its `where` condition asks of the model that draws it.
    var steering: [String: SteeringTarget]
    /// Conditions that models cannot steer and rejection alone must meet, each with why (one
    /// line each, for stderr): rare values may then be out of reach.
    public var steeringNotes: [String]
    /// Output column names, in the plan's order.
    public var outputOrder: [String]
    public var seed: UInt64
    /// Rows when none are asked for: the plan's, else the source's.
    public var defaultRows: Int

    /// Rows per chunk. Part of the output's definition: each chunk draws from its own random
    /// streams, so changing this changes the bytes (it is fixed for that reason).
    public static let chunkSize = 16_384

    /// Joint groups fitted on a sample of the table (`fit(_:on:cache:jointSampleRows:)`): the
    /// plan samples, but its groups are not yet the ones a run fits on every row.
    public var approximate = false

    /// Fits every column of `plan` on `table`, then its joint groups, constraints and conditions.
    ///
    /// `marginals`: for a source read as a stream, a table laid out from the whole file's
    /// marginals (`StreamedTable.marginalTable`) while `table` is a reservoir sample of its rows.
    /// Strategies that model a column alone (statistical and synthetic ones) fit on it; those
    /// that keep rows or read other columns (partial, derived), joint groups, constraints and
    /// conditions fit on `table`.
    public static func fit(_ plan: Plan, on table: Table, environment: [String: String] = [:], marginals: Table? = nil) throws -> FittedPlan {
        var cache = FitCache()
        return try fit(plan, on: table, environment: environment, cache: &cache, marginals: marginals)
    }

    /// Whether a column's strategy fits on the whole file's marginal (see `fit(_:on:environment:marginals:)`).
    static func fitsOnMarginal(_ column: ColumnPlan) -> Bool {
        guard let family = StrategyRegistry.strategy(id: column.strategy)?.descriptor.family else { return false }
        return family == .statistical || family == .synthetic
    }

    /// Fits `plan` on `table` as `fit(_:on:)` does, taking every unit (a column, a joint group)
    /// whose part of the plan is unchanged from `cache` and storing the units it fits there: an
    /// edit refits only what it touched. With `jointSampleRows`, a joint group the cache does
    /// not hold fitted on all rows is fitted on that many evenly spread rows instead, and the
    /// result is marked `approximate` (a fit on all rows follows; the workbench's preview).
    public static func fit(_ plan: Plan, on table: Table, environment: [String: String] = [:], cache: inout FitCache,
                           jointSampleRows: Int? = nil, marginals: Table? = nil) throws -> FittedPlan {
        cache.startFit()
        var fitted: [String: FittedColumn] = [:]
        var names = Set<String>()
        for columnPlan in plan.columns {
            guard names.insert(columnPlan.name).inserted else {
                throw PlanError.at(column: columnPlan.name, "appears twice in the plan")
            }
        }
        let generatedColumns = plan.outputColumns
        // Members of a differentially private group are made by the group alone: their own
        // strategies are not fitted (they would read the data for nothing).
        let privateGroups = plan.joint.filter { JointRegistry.strategy(id: $0.model)?.descriptor.differentiallyPrivate ?? false }
        let privateMembers = Dictionary(privateGroups.flatMap { group in group.columns.map { ($0, group.name) } }, uniquingKeysWith: { first, _ in first })
        // A column a condition names may reach as far into its tails as min_rows lets the
        // condition select: lowering min_rows below extreme_k lowers both, for that column only.
        // Such a column, and a private group's member, is fitted afresh (the cache keys a column
        // by its own plan alone).
        let namedByConditions = Set((plan.conditions?.equals.keys.map { $0 } ?? []) + [plan.conditions?.rebalance?.column].compactMap { $0 })
        let cacheable = { (name: String) in !namedByConditions.contains(name) && privateMembers[name] == nil }
        let minRows = plan.conditions?.minRows
        for column in generatedColumns where cacheable(column.name) { fitted[column.name] = cache.column(column) }
        let toFit = generatedColumns.filter { fitted[$0.name] == nil }
        let limits = toFit.map { namedByConditions.contains($0.name) ? minRows : nil }
        // Columns are fitted in parallel: fitting is independent per column.
        let results = Parallel.map(toFit.count) { index -> Result<FittedColumn, Error> in
            Result {
                let column = toFit[index]
                guard let group = privateMembers[column.name] else {
                    let source = marginals.flatMap { fitsOnMarginal(column) && $0.column(named: column.name) != nil ? $0 : nil } ?? table
                    return try fitColumn(column, table: source, environment: environment, extremeLimit: limits[index])
                }
                guard let source = table.column(named: column.name) else {
                    throw PlanError.at(column: column.name, "joint models learn from the real column, and the source has none of that name")
                }
                return PrivateMemberModel.column(name: column.name, kind: column.kind, strategy: column.strategy,
                                                 shape: ValueShape(of: source.values), group: group)
            }
        }
        for (columnPlan, result) in zip(toFit, results) {
            let column = try result.get()
            fitted[column.name] = column
            if cacheable(columnPlan.name) { cache.store(columnPlan, column) }
        }
        var grouped = Set<String>()
        for group in plan.joint {
            for name in group.columns where !grouped.insert(name).inserted {
                throw PlanError.at(column: name, "belongs to two joint groups; a column can be in one")
            }
        }
        let byName = Dictionary(generatedColumns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        // Conditions before joint groups: a sequential model visits the columns they fix first.
        let conditions = try plan.conditions.flatMap { $0.isEmpty ? nil : try FittedConditions.fit($0, table: table, generated: byName) }
        let conditioned = conditions.map { conditions in
            conditions.equals.filter { condition in fitted[condition.column].map { SteeringTarget(condition, shape: $0.shape) != nil } ?? false }.map(\.column)
        } ?? []
        var approximate = false
        let sample = jointSampleRows.flatMap { $0 < table.rowCount ? $0 : nil }
        let joints = try plan.joint.map { group -> FittedJoint in
            let groupConditioned = conditioned.filter(group.columns.contains)
            let key = FitCache.key(group, plan: plan, conditioned: groupConditioned, sampleRows: nil)
            if let joint = cache.joint(key) {
                // The joint model carries its members' nulls (as `JointFitting` leaves them).
                for name in group.columns { fitted[name]?.nullRate = nil }
                return joint
            }
            // A private group is fitted once, on all rows (it is fast): a fit on a sample first
            // would be a second noisy model and a second spend of its budget.
            if let sample, !FitCache.isPrivate(group) {
                approximate = true
                let sampledKey = FitCache.key(group, plan: plan, conditioned: groupConditioned, sampleRows: sample)
                if let joint = cache.joint(sampledKey) {
                    for name in group.columns { fitted[name]?.nullRate = nil }
                    return joint
                }
                let joint = try JointFitting.fit(group, plan: plan, table: table.evenSample(sample), fitted: &fitted, conditioned: conditioned)
                cache.store(sampledKey, joint)
                return joint
            }
            let joint = try JointFitting.fit(group, plan: plan, table: table, fitted: &fitted, conditioned: conditioned)
            cache.store(key, joint)
            return joint
        }
        let constraints = try plan.constraints.enumerated().map { index, constraint in
            try FittedConstraint.fit(constraint, index: index, table: table, generated: byName)
        }
        var fittedPlan = try FittedPlan(
            assembling: generatedColumns.map { fitted[$0.name]! }, joints: joints, constraints: constraints, conditions: conditions,
            outputOrder: generatedColumns.map(\.name), seed: plan.seed, defaultRows: plan.rows ?? table.rowCount)
        fittedPlan.approximate = approximate
        return fittedPlan
    }

    static func fitColumn(_ plan: ColumnPlan, table: Table, environment: [String: String],
                          extremeLimit: Int? = nil) throws -> FittedColumn {
        guard let strategy = StrategyRegistry.strategy(id: plan.strategy) else {
            throw PlanError.at(column: plan.name, "unknown strategy '\(plan.strategy)'; known: " + StrategyRegistry.ids.joined(separator: ", "))
        }
        let descriptor = strategy.descriptor
        guard descriptor.supportedKinds.contains(plan.kind) else {
            let kinds = descriptor.supportedKinds.map(\.rawValue).sorted().joined(separator: ", ")
            throw PlanError.at(column: plan.name, "strategy '\(plan.strategy)' does not support kind '\(plan.kind.rawValue)' (it supports \(kinds))")
        }
        let source = table.column(named: plan.name)
        if source == nil && descriptor.needsSourceColumn {
            throw PlanError.at(column: plan.name, "strategy '\(plan.strategy)' needs a real column of that name in the source")
        }
        let shape = descriptor.producesText ? .text : source.map { ValueShape(of: $0.values) } ?? Self.shape(forAddedColumn: plan.kind)
        let parameters = try ResolvedParameters(plan.parameters, schema: descriptor.schema(for: shape), column: plan.name)
        let input = FitInput(columnName: plan.name, column: source, kind: plan.kind, shape: shape,
                             parameters: parameters, table: table, environment: environment)
        let model = try fitModel(strategy, input)
        #if DEBUG
        // Every fit in the tests checks that what it made passes the checks a loaded model faces.
        try model.validate()
        #endif

        var column = FittedColumn(
            name: plan.name, kind: plan.kind, strategy: plan.strategy, shape: shape, model: model,
            nullRate: nil, edgeRate: parameters.number("edge_rate") ?? 0, edgeNumbers: [], clipRange: nil, roundDigits: nil)
        if let rate = parameters.number("null_rate") {
            column.nullRate = rate
        } else if !descriptor.carriesOwnNulls, let source, source.count > 0 {
            column.nullRate = Double(source.nullCount) / Double(source.count)
        }
        let observed = source.flatMap(Self.observedRange)
        if shape.isNumeric { column.edgeNumbers = EdgeCases.numbers(for: shape, observed: observed) }
        if descriptor.producesNumbers && shape.isNumeric {
            if parameters.bool("clip") {
                let k = min(parameters.integer("extreme_k") ?? 1, extremeLimit ?? .max)
                column.clipRange = k > 1 ? source.flatMap { Self.innerRange($0, k: k) } ?? observed : observed
            }
            if parameters.bool("round") { column.roundDigits = shape.precision }
            if case .integer = shape, let source { column.clockHHMM = Self.isClock(source) }
        }
        return column
    }

    /// Whether an integer column holds HHMM clock times.
    static func isClock(_ column: Column) -> Bool { ClockTime.isClockColumn(column) }

    /// Opens the strategy type to call its generic `fit`.
    private static func fitModel<Strategy: GenerationStrategy>(_ strategy: Strategy.Type, _ input: FitInput) throws -> any ColumnModel {
        try strategy.fit(input)
    }

    private static func observedRange(_ column: Column) -> ClosedRange<Double>? {
        var minimum = Double.infinity
        var maximum = -Double.infinity
        for row in 0..<column.count where column.validity.isValid(row) {
            guard let value = column.values.numericValue(at: row) else { return nil }
            minimum = min(minimum, value)
            maximum = max(maximum, value)
        }
        return minimum <= maximum ? minimum...maximum : nil
    }

    /// From the k-th smallest to the k-th largest value (nil when there are fewer than 2k
    /// values: the whole range is kept then, as there are no lone extremes to hide).
    static func innerRange(_ column: Column, k: Int) -> ClosedRange<Double>? {
        var values: [Double] = []
        values.reserveCapacity(column.count - column.nullCount)
        for row in 0..<column.count where column.validity.isValid(row) {
            guard let value = column.values.numericValue(at: row) else { return nil }
            values.append(value)
        }
        guard values.count >= 2 * k else { return nil }
        // Two partial selections would do; a sort is simple and runs once per fit.
        values.sort()
        return values[k - 1]...values[values.count - k]
    }

    /// A column the source does not have takes a shape from its kind.
    static func shape(forAddedColumn kind: ColumnKind) -> ValueShape {
        switch kind {
        case .integer: .integer(.plain)
        case .decimal: .decimal(DecimalStyle(maxFractionDigits: 6))
        case .boolean: .boolean(BooleanStyle())
        case .datetime: .datetime(.isoDate)
        default: .text
        }
    }

    /// Checks every column can make `rows` rows.
    public func check(rows: Int) throws {
        for column in columns { try column.model.check(rows: rows, column: column.name) }
    }

    /// Assembles fitted columns and joint groups (for example decoded from a session) into a
    /// plan, ordered by their dependencies.
    public init(assembling fitted: [FittedColumn], joints: [FittedJoint] = [], constraints: [FittedConstraint] = [],
                conditions: FittedConditions? = nil, outputOrder: [String], seed: UInt64, defaultRows: Int) throws {
        let byName = Dictionary(fitted.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let schedule = try GenerationSchedule(columns: byName, joints: joints, outputOrder: outputOrder,
                                              constrained: constraints.filter { $0.plan.type != .unique }.flatMap(\.columnsRead) + (conditions?.columnsRead ?? []),
                                              unique: constraints.filter { $0.plan.type == .unique }.compactMap(\.plan.column))
        self.columns = schedule.columnOrder.map { byName[$0]! }
        self.joints = joints
        self.constraints = constraints
        self.conditions = conditions
        (steering, steeringNotes) = Self.steering(conditions, columns: byName, joints: joints)
        self.schedule = schedule
        self.outputOrder = outputOrder
        self.seed = seed
        self.defaultRows = defaultRows
    }

    /// Rows `range` of a `totalRows`-row output: exactly those rows of the full output.
    public func sample(range: Range<Int>, totalRows: Int) throws -> Table {
        guard !range.isEmpty else { return try sampleChunk(0, totalRows: 0) }
        let first = range.lowerBound / Self.chunkSize
        let last = (range.upperBound - 1) / Self.chunkSize
        let chunks = try Parallel.map(last - first + 1) { index in
            Result { try sampleChunk(first + index, totalRows: totalRows) }
        }.map { try $0.get() }
        let table = Table.concatenating(chunks, columnNames: outputOrder)
        let offset = first * Self.chunkSize
        return table.slice(range.lowerBound - offset ..< range.upperBound - offset)
    }

    /// The same fitted plan drawing with another seed (the seed lives in the plan only).
    public func reseeded(_ seed: UInt64) -> FittedPlan {
        var copy = self
        copy.seed = seed
        return copy
    }

    /// All rows at once (previews, tests). Large outputs go through `ChunkedWriter` instead.
    public func sample(rows: Int? = nil) throws -> Table {
        let total = rows ?? defaultRows
        try check(rows: total)
        let chunkCount = (total + Self.chunkSize - 1) / Self.chunkSize
        let chunks = try Parallel.map(chunkCount) { chunk in
            Result { try sampleChunk(chunk, totalRows: total) }
        }.map { try $0.get() }
        return Table.concatenating(chunks, columnNames: outputOrder)
    }
}
