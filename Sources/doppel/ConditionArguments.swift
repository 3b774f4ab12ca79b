import ArgumentParser
import Synthesis

/// `--where COLUMN=VALUE` (repeatable) and `--rebalance COLUMN[=LEVEL:SHARE,...]`: conditional
/// sampling from the command line, for run and sample.
struct ConditionArguments: ParsableArguments {
    @Option(name: .customLong("where"), parsing: .singleValue,
            help: ArgumentHelp("Only rows where COLUMN has VALUE (as written in the output); repeat for several conditions at once.", valueName: "column=value"))
    var conditions: [String] = []

    @Option(help: ArgumentHelp("Rebalance COLUMN: uniform over its levels, or the given shares (e.g. churn=Yes:0.5,No:0.5).", valueName: "column[=level:share,...]"))
    var rebalance: String?

    /// The conditions given, or nil when none were.
    func parsed() throws -> SamplingConditions? {
        guard !conditions.isEmpty || rebalance != nil else { return nil }
        var result = SamplingConditions()
        for condition in conditions {
            let (column, value): (String, String)
            do { (column, value) = try ConditionSyntax.equality(condition) } catch { throw BadInput("--where \(condition): \(error.message)") }
            if result.equals[column] != nil { throw BadInput("--where \(condition): column '\(column)' is already conditioned") }
            result.equals[column] = value
        }
        if let rebalance {
            do { result.rebalance = try ConditionSyntax.rebalance(rebalance) } catch { throw BadInput("--rebalance \(rebalance): \(error.message)") }
        }
        return result
    }
}
