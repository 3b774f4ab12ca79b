import Tabular

/// A way to generate one column: fitted on the real column (or not at all), then sampled.
///
/// Each strategy declares itself as data (`StrategyDescriptor`), so that plans, the CLI and the
/// workbench's forms are all built from one description.
public protocol GenerationStrategy: Sendable {
    associatedtype Model: ColumnModel
    static var descriptor: StrategyDescriptor { get }
    /// Learns what sampling needs. Parameters are already validated against the schema.
    static func fit(_ input: FitInput) throws -> Model
}

/// What a fitted model keeps of the real data: sessions warn before they ship real values.
public enum RealValueExposure: String, Hashable, Sendable, Comparable, CaseIterable {
    /// Nothing from the data (a fake provider, a constant, a user list).
    case none
    /// Summary statistics only (a distribution's parameters, bin counts).
    case statistics
    /// Category levels as they occur in the data (rare levels can identify people).
    case levels
    /// Real values themselves (resampling, KDE points, kept or shuffled columns).
    case values

    public static func < (lhs: Self, rhs: Self) -> Bool {
        let order: [Self] = [.none, .statistics, .levels, .values]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// The three families of synthetic data, plus values computed from other columns.
public enum StrategyFamily: String, Hashable, Sendable, Codable {
    /// Fitted to the real column's distribution.
    case statistical
    /// Made up with no fitting: fake names, templates, sequences.
    case synthetic
    /// Real values, transformed: kept, shuffled, perturbed, masked, pseudonymised.
    case partial
    /// Computed from other columns of the same synthetic row.
    case derived
}

public struct StrategyDescriptor: Sendable {
    public var id: String
    public var family: StrategyFamily
    /// One line for the picker.
    public var help: String
    public var supportedKinds: Set<ColumnKind>
    /// The strategy's own parameters; `ColumnOptions` adds the shared ones.
    public var parameters: [ParameterSpec]
    /// The most a fitted model of this strategy can keep of the real data.
    public var exposure: RealValueExposure
    /// True when the strategy reads the real column (false for made-up values, which can also
    /// fill columns the source does not have).
    public var needsSourceColumn: Bool
    /// True when the model's output already carries the column's nulls (kept and shuffled
    /// columns), so the learned null rate is not applied on top.
    public var carriesOwnNulls: Bool
    /// True when the model produces numbers, which get the numeric options (clip, round).
    public var producesNumbers: Bool
    /// True when the output is text whatever the source column's storage (a masked card number).
    public var producesText: Bool

    public init(
        id: String, family: StrategyFamily, help: String, supportedKinds: Set<ColumnKind>,
        parameters: [ParameterSpec] = [], exposure: RealValueExposure, needsSourceColumn: Bool = true,
        carriesOwnNulls: Bool = false, producesNumbers: Bool = false, producesText: Bool = false
    ) {
        self.id = id
        self.family = family
        self.help = help
        self.supportedKinds = supportedKinds
        self.parameters = parameters
        self.exposure = exposure
        self.needsSourceColumn = needsSourceColumn
        self.carriesOwnNulls = carriesOwnNulls
        self.producesNumbers = producesNumbers
        self.producesText = producesText
    }

    /// Every parameter a plan may set for this strategy on a column of this shape.
    public func schema(for shape: ValueShape) -> [ParameterSpec] {
        parameters + ColumnOptions.shared + (producesNumbers && shape.isNumeric ? ColumnOptions.numeric : [])
    }
}

/// Everything `fit` may look at.
public struct FitInput: Sendable {
    public var columnName: String
    /// The real column; nil when the plan adds a column the source does not have.
    public var column: Column?
    public var kind: ColumnKind
    public var shape: ValueShape
    public var parameters: ResolvedParameters
    /// The whole source table, for strategies that read other columns.
    public var table: Table
    /// The process environment, for secrets such as the `hash` key (never stored).
    public var environment: [String: String]

    /// The real column, or an error saying the strategy needs one.
    public func requireColumn(strategy: String) throws -> Column {
        guard let column else {
            throw PlanError.at(column: columnName, "strategy '\(strategy)' needs a real column of that name in the source")
        }
        return column
    }

    /// The non-null values of a numeric (or datetime/boolean) column.
    public func numericValues(strategy: String) throws -> [Double] {
        let column = try requireColumn(strategy: strategy)
        var values: [Double] = []
        values.reserveCapacity(column.count)
        for row in 0..<column.count where column.validity.isValid(row) {
            guard let value = column.values.numericValue(at: row) else {
                throw PlanError.at(column: columnName, "strategy '\(strategy)' needs numbers, but the column holds text")
            }
            values.append(value)
        }
        guard !values.isEmpty else { throw PlanError.at(column: columnName, "strategy '\(strategy)' needs at least one value, but the column is all null") }
        return values
    }
}

/// What one call to `generate` is for: a chunk of the output's rows.
public struct GenerationRequest: Sendable {
    /// Global row indices of this chunk (0-based), so that sequences and row-aligned values
    /// line up whatever the chunking.
    public var rows: Range<Int>
    /// Rows in the whole output.
    public var totalRows: Int
    /// Columns generated earlier in this chunk, by name (for derived values).
    public var generated: [String: SyntheticColumn]
    /// The run's seed, for models that need one key for the whole output (a permutation).
    public var seed: UInt64 = 0
    /// Column → what its `where` condition asks, for the models that can draw it directly
    /// (see `SteeringTarget`); the others ignore it and rejection keeps the rows that meet it.
    public var steering: [String: SteeringTarget] = [:]

    /// Public, so that joint models can be driven from outside the module (benchmarks, tools).
    public init(rows: Range<Int>, totalRows: Int, generated: [String: SyntheticColumn], seed: UInt64 = 0) {
        self.rows = rows
        self.totalRows = totalRows
        self.generated = generated
        self.seed = seed
    }

    public var count: Int { rows.count }
}

/// A fitted model: Codable, so that a session can embed it and replay without the source.
public protocol ColumnModel: Codable, Sendable {
    /// Columns this one reads while generating; they are generated first.
    var dependencies: [String] { get }
    /// What this model keeps of the real data.
    var exposure: RealValueExposure { get }
    /// Checks that the model can make `rows` rows (e.g. a kept column without `cycle`).
    func check(rows: Int, column: String) throws
    /// Checks that the model is whole and consistent: every stored index in range, lengths that
    /// agree, probabilities that are probabilities, finite numbers, trees without loops. Models
    /// come from session files, which are untrusted input; a model that passes can be sampled
    /// without trapping, looping or allocating more than the rows asked for. Throws a
    /// `ModelValidationError` naming the field.
    func validate() throws
    func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput
}

extension ColumnModel {
    public var dependencies: [String] { [] }
    public func check(rows: Int, column: String) throws {}
}

/// A model's values for a chunk, and its own nulls when it carries them.
public struct ModelOutput: Sendable {
    public var values: GeneratedValues
    public var validity: NullBitmap?

    public init(_ values: GeneratedValues, validity: NullBitmap? = nil) {
        self.values = values
        self.validity = validity
    }
}

/// Numeric and categorical marginals expose their distribution function and its inverse, which
/// the Gaussian copula maps through.
public protocol MarginalDistribution: Sendable {
    /// P(X ≤ x).
    func cdf(_ x: Double) -> Double
    /// The smallest x with cdf(x) ≥ p, for p in (0, 1).
    func quantile(_ p: Double) -> Double
}
