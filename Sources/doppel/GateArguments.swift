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

/// Fails (bad input) when a gate is on a figure that needs input this command will not have:
/// `available` names what it has (`--holdout`, `--target`). Called before any output is
/// written, so a gate that can never be checked does not leave a file behind.
func checkGateInputs(_ gates: [QualityGate], available: Set<String>, command: String) throws {
    for gate in gates {
        guard let needed = FidelityReport.requiredInput(for: gate.metric), !available.contains(needed) else { continue }
        if command == "doppel report" {
            throw BadInput("\(gate): \(gate.metric) needs \(needed), which was not given")
        }
        throw BadInput("\(gate): \(gate.metric) needs \(needed), which \(command) does not take; score the output with doppel report \(needed) instead")
    }
}
