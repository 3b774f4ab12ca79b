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
            guard let equals = condition.firstIndex(of: "="), equals != condition.startIndex else {
                throw BadInput("--where \(condition): expected COLUMN=VALUE, e.g. --where churn=Yes")
            }
            let column = String(condition[..<equals])
            if result.equals[column] != nil { throw BadInput("--where \(condition): column '\(column)' is already conditioned") }
            result.equals[column] = String(condition[condition.index(after: equals)...])
        }
        if let rebalance {
            guard let equals = rebalance.firstIndex(of: "=") else {
                result.rebalance = .init(column: rebalance)
                return result
            }
            let column = String(rebalance[..<equals])
            var proportions: [String: Double] = [:]
            for item in rebalance[rebalance.index(after: equals)...].split(separator: ",") {
                guard let colon = item.lastIndex(of: ":"), let share = Double(item[item.index(after: colon)...]), share >= 0, share.isFinite else {
                    throw BadInput("--rebalance \(rebalance): expected LEVEL:SHARE pairs separated by commas, e.g. churn=Yes:0.3,No:0.7")
                }
                proportions[String(item[..<colon])] = share
            }
            guard !column.isEmpty, !proportions.isEmpty else {
                throw BadInput("--rebalance \(rebalance): expected COLUMN or COLUMN=LEVEL:SHARE,...")
            }
            result.rebalance = .init(column: column, proportions: proportions)
        }
        return result
    }
}
