import Fidelity

/// The gates typed as `--min METRIC=VALUE` / `--max METRIC=VALUE` (report and run take both);
/// a malformed gate or an unknown metric is bad input.
func parseGates(min: [String], max: [String]) throws -> [QualityGate] {
    let known = FidelityReport.figureNames + FidelityReport.tstrFigureNames
    do {
        return try min.map { try QualityGate.parse($0, bound: .min, known: known) }
            + max.map { try QualityGate.parse($0, bound: .max, known: known) }
    } catch let error as GateError {
        throw BadInput(error.description)
    }
}
