import Tabular

/// Reads a command's CSV argument, printing the reader's warnings; the one way commands load data.
func loadSource(_ argument: String, options: ReadOptionsArguments) throws -> (table: Table, name: String) {
    let loaded = try loadSourceWithTypes(argument, options: options)
    return (loaded.table, loaded.name)
}

/// `loadSource`, with a Parquet source's column types (empty for other formats), for commands
/// whose Parquet output keeps them.
func loadSourceWithTypes(_ argument: String, options: ReadOptionsArguments) throws -> (table: Table, name: String, parquetTypes: ParquetSchemaHint) {
    let input = CSVInput(argument: argument)
    let result = try CSVReader.read(input, options: try options.options())
    for warning in result.warnings { Diagnostics.warning("\(input.displayName): \(warning)") }
    return (result.table, input.displayName, result.parquetTypes)
}

/// The kinds inference proposes for a table.
func proposedKinds(_ table: Table) -> [ColumnKind] {
    TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
}
