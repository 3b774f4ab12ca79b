import Fidelity
import Session
import Synthesis
import Tabular
import TerminalUI

/// What happens to the workbench: input events, and the results of effects.
public enum WorkbenchAction: Sendable {
    /// The app started: load what the launch names.
    case start
    case key(Key)
    case resize(width: Int, height: Int)
    /// Only with `--mouse`: the wheel scrolls, a press selects a cell or a list's line.
    case mouse(MouseEvent)
    /// A command run from the palette (or a test).
    case command(WorkbenchCommand)
    case loaded(LoadResult)
    /// A windowed file's stream: bytes read so far, then its profile, or why it failed.
    case streamProgressed(path: String, bytes: Int)
    case fileStreamed(path: String, FileStreamed)
    case streamFailed(path: String, String)
    /// Related tables read: the table list.
    case relationalLoaded(RelationalState)
    /// An action for one table's workbench, shown or not.
    indirect case forTable(String, WorkbenchAction)
    case cardinalityComputed(generation: Int, RelationalReport)
    case cardinalityFailed(generation: Int, String)
    case relationalSaved(path: String, Session)
    /// The default plan of the CSV of load `generation`.
    case planMade(generation: Int, PlanMade)
    case loadFailed(String)
    case previewBuilt(generation: Int, PreviewResult)
    case qualityComputed(generation: Int, QualityResult)
    case privacyComputed(generation: Int, PrivacyReport)
    case fidelityFailed(generation: Int, String)
    /// Rules found in the real data of load `generation`.
    case rulesDiscovered(generation: Int, [DataRule])
    /// The preview of fidelity generation `generation` checked against the rules.
    case rulesChecked(generation: Int, RuleAdherence)
    case saved(path: String, plan: Plan, session: Session, thenQuit: Bool)
    case saveFailed(String)
    /// The save would replace a file that is not this session's.
    case saveWouldReplace(path: String, thenQuit: Bool)
    case autosaveWritten(path: String)
    case openProbed(path: String, exists: Bool)
    /// `text` was completed to `completed`; `matches` are the names that fit.
    case pathCompleted(text: String, completed: String, matches: [String])
    case autosaveFailed(String)
}

/// A loaded dataset (and session), plus an autosave worth offering.
public struct LoadResult: Sendable {
    public var document: Document
    public var autosavePath: String
    /// The plan of an autosave newer than the session, when there is one.
    public var recoverable: Plan?
    /// The view a session restores.
    public var view: Session.ViewState?
    public var warnings: [String]
    /// The rules found while making the default plan of a bare CSV; nil when they are still to
    /// be found (a session).
    public var rules: [DataRule]?
    /// The document's plan is provisional (kinds from storage, no strategies yet): the default
    /// plan is still to be made, by this job (its generation set by the reducer).
    public var planJob: PlanJob?
    /// A windowed file still to be streamed for its whole profile.
    public var streamJob: StreamJob?

    public init(document: Document, autosavePath: String, recoverable: Plan?, view: Session.ViewState?, warnings: [String],
                rules: [DataRule]? = nil, planJob: PlanJob? = nil) {
        self.rules = rules
        self.planJob = planJob
        self.document = document
        self.autosavePath = autosavePath
        self.recoverable = recoverable
        self.view = view
        self.warnings = warnings
    }
}

/// The default plan of a loaded CSV, with what comes with it.
public struct PlanMade: Sendable {
    public var profiles: [ColumnProfile]
    public var plan: Plan
    public var rules: [DataRule]
    /// The plan of an autosave newer than the session, when it differs from the default plan.
    public var recoverable: Plan?
}

/// A preview: the plan's fitted columns, chunk 0, or the errors; the fit cache after it.
public struct PreviewResult: Sendable {
    public var fitted: [String: PreviewState.Fitted]
    public var generated: [String: PreviewState.Generated]
    public var errors: [String: String]
    public var cache: FitCache
    /// A joint group was fitted on a sample: the fit on all rows is still to come.
    public var approximate = false
}

/// Quality figures and chart data of a preview.
public struct QualityResult: Sendable {
    public var quality: QualityReport
    public var histograms: [String: HistogramComparison]
    public var categories: [String: CategoryComparison]
    public var correlations: CorrelationMatrices
}
