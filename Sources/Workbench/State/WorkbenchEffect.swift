import Fidelity
import Session
import Synthesis
import Tabular

/// Work the reducer asks for; `WorkbenchApp` runs it off the UI thread and feeds the result
/// back as an action. Effects carry plain values only.
public enum WorkbenchEffect: Sendable {
    case load(LoadRequest)
    /// Stream a windowed file for its whole profile (progress comes as it goes).
    case streamFile(StreamJob)
    /// Read related tables for the table list.
    case loadRelational(RelationalLoadRequest)
    /// An effect of one table's workbench (its results come back as `.forTable` actions).
    indirect case forTable(String, WorkbenchEffect)
    /// Generate the related tables with the current plans and compare children per parent.
    case computeCardinality(RelationalJob)
    /// Write the relational session.
    case saveRelational(RelationalJob)
    /// The default plan of a CSV whose rows are shown (the second step of loading a CSV).
    case makePlan(PlanJob)
    case buildPreview(PreviewJob)
    case computeQuality(FidelityJob)
    case computePrivacy(FidelityJob)
    /// Find the rules of the real data (once per load).
    case discoverRules(RulesJob)
    /// Count how often the preview breaks each rule.
    case checkRules(RuleCheckJob)
    case save(SaveJob)
    /// Written on every edit, atomically; the app runs it at once, before the next frame.
    case writeAutosave(Session, path: String)
    case removeFile(path: String)
    /// Does the file `o` names exist? (asked before offering to discard edits for it)
    case probeOpen(path: String)
    /// Tab in a file prompt: complete `text` (relative to `directory`).
    case completePath(text: String, directory: String)
}

public struct LoadRequest: Sendable {
    public var target: WorkbenchLaunch.Target
    public var holdoutPath: String?
    public var currentDirectory: String
    public var newSessionSeed: UInt64?
    public var chooseJointModel: Bool = true
    /// The CSV of a `.data` target, when the command line read it already.
    public var preloaded: PreloadedCSV?
    /// See `WorkbenchLaunch.memoryBudget` and `reservoirRows`.
    public var memoryBudget = 1 << 30
    public var reservoirRows = StreamingSettings.defaultReservoirRows
    public var windowBytes = FileHead.defaultBytes
}

/// Make the default plan of a loaded CSV (profiles, kinds, rules, the joint model), after its
/// rows are on screen.
public struct PlanJob: Sendable {
    public var generation: Int
    public var table: Table
    public var seed: UInt64
    public var chooseJointModel: Bool
    public var autosavePath: String
    public var sessionPath: String
}

/// Fit the plan (through `cache`, so only what changed is refitted) and generate chunk 0.
public struct PreviewJob: Sendable {
    public var generation: Int
    public var table: Table
    public var plan: Plan
    public var totalRows: Int
    /// Fits of earlier previews on this table.
    public var cache: FitCache
    /// Joint groups the cache lacks are fitted on this many rows first (an approximate preview).
    public var jointSampleRows: Int?
}

/// Score the first rows of the preview against the real sample.
public struct FidelityJob: Sendable {
    public var generation: Int
    public var real: Table
    /// Chunk 0 of the generated columns; the first `rows` rows are scored.
    public var syntheticColumns: [Column]
    public var rows: Int
    public var holdout: Table?
    public var kinds: [String: ColumnKind]
    public var seed: UInt64
}

public struct SaveJob: Sendable {
    public var session: Session
    public var path: String
    /// The CSV to hash into `source.sha256`.
    public var dataPath: String?
    /// The demo data has no file: write it at `dataPath` first.
    public var writesDemoData: Bool
    /// False when `path` is not this session's file: an existing file there is not replaced
    /// without asking.
    public var mayReplace: Bool
    public var plan: Plan
    public var autosavePath: String?
    public var thenQuit: Bool
}

/// Find the rules of a loaded table; `kinds` (one per table column) keeps keys and free text out.
public struct RulesJob: Sendable {
    public var generation: Int
    public var table: Table
    public var kinds: [ColumnKind]
}

/// Check the first `rows` rows of the preview against the rules.
public struct RuleCheckJob: Sendable {
    public var generation: Int
    public var rules: [DataRule]
    public var syntheticColumns: [Column]
    public var rows: Int
}

/// The related tables with the plans being edited: what a relational session is made of.
public struct RelationalJob: Sendable {
    public var generation: Int
    public var tables: [RelationalState.TableInfo]
    public var links: [RelationalState.Link]
    public var seed: UInt64
    /// The session opened (its settings kept); nil: planned as `doppel plan DIR` plans.
    public var session: Session?
    /// Column plans edited in a table's workbench, by table.
    public var edits: [String: [ColumnPlan]]
    /// Where the session is written (relative sources are written relative to it).
    public var path: String
    /// Written into the session as `doppel_version` (the command line's version).
    public var doppelVersion: String?
}
