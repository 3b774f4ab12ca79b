import Tabular

/// Every built-in strategy, listed explicitly (as synthpop dispatches `syn.<method>` by name).
public enum StrategyRegistry {
    public static let all: [any GenerationStrategy.Type] = [
        // Statistical: fitted to the real column.
        EmpiricalStrategy.self,
        HistogramStrategy.self,
        CategoricalStrategy.self,
        CodeStrategy.self,
        BooleanStrategy.self,
        DatetimeStrategy.self,
        ParametricStrategy.self,
        KDEStrategy.self,
        // Made up, no fitting.
        SequenceStrategy.self,
        ConstantStrategy.self,
        UniformStrategy.self,
        ChoiceStrategy.self,
        PatternStrategy.self,
        FakeStrategy.self,
        // Real values, transformed.
        KeepStrategy.self,
        ShuffleStrategy.self,
        PerturbStrategy.self,
        MaskStrategy.self,
        HashStrategy.self,
        DropStrategy.self,
        FormulaStrategy.self,
        LookupStrategy.self,
        GivenCategoricalStrategy.self,
    ]

    public static var ids: [String] { all.map { $0.descriptor.id } }

    public static func strategy(id: String) -> (any GenerationStrategy.Type)? {
        all.first { $0.descriptor.id == id }
    }

    /// The strategies that can generate a column of this kind, in registry order.
    public static func strategies(for kind: ColumnKind) -> [any GenerationStrategy.Type] {
        all.filter { $0.descriptor.supportedKinds.contains(kind) }
    }
}

extension ColumnKind {
    static let numeric: Set<ColumnKind> = [.integer, .decimal]
    static let textual: Set<ColumnKind> = [.categorical, .identifier, .text, .code, .email, .phone, .url, .ip, .uuid, .name]
    static let every: Set<ColumnKind> = Set(ColumnKind.allCases)
}
