/// What the workbench opens: a CSV, a session, or (nothing given) the embedded demo dataset.
public struct WorkbenchLaunch: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case demo
        case data(path: String)
        case session(path: String)
    }

    public var target: Target
    /// `--holdout FILE`: real rows kept out of fitting, for DCR overfitting protection.
    public var holdoutPath: String?
    /// `--ascii`: charts and borders without Unicode blocks.
    public var ascii: Bool
    /// False with `NO_COLOR` or a monochrome terminal.
    public var color: Bool

    public init(target: Target, holdoutPath: String? = nil, ascii: Bool = false, color: Bool = true) {
        self.target = target
        self.holdoutPath = holdoutPath
        self.ascii = ascii
        self.color = color
    }
}

/// How the workbench ended.
public enum WorkbenchExit: Sendable, Equatable {
    case quit
}
