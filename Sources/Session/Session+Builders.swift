import Synthesis
import Tabular

// Public builders for the layers above (the workbench builds and saves sessions): Swift's
// synthesized memberwise initializers are internal to this module, and a public initializer
// with the same labels would clash with them.

extension Session {
    public static func make(format: Int = Session.currentFormat, doppelVersion: String? = nil, source: Source?, plan: PlanSection,
                run: RunSettings, require: Requirements? = nil, model: ModelSection? = nil, view: ViewState? = nil) -> Self {
        Self(format: format, doppelVersion: doppelVersion, source: source, plan: plan, run: run, require: require, model: model, view: view)
    }
}

extension Session.Source {
    public static func make(path: String, read: CSVReadOptions? = nil, rows: Int? = nil, sha256: String? = nil,
                columns: [Session.SchemaColumn]? = nil) -> Self {
        Self(path: path, read: read, rows: rows, sha256: sha256, columns: columns)
    }
}

extension Session.SchemaColumn {
    public static func make(name: String, kind: ColumnKind) -> Self {
        Self(name: name, kind: kind)
    }
}

extension Session.PlanColumn {
    public static func make(name: String, kind: ColumnKind, strategy: String, parameters: Parameters? = nil,
                realValues: RealValueExposure? = nil) -> Self {
        Self(name: name, kind: kind, strategy: strategy, parameters: parameters, realValues: realValues)
    }
}

extension Session.ViewState {
    public static func make(cursorColumn: String? = nil, panel: String? = nil) -> Self {
        Self(cursorColumn: cursorColumn, panel: panel)
    }
}
