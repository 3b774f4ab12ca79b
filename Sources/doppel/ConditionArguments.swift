import ArgumentParser
import Synthesis

/// `--where COLUMN=VALUE` (repeatable) and `--rebalance COLUMN[=LEVEL:SHARE,...]`: conditional
/// sampling from the command line, for run and sample.
struct ConditionArguments: ParsableArguments {
    @Option(name: .customLong("where"), parsing: .singleValue,
            help: ArgumentHelp("Only rows where COLUMN has VALUE (as written in the output), or, on a number or date column, meets a comparison: COLUMN>=VALUE, >, <=, <, != (e.g. 'dep_delay>=120'); repeat for several columns at once. A value no real row has, or one fewer than min_rows (5) real rows have, is an error before any rows are drawn.", valueName: "column=value"))
    var conditions: [String] = []

    @Option(help: ArgumentHelp("Rebalance COLUMN: uniform over its levels, or the given shares, each 0 to 1 (e.g. churn=Yes:0.3): levels left out share the rest (1 - the sum) in their real proportions; listing every level, the shares must sum to 1.", valueName: "column[=level:share,...]"))
    var rebalance: String?

    @Option(name: .customLong("min-rows"),
            help: ArgumentHelp("With --where or --rebalance: the fewest real rows a condition may select (default 5; plan.conditions.min_rows in a session).", valueName: "n"))
    var minRows: Int?

    /// The conditions given, or nil when none were.
    func parsed() throws -> SamplingConditions? {
        guard !conditions.isEmpty || rebalance != nil else {
            if let minRows { throw BadInput("--min-rows \(minRows): goes with --where or --rebalance (a session's own conditions take plan.conditions.min_rows)") }
            return nil
        }
        var result = SamplingConditions()
        if let minRows {
            guard minRows >= 1 else { throw BadInput("--min-rows \(minRows): expected a row count of at least 1") }
            result.minRows = minRows
        }
        for condition in conditions {
            let (column, value): (String, String)
            do { (column, value) = try ConditionSyntax.condition(condition) } catch { throw BadInput("--where \(condition): \(error.message)") }
            if result.equals[column] != nil { throw BadInput("--where \(condition): column '\(column)' is already conditioned") }
            result.equals[column] = value
        }
        if let rebalance {
            do { result.rebalance = try ConditionSyntax.rebalance(rebalance) } catch { throw BadInput("--rebalance \(rebalance): \(error.message)") }
        }
        return result
    }
}
