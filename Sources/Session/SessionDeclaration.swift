import Declaration
import Foundation
import Fidelity
import Synthesis
import Tabular

// The session format, declared once. Each record lists its keys here; reading (with the key
// and shape checks of `FormatCheck`), writing (`NodeEncoder`, exact numbers) and the JSON
// Schema (`doppel schema`, docs/session.schema.json) all follow. A new key is one line.

extension Session: DeclaredRecord {
    public static let empty = Session(plan: .empty)

    public static let declaration = RecordDeclaration<Session>(
        doc: "A Doppel session: the source, the plan, where the output goes, optional quality gates, fitted models and workbench state. Replayed by `doppel run`; documented in docs/SESSION.md. Any key not listed here is an error.", [
            .required("format", \.format, "The session format version. This Doppel writes \(currentFormat) and reads 1 (migrated in memory) and \(currentFormat).",
                      shape: .integer(minimum: 1, maximum: Int64(currentFormat))),
            .optional("doppel_version", \.doppelVersion, "The Doppel version that wrote the session, e.g. 0.1.0. Informational."),
            .optional("source", \.source, "The real data the plan is fitted to. Optional when the session embeds its fitted models (`model:`)."),
            .required("plan", \.plan, "What to generate: seed, rows, columns with their strategies, joint models, constraints and conditions. The same record a plan file (`doppel plan -o`) holds."),
            .defaulted("run", \.run, default: RunSettings(), "Where a run writes and in which format; each can be overridden on the command line of `doppel run`."),
            .optional("require", \.require, "Quality gates: `doppel run` scores its output against the source and exits 1 when one is missed. Needs the source."),
            .optional("model", \.model, "Written by `doppel fit`: each column's fitted model, so that `doppel run` needs no source. Do not edit by hand."),
            .optional("view", \.view, "Where the workbench was: ignored by `doppel run`."),
            .optional("tables", \.tables, "A relational session's tables (a folder of CSV files): each with its source, primary key and plan. The top-level plan then holds only the seed and the root tables' row count (plan.columns is empty). See docs/SESSION.md, Relational sessions."),
            .optional("relationships", \.relationships, "A relational session's foreign keys, inferred by `doppel plan DIR` from names and value containment; declare or correct them here."),
        ])

    public func checkDecoded() throws {
        guard let tables else {
            if relationships != nil { throw DeclarationError("relationships: needs tables:") }
            return
        }
        if source != nil { throw DeclarationError("a relational session (tables:) has no top-level source; each table has its own") }
        let names = tables.map(\.name)
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw DeclarationError("tables: '\(repeated)' appears more than once")
        }
        for table in tables where table.synthesize && table.plan == nil {
            throw DeclarationError("tables: '\(table.name)' has synthesize: true but no plan")
        }
        for relationship in relationships ?? [] {
            for name in [relationship.parent, relationship.child] where !names.contains(name) {
                throw DeclarationError("relationships: \(relationship.child).\(relationship.childKey) → \(relationship.parent).\(relationship.parentKey) names table '\(name)', which is not in tables:")
            }
        }
    }
}

extension Session.TableEntry: DeclaredRecord {
    public static let empty = Session.TableEntry(name: "", source: .empty)

    public static let declaration = RecordDeclaration<Session.TableEntry>(name: "table", doc: "One table of a relational session.", [
        .required("name", \.name, "The table's name (its CSV file's name without the extension).", shape: .text(.nonEmpty)),
        .required("source", \.source, "The table's real data."),
        .optional("primary_key", \.primaryKey, "The table's primary key column: unique and never null. A synthesised table gets new unique keys (1...n for integers)."),
        .defaulted("synthesize", \.synthesize, default: true, "false: the table is written as it is (small reference tables that others refer to, such as airlines or airports, are kept by default); true: it is synthesised from its plan.", alwaysWritten: true),
        .optional("plan", \.plan, "The plan of the table's modelled columns: without its primary key and its primary parent's key, which the relational model makes, and with the parent's group (@PARENT) as an extra column the joint model conditions on (it is not written)."),
        .optional("order_by", \.orderBy, "Event tables: the column (a time or a sequence) that each parent's children follow in the source; the output writes each parent's children in its order. doppel plan finds it.", shape: .text(.nonEmpty)),
    ])
}

extension Session.Relationship: DeclaredRecord {
    public static let empty = Session.Relationship(parent: "", parentKey: "", child: "", childKey: "")

    public static let declaration = RecordDeclaration<Session.Relationship>(name: "relationship", doc: "A foreign key: child.child_key refers to parent.parent_key.", [
        .required("parent", \.parent, "The parent table's name.", shape: .text(.nonEmpty)),
        .required("parent_key", \.parentKey, "The parent's key column (its primary key).", shape: .text(.nonEmpty)),
        .required("child", \.child, "The child table's name.", shape: .text(.nonEmpty)),
        .required("child_key", \.childKey, "The child's column holding the parent's key.", shape: .text(.nonEmpty)),
        .optional("primary", \.primary, "true for the relationship that drives the number of children per parent (at most one per child table). Default: the one that explains the most (rows matched times the log of the parents referenced)."),
        .optional("orphans", \.orphans, "Child keys that match no parent row: nullify (written as null, at the real rate; the default) or keep."),
    ])
}

extension Session.Source: DeclaredRecord {
    public static let empty = Session.Source(path: "")

    public static let declaration = RecordDeclaration<Session.Source>(doc: "The real data the plan is fitted to.", [
        .required("path", \.path, "The source CSV (or gzip CSV), relative to the session file, or absolute.", shape: .text(.nonEmpty)),
        .optional("read", \.read, "How to read the source; every key is optional."),
        .optional("rows", \.rows, "The source's row count when the session was written (data rows, without the header). Informational; the default row count of a fitted session.",
                  shape: .integer(minimum: 0, maximum: nil)),
        .optional("sha256", \.sha256, "SHA-256 of the source file's bytes, 64 hex digits (what sha256sum prints). `doppel run` refuses a source whose hash differs unless --allow-changed-source is given.",
                  shape: .text(.init(pattern: "^[0-9a-fA-F]{64}$", meaning: "64 hexadecimal digits"))),
        .optional("columns", \.columns, "The source's columns in file order, with the kinds the user chose."),
        .optional("table", \.table, "Relational sessions: the table to read when path is a SQLite database (its keys come from the database's catalogue).",
                  shape: .text(.nonEmpty)),
        .optional("streamed", \.streamed, "Set by doppel plan when the source is larger than its memory budget (--memory): the file is read in one streaming pass, each column's own model is fitted on the whole file's marginal and the joint model and rules on a uniform reservoir sample. doppel run reads it the same way."),
    ])

    public func checkDecoded() throws {
        if let sha256, sha256.count != 64 || !sha256.allSatisfy(\.isHexDigit) {
            throw DeclarationError("sha256 must be 64 hexadecimal digits")
        }
    }
}

extension Session.Streamed: DeclaredRecord {
    public static let empty = Session.Streamed(reservoirRows: 1)

    public static let declaration = RecordDeclaration<Session.Streamed>(doc: "What a streamed source's models were fitted on.", [
        .required("reservoir_rows", \.reservoirRows, "Rows of the uniform reservoir sample (drawn with plan.seed) that the joint model and the rules are fitted on; the file's every row feeds each column's marginal.",
                  shape: .integer(minimum: 1, maximum: 100_000_000)),
        .optional("exact_values", \.exactValues, "Distinct values per column counted exactly before numbers go into a quantile sketch (default 65536).",
                  shape: .integer(minimum: 1, maximum: 10_000_000)),
        .optional("sketch_k", \.sketchK, "The KLL quantile sketch's size k (default 2048: a rank error of about 0.14%).",
                  shape: .integer(minimum: 8, maximum: 1_000_000)),
    ])
}

extension Session.SchemaColumn: DeclaredRecord {
    public static let empty = Session.SchemaColumn(name: "", kind: .text)

    public static let declaration = RecordDeclaration<Session.SchemaColumn>(doc: "A source column and its kind.", [
        .required("name", \.name, "The column's name as in the header (column_N without a header)."),
        .required("kind", \.kind, "The kind the user chose (inference proposes it)."),
        .optional("parquet_type", \.parquetType, "A Parquet source's type for the column, written by doppel fit: Parquet output of a run without the source keeps it. INT32, INT64, INT8, INT16, UINT8 to UINT64, FLOAT, DOUBLE, BOOLEAN, STRING, DATE, TIMESTAMP(MILLIS|MICROS|NANOS, UTC|LOCAL), or DECIMAL(precision, scale) with its storage INT32, INT64, BYTES or FIXED(bytes).",
                  shape: .text(.init(pattern: ParquetColumnType.sessionTextPattern, meaning: "a Parquet type such as INT32, TIMESTAMP(MICROS, UTC) or DECIMAL(10, 2) FIXED(5)"))),
    ])

    public func checkDecoded() throws {
        if let parquetType, ParquetColumnType(sessionText: parquetType) == nil {
            throw DeclarationError("'\(parquetType)' is not a Parquet type Doppel writes: expected INT32, INT64, INT8, INT16, UINT8 to UINT64, FLOAT, DOUBLE, BOOLEAN, STRING, DATE, TIMESTAMP(MILLIS|MICROS|NANOS, UTC|LOCAL) or DECIMAL(precision 1 to 38, scale 0 to the precision) with INT32, INT64, BYTES or FIXED(1 to 16)", at: ["parquet_type"])
        }
    }
}

extension Session.RunSettings: DeclaredRecord {
    public static let empty = Session.RunSettings()

    public static let declaration = RecordDeclaration<Session.RunSettings>(doc: "Where a run writes.", [
        .optional("output", \.output, "Where to write, relative to the session file (or absolute); - is standard output (-o overrides). Default: standard output.",
                  shape: .text(.nonEmpty)),
        .optional("format", \.format, "csv (comma-separated, with a header), tsv (tab-separated), jsonl (one JSON object per line) or parquet (snappy-compressed, a row group per generation chunk); --format overrides. Default: by the output's extension, else csv."),
    ])
}

extension Session.Requirements: DeclaredRecord {
    public static let empty = Session.Requirements()

    private static func gates(_ bound: String) -> Shape {
        .record(RecordShape(name: "gates_\(bound)", doc: "Metric → threshold.", fields: (FidelityReport.figureNames + FidelityReport.tstrFigureNames).map {
            FieldShape(key: $0, doc: GateDocs.text(for: $0), required: false, shape: .number(minimum: nil, maximum: nil))
        }))
    }

    public static let declaration = RecordDeclaration<Session.Requirements>(doc: "Quality gates.", [
        .optional("min", \.min, "The run exits 1 when a metric is below its value (the same as --min METRIC=VALUE); metric names are those of `doppel report --json`.",
                  shape: gates("min")),
        .optional("max", \.max, "The run exits 1 when a metric is above its value (the same as --max METRIC=VALUE).",
                  shape: gates("max")),
    ])
}

extension Session.ModelSection: DeclaredRecord {
    public static let empty = Session.ModelSection(columns: [:])

    public static let declaration = RecordDeclaration<Session.ModelSection>(doc: "Fitted models, written by doppel fit.", [
        .required("columns", \.columns, "Fitted models by plan column name."),
        .optional("joint", \.joint, "Fitted joint models, by group name."),
        .optional("constraints", \.constraints, "Fitted constraints in plan order.", omitted: { $0.isEmpty }),
    ])
}

extension Session.EmbeddedModel: DeclaredRecord {
    public static let empty = Session.EmbeddedModel(strategy: "", realValues: .none, fitted: FittedModelData(json: Data("{}".utf8)),
                                                    options: FittedOptions(kind: .text, shape: .text, nullRate: nil, edgeRate: 0, edgeNumbers: [],
                                                                           clipMin: nil, clipMax: nil, roundDigits: nil))

    public static let declaration = RecordDeclaration<Session.EmbeddedModel>(name: "fitted_column", doc: "One column's fitted model, as `doppel fit` writes it.", [
        .required("strategy", \.strategy, "The strategy the model was fitted by.", shape: .choice(StrategyRegistry.ids, name: "strategy", doc: nil)),
        .required("real_values", \.realValues, "What the fitted model keeps of the real data."),
        .required("fitted", \.fitted, "The fitted model as its strategy encodes it; its keys are the strategy's own."),
        .required("options", \.options, "The options applied around the model, as fitted: kind, storage shape, null rate, edge cases, clipping and rounding."),
    ])
}

extension Session.EmbeddedJoint: DeclaredRecord {
    public static let empty = Session.EmbeddedJoint(model: "", columns: [], realValues: .none, fitted: FittedModelData(json: Data("{}".utf8)), privacy: nil)

    public static let declaration = RecordDeclaration<Session.EmbeddedJoint>(name: "fitted_joint", doc: "One joint group's fitted model.", [
        .required("model", \.model, "The joint model.", shape: .choice(JointRegistry.allIDs, name: "joint_model", doc: nil)),
        .required("columns", \.columns, "Member columns, in visit order."),
        .required("real_values", \.realValues, "What the fitted model keeps of the real data."),
        .required("fitted", \.fitted, "The fitted model as it encodes itself."),
        .optional("privacy", \.privacy, "A differentially private model's budget and how it was spent (docs/PRIVACY.md), written by doppel fit for people to read; it must equal the model's own."),
    ])
}

extension ZCDPBudget: DeclaredRecord {
    public static let empty = ZCDPBudget(epsilon: 1, delta: 1e-9)

    public static let declaration = RecordDeclaration<ZCDPBudget>(name: "privacy_budget", doc: "(ε, δ)-differential privacy through ρ-zCDP, and its split.", [
        .required("epsilon", \.epsilon, "ε of (ε, δ)-DP.", shape: .number(minimum: 0, maximum: nil)),
        .required("delta", \.delta, "δ of (ε, δ)-DP.", shape: .number(minimum: 0, maximum: 1)),
        .required("threshold_delta", \.thresholdDelta, "The part of δ that pays for level thresholds (the rest converts ρ to ε).", shape: .number(minimum: 0, maximum: 1)),
        .required("rho", \.rho, "ρ of ρ-zCDP: ε = ρ + 2√(ρ ln(1/δ')), δ' = δ − threshold_delta.", shape: .number(minimum: 0, maximum: nil)),
        .required("one_way_rho", \.oneWayRho, "ρ of the one-way marginals and domains.", shape: .number(minimum: 0, maximum: nil)),
        .required("selection_rho", \.selectionRho, "ρ of the choice of pairs (exponential mechanism).", shape: .number(minimum: 0, maximum: nil)),
        .required("two_way_rho", \.twoWayRho, "ρ of the two-way marginals.", shape: .number(minimum: 0, maximum: nil)),
        .required("one_way_sigma", \.oneWaySigma, "Gaussian σ of each one-way measurement.", shape: .number(minimum: 0, maximum: nil)),
        .required("two_way_sigma", \.twoWaySigma, "Gaussian σ of each two-way measurement.", shape: .number(minimum: 0, maximum: nil)),
        .required("one_way_measurements", \.oneWayMeasurements, "One-way measurements made (domains and marginals).", shape: .integer(minimum: 0, maximum: nil)),
        .required("selections", \.selections, "Pairs chosen by the exponential mechanism.", shape: .integer(minimum: 0, maximum: nil)),
        .required("two_way_measurements", \.twoWayMeasurements, "Two-way marginals measured.", shape: .integer(minimum: 0, maximum: nil)),
    ])
}

extension FittedOptions: DeclaredRecord {
    public static let empty = Session.EmbeddedModel.empty.options

    public static let declaration = RecordDeclaration<FittedOptions>(doc: "The options applied around a fitted model.", [
        .required("kind", \.kind, "The column's kind."),
        .required("shape", \.shape, "How the column is stored and written, as doppel encodes it."),
        .optional("null_rate", \.nullRate, "The share of nulls, learned or given.", shape: .number(minimum: 0, maximum: 1)),
        .required("edge_rate", \.edgeRate, "The share of values replaced by boundary cases.", shape: .number(minimum: 0, maximum: 1)),
        .required("edge_numbers", \.edgeNumbers, "The boundary cases drawn for numeric columns."),
        .optional("clip_min", \.clipMin, "Lower clipping bound (the real minimum), when clipping."),
        .optional("clip_max", \.clipMax, "Upper clipping bound (the real maximum), when clipping."),
        .optional("round_digits", \.roundDigits, "Decimal digits values are rounded to, when rounding.", shape: .integer(minimum: -20, maximum: 20)),
        .optional("clock_hhmm", \.clockHHMM, "True when the column holds HHMM clock times: values go to the nearest valid time."),
    ])

    public func checkDecoded() throws {
        if let clipMin, let clipMax, !(clipMin <= clipMax) {
            throw DeclarationError("clip_min (\(clipMin)) must not be above clip_max (\(clipMax))")
        }
    }
}

extension Session.ViewState: DeclaredRecord {
    public static let empty = Session.ViewState()

    public static let declaration = RecordDeclaration<Session.ViewState>(doc: "Where the workbench was.", [
        .optional("cursor_column", \.cursorColumn, "The plan column the cursor is on."),
        .optional("panel", \.panel, "The open panel: inspect or fidelity.", shape: .choice(["inspect", "fidelity"], name: nil, doc: nil)),
        .optional("cursor_row", \.cursorRow, "The row the cursor is on, from 0, in the order shown."),
        .optional("rows", \.rows, "The rows the grid shows: real, synthetic, or both side by side.",
                  shape: .choice(["real", "synthetic", "both"], name: nil, doc: nil)),
        .optional("top_row", \.topRow, "The first row on screen, from 0."),
        .optional("left_column", \.leftColumn, "The first plan column on screen."),
        .optional("fidelity_scroll", \.fidelityScroll, "Lines scrolled on the fidelity page."),
    ])
}

extension JSONValue: Declared {
    public static var shape: Shape { .anything("A fitted model, validated by its strategy.") }
}

/// What each gate metric means, for the schema and docs.
enum GateDocs {
    static func text(for metric: String) -> String {
        switch metric {
        case "quality": "The overall quality score (SDMetrics' QualityReport: the mean of column shapes and column pair trends), 0 to 1."
        case "column_shapes": "Column Shapes: the mean per-column KS / TV complement, 0 to 1."
        case "column_pair_trends": "Column Pair Trends over the pairs with a real relationship, 0 to 1."
        case "column_pair_trends_all": "Column Pair Trends over all pairs, 0 to 1."
        case "boundary_adherence": "Share of synthetic numeric values inside the real min and max, 0 to 1."
        case "category_adherence": "Share of synthetic categories that occur in the real data, 0 to 1."
        case "exact_copy_rate": "Share of synthetic rows that are exact copies of a real row, 0 to 1 (gate it with max)."
        case "dcr_baseline_protection": "Distance-to-closest-record protection against a random baseline, 0 to 1."
        case "dcr_overfitting_protection": "DCR overfitting protection; needs a holdout."
        case "dcr_share": "DCR share (MOSTLY AI): share of synthetic rows closer to a training row than to a holdout row, ties half; 0.5 is ideal (gate it with max, e.g. 0.52); needs a holdout."
        case "holdout_copy_rate": "Share of holdout rows identical to a training row, 0 to 1: the floor for exact_copy_rate; needs a holdout."
        case "nndr": "Nearest-neighbour distance ratio (median), 0 to 1; low means synthetic rows sit close to single real rows."
        case "pmse": "Propensity mean squared error (synthpop's utility.gen); 0 is indistinguishable (gate it with max)."
        case "s_pmse": "Standardised pMSE (pMSE over its null expectation); about 1 is good (gate it with max)."
        case "rule_violation_rate": "The largest excess, over the rules found in the real data, of the synthetic rows' violation rate over the real rows' (gate it with max, e.g. 0.001)."
        default: "Train-on-synthetic (or -real), test-on-real \(metric); needs a target column."
        }
    }
}
