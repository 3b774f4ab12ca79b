import Tabular

/// The rules found in the real data of the open file. Discovery runs once per load, in the
/// background; every preview is then checked against them (`FidelityState.rules`).
public struct RulesState: Sendable {
    /// Counts loads: a discovery started for the last file is dropped when it reports.
    public var generation = 0
    /// Nil while discovery runs.
    public var rules: [DataRule]?
}

/// The rules panel (`R`): the highlighted rule and the first line shown.
public struct RulesSheet: Sendable, Equatable {
    public var selected = 0
    public var top = 0

    public init(selected: Int = 0, top: Int = 0) {
        self.selected = selected
        self.top = top
    }
}
