import Declaration
import Fidelity
import Synthesis
import Tabular

/// A session file: everything needed to replay a design — where the data came from and how it
/// was read, the plan (seed included), where the output goes, optional quality gates,
/// optionally the fitted models (so that replay needs no source), and where the workbench was.
/// Its keys are declared once, in `SessionDeclaration.swift`. See docs/SESSION.md.
public struct Session: Hashable, Sendable {
    /// The format version this Doppel writes. Within one released version, the same session and
    /// seed give the same bytes in every release; a change that must alter them bumps it.
    public static let currentFormat = 2

    public var format: Int
    public var doppelVersion: String?
    public var source: Source?
    /// What to generate, seed and row count included: the same record a plan file holds.
    public var plan: Plan
    public var run: RunSettings
    public var require: Requirements?
    public var model: ModelSection?
    public var view: ViewState?
    /// A relational session's tables (nil for a single-table session): each with its own
    /// source, key and plan. The top-level plan then holds the seed and the root tables' rows.
    public var tables: [TableEntry]?
    /// A relational session's foreign keys.
    public var relationships: [Relationship]?

    public init(format: Int = Session.currentFormat, doppelVersion: String? = nil, source: Source? = nil, plan: Plan,
                run: RunSettings = RunSettings(), require: Requirements? = nil, model: ModelSection? = nil, view: ViewState? = nil) {
        self.format = format
        self.doppelVersion = doppelVersion
        self.source = source
        self.plan = plan
        self.run = run
        self.require = require
        self.model = model
        self.view = view
    }

    /// True for a session over several related tables (`tables:`).
    public var isRelational: Bool { tables != nil }

    public struct Source: Hashable, Sendable {
        /// Relative to the session file where possible.
        public var path: String
        public var read: CSVReadOptions?
        public var rows: Int?
        public var sha256: String?
        public var columns: [SchemaColumn]?
        /// The table, when the source is a SQLite database (relational sessions).
        public var table: String?
        /// Set when the source was read as a stream (larger than the memory budget): what was
        /// fitted on what.
        public var streamed: Streamed?

        public init(path: String, read: CSVReadOptions? = nil, rows: Int? = nil, sha256: String? = nil, columns: [SchemaColumn]? = nil,
                    table: String? = nil) {
            self.path = path
            self.table = table
            self.read = read
            self.rows = rows
            self.sha256 = sha256
            self.columns = columns
        }
    }

    /// A source read in one streaming pass: each column's own model is fitted on the whole file's
    /// marginal, the joint model and the rules on a uniform reservoir sample drawn with the plan's
    /// seed (`StreamingReader`).
    public struct Streamed: Hashable, Sendable {
        public var reservoirRows: Int
        public var exactValues: Int?
        public var sketchK: Int?

        public init(reservoirRows: Int, exactValues: Int? = nil, sketchK: Int? = nil) {
            self.reservoirRows = reservoirRows
            self.exactValues = exactValues
            self.sketchK = sketchK
        }

        /// The reader's settings for a plan's seed.
        public func settings(seed: UInt64) -> StreamingSettings {
            StreamingSettings(reservoirRows: reservoirRows, seed: seed, exactLimit: exactValues ?? ColumnMarginal.defaultExactLimit,
                              sketchK: sketchK ?? QuantileSketch.defaultK)
        }
    }

    public struct SchemaColumn: Hashable, Sendable {
        public var name: String
        public var kind: ColumnKind
        /// A Parquet source's type for the column (`ParquetColumnType.sessionText`), written by
        /// `doppel fit` so that a run without the source still writes Parquet in these types.
        public var parquetType: String?

        public init(name: String, kind: ColumnKind, parquetType: String? = nil) {
            self.name = name
            self.kind = kind
            self.parquetType = parquetType
        }
    }

    /// Where and how a run writes; the seed and row count are the plan's.
    public struct RunSettings: Hashable, Sendable {
        public var output: String?
        public var format: OutputFormat?

        public init(output: String? = nil, format: OutputFormat? = nil) {
            self.output = output
            self.format = format
        }

        public var isEmpty: Bool { output == nil && format == nil }
    }

    public enum OutputFormat: String, Hashable, Sendable, CaseIterable, DeclaredChoice {
        case csv, tsv, jsonl, parquet
    }

    public struct Requirements: Hashable, Sendable {
        public var min: [String: Double]?
        public var max: [String: Double]?

        public init(min: [String: Double]? = nil, max: [String: Double]? = nil) {
            self.min = min
            self.max = max
        }

        /// The gates, in a stable order.
        public var gates: [QualityGate] {
            (min ?? [:]).sorted { $0.key < $1.key }.map { QualityGate(metric: $0.key, bound: .min, threshold: $0.value) }
                + (max ?? [:]).sorted { $0.key < $1.key }.map { QualityGate(metric: $0.key, bound: .max, threshold: $0.value) }
        }
    }

    public struct ModelSection: Hashable, Sendable {
        public var columns: [String: EmbeddedModel]
        /// Fitted joint models, by group name.
        public var joint: [String: EmbeddedJoint]?
        /// Fitted constraints (fixed combinations keep the real ones), in plan order.
        public var constraints: [FittedConstraint]?

        public init(columns: [String: EmbeddedModel], joint: [String: EmbeddedJoint]? = nil, constraints: [FittedConstraint]? = nil) {
            self.columns = columns
            self.joint = joint
            self.constraints = constraints
        }
    }

    public struct EmbeddedJoint: Hashable, Sendable {
        public var model: String
        public var columns: [String]
        public var realValues: RealValueExposure
        public var fitted: FittedModelData
        /// A differentially private model's budget and its split, readable (the model holds its own copy).
        public var privacy: ZCDPBudget?

        public init(model: String, columns: [String], realValues: RealValueExposure, fitted: FittedModelData, privacy: ZCDPBudget? = nil) {
            self.model = model
            self.columns = columns
            self.realValues = realValues
            self.fitted = fitted
            self.privacy = privacy
        }
    }

    public struct EmbeddedModel: Hashable, Sendable {
        public var strategy: String
        public var realValues: RealValueExposure
        /// The model as its strategy encodes it.
        public var fitted: FittedModelData
        /// The shared options around the model (null rate, edge cases, clip, round, shape).
        public var options: FittedOptions

        public init(strategy: String, realValues: RealValueExposure, fitted: FittedModelData, options: FittedOptions) {
            self.strategy = strategy
            self.realValues = realValues
            self.fitted = fitted
            self.options = options
        }
    }

    public struct ViewState: Hashable, Sendable {
        public var cursorColumn: String?
        public var panel: String?
        /// The row the cursor is on (0-based, in the order shown).
        public var cursorRow: Int?
        /// real, synthetic or both.
        public var rows: String?
        /// The first row and column on screen.
        public var topRow: Int?
        public var leftColumn: String?
        /// Lines scrolled on the fidelity page.
        public var fidelityScroll: Int?

        public init(cursorColumn: String? = nil, panel: String? = nil, cursorRow: Int? = nil, rows: String? = nil,
                    topRow: Int? = nil, leftColumn: String? = nil, fidelityScroll: Int? = nil) {
            self.cursorColumn = cursorColumn
            self.panel = panel
            self.cursorRow = cursorRow
            self.rows = rows
            self.topRow = topRow
            self.leftColumn = leftColumn
            self.fidelityScroll = fidelityScroll
        }
    }
}

/// The options `FittedColumn` applies around a model, as stored in a fitted session.
public struct FittedOptions: Hashable, Sendable {
    public var kind: ColumnKind
    public var shape: ValueShape
    public var nullRate: Double?
    public var edgeRate: Double
    public var edgeNumbers: [Double]
    public var clipMin: Double?
    public var clipMax: Double?
    public var roundDigits: Int?
    /// True for HHMM clock columns (absent otherwise).
    public var clockHHMM: Bool?

    public init(kind: ColumnKind, shape: ValueShape, nullRate: Double?, edgeRate: Double, edgeNumbers: [Double],
                clipMin: Double?, clipMax: Double?, roundDigits: Int?, clockHHMM: Bool? = nil) {
        self.clockHHMM = clockHHMM
        self.kind = kind
        self.shape = shape
        self.nullRate = nullRate
        self.edgeRate = edgeRate
        self.edgeNumbers = edgeNumbers
        self.clipMin = clipMin
        self.clipMax = clipMax
        self.roundDigits = roundDigits
    }
}
