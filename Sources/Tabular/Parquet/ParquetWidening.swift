/// When synthetic values do not fit a source column's Parquet type (a noisy integer beyond
/// INT32, a decimal needing more digits than DECIMAL(10, 2) has), the column is written in the
/// wider type instead (INT64, DOUBLE) with a warning: values are never wrapped or clipped.
///
/// A Parquet file has one type per column, declared in the footer and used by every row group,
/// and row groups are written as they are generated, so a column that turns out too narrow in
/// a late row group cannot be fixed in place: the writer throws `ColumnsTooNarrow`, and the
/// whole output is written again with those columns widened (`ParquetWriter.widening`). The
/// same plan and seed give the same rows, so the second pass writes what the first would have.
extension ParquetWriter {
    /// One column whose values do not fit its source type.
    public struct Widening: Sendable, Equatable {
        public var column: String
        public var from: ParquetColumnType
        public var to: ParquetColumnType
        /// The first value seen that does not fit.
        public var value: Double

        public var warning: String {
            let shown = value.rounded() == value && abs(value) < 1e18 ? String(Int64(value)) : String(value)
            return "column '\(column)': synthetic value \(shown) does not fit the source's Parquet type \(from); the column is written as \(to)"
        }
    }

    /// Thrown while placing a piece whose values do not fit their columns' types.
    public struct ColumnsTooNarrow: Error, CustomStringConvertible {
        public var widenings: [Widening]
        public var description: String { widenings.map(\.warning).joined(separator: "; ") }
    }

    /// Runs `write` with a writer for `types`; when values do not fit, widens those columns and
    /// runs it again (at most once per column, as a widened type has nothing wider). `write`
    /// must start its output afresh each time. Returns its result and one warning per widening.
    public static func widening<T>(
        types: ParquetSchemaHint, compression: Compression = .snappy, _ write: (ParquetWriter) throws -> T
    ) throws -> (result: T, warnings: [String]) {
        var types = types
        var warnings: [String] = []
        while true {
            do {
                return (try write(ParquetWriter(compression: compression, types: types)), warnings)
            } catch let narrow as ColumnsTooNarrow {
                var changed = false
                for widening in narrow.widenings where types[widening.column] == widening.from {
                    types[widening.column] = widening.to
                    warnings.append(widening.warning)
                    changed = true
                }
                if !changed { throw narrow }
            }
        }
    }
}
