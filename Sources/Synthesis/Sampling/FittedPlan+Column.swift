import Tabular

extension FittedPlan {
    /// Fits one column of a plan on `table`, exactly as `fit` fits it inside a whole plan (the
    /// workbench refits only the column a person edited and keeps the others).
    public static func fit(column: ColumnPlan, on table: Table, environment: [String: String] = [:]) throws -> FittedColumn {
        try fitColumn(column, table: table, environment: environment)
    }
}
