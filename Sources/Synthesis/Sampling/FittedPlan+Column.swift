import Tabular

extension FittedPlan {
    /// Fits one column of a plan on `table`, exactly as `fit` fits it inside a whole plan (the
    /// workbench refits only the column a person edited and keeps the others).
    public static func fit(column: ColumnPlan, on table: Table, environment: [String: String] = [:]) throws -> FittedColumn {
        try fitColumn(column, table: table, environment: environment)
    }
}

extension FittedColumn {
    /// Generates this column's rows of chunk `chunk` of a `totalRows`-row output, given the
    /// columns generated before it in that chunk: the same request `FittedPlan.sampleChunk`
    /// makes, so the values are the ones a whole run writes.
    public func generate(chunk: Int, totalRows: Int, seed: UInt64, generated: [String: SyntheticColumn]) throws -> SyntheticColumn {
        let start = chunk * FittedPlan.chunkSize
        let rows = start..<min(totalRows, start + FittedPlan.chunkSize)
        let request = GenerationRequest(rows: rows, totalRows: totalRows, generated: generated, seed: seed)
        return try generate(request, seed: seed, chunk: chunk)
    }
}
