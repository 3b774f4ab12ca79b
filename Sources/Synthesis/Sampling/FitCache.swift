import Tabular

/// Fitted units (a column, or a joint group) kept from earlier fits of plans on one table,
/// each keyed by the part of the plan it was fitted from, so that fitting an edited plan fits
/// only what the edit touched — and undo, which brings an earlier plan back, finds its fits.
///
/// - A column's fit depends on its `ColumnPlan` alone (name, kind, strategy, parameters).
/// - A joint group's fit depends on the group's `JointPlan` (model, members, parameters,
///   member parameters), its members' `ColumnPlan`s (their own strategies are its marginals),
///   the columns `where` conditions fix (a sequential model visits them first), the seed (unless
///   the fit does not use it), and whether it was fitted on all rows or on a sample.
///
/// A differentially private group (`mst`) draws its noise from the system's generator, so
/// each fit is another noisy model and another spend of its budget: the cache keeps one fit
/// per edit of its part of the plan, whatever the seed, and `FittedPlan.fit` never fits it on a
/// sample first — the preview stays the same model until that part is edited.
///
/// The cache belongs to one table: a caller that fits on another table starts a new one.
public struct FitCache: Sendable {
    /// Fits kept per unit: the newest and a few before it, for undo and redo.
    public static let keptPerUnit = 6

    struct JointKey: Hashable, Sendable {
        var group: JointPlan
        var members: [ColumnPlan]
        var conditioned: [String]
        var seed: UInt64
        /// Rows of the deterministic sample it was fitted on; nil for all rows.
        var sampleRows: Int?
    }

    private var columns: [String: [(key: ColumnPlan, fitted: FittedColumn)]] = [:]
    private var joints: [String: [(key: JointKey, fitted: FittedJoint)]] = [:]
    /// Units fitted by the last `FittedPlan.fit` that used this cache (not found in it).
    public private(set) var lastFitted: [String] = []

    public init() {}

    /// Columns and groups held (for tests and the status line).
    public var count: Int { columns.values.reduce(0) { $0 + $1.count } + joints.values.reduce(0) { $0 + $1.count } }

    func column(_ plan: ColumnPlan) -> FittedColumn? {
        columns[plan.name]?.last { $0.key == plan }?.fitted
    }

    mutating func store(_ plan: ColumnPlan, _ fitted: FittedColumn) {
        var list = columns[plan.name, default: []].filter { $0.key != plan }
        list.append((plan, fitted))
        columns[plan.name] = Array(list.suffix(Self.keptPerUnit))
        lastFitted.append(plan.name)
    }

    func joint(_ key: JointKey) -> FittedJoint? {
        joints[key.group.name]?.last { $0.key == key }?.fitted
    }

    mutating func store(_ key: JointKey, _ fitted: FittedJoint) {
        var list = joints[key.group.name, default: []].filter { $0.key != key }
        list.append((key, fitted))
        joints[key.group.name] = Array(list.suffix(Self.keptPerUnit))
        lastFitted.append("joint group '\(key.group.name)'" + (key.sampleRows.map { " on \($0) rows" } ?? ""))
    }

    mutating func startFit() { lastFitted = [] }

    /// Joint models whose fit draws nothing at random (a new seed keeps their fit):
    /// `FitCacheTests` checks that each fits the same under two seeds.
    static let seedFreeModels: Set<String> = [CARTStrategy.descriptor.id]

    static func key(_ group: JointPlan, plan: Plan, conditioned: [String], sampleRows: Int?) -> JointKey {
        let seedFree = seedFreeModels.contains(group.model) || isPrivate(group)
        return JointKey(group: group, members: group.columns.compactMap { plan.column(named: $0) }, conditioned: conditioned,
                        seed: seedFree ? 0 : plan.seed, sampleRows: sampleRows)
    }

    /// A differentially private group: its fit ignores the plan's seed (its noise is secret).
    static func isPrivate(_ group: JointPlan) -> Bool {
        JointRegistry.strategy(id: group.model)?.descriptor.differentiallyPrivate ?? false
    }
}

extension Table {
    /// `count` rows spread evenly over the table (every row when it has no more): the same
    /// rows every time, so a fit on them is deterministic (the rows `JointModelChoice` tries on).
    public func evenSample(_ count: Int) -> Table {
        guard rowCount > count, count > 0 else { return self }
        let rows = (0..<count).map { $0 * rowCount / count }
        return Table(columns: columns.map { $0.taking(rows) })
    }
}
