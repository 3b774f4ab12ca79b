import Yams

/// Reads older session formats as the current one, on the YAML tree, before the format check,
/// so that every later step sees one format. Lines are kept, so errors still point at the
/// user's file.
enum SessionMigration {
    /// Format 1 kept the seed, the row count and the conditions under `run:` (format 2 keeps
    /// them in the plan, their one home) and marked each plan column with `real_values` (format
    /// 2 keeps that with the fitted model only).
    static func fromFormat1(_ root: Node.Mapping) -> Node.Mapping {
        var moved: [(Node, Node)] = []
        var pairs: [(Node, Node)] = []
        var runPairs: [(Node, Node)] = []
        for (key, value) in root where key.string == "run" {
            guard case .mapping(let run) = value else { continue }
            for (runKey, runValue) in run {
                if ["seed", "rows", "conditions"].contains(runKey.string ?? "") { moved.append((runKey, runValue)) } else { runPairs.append((runKey, runValue)) }
            }
        }
        for (key, value) in root {
            switch key.string {
            case "format":
                pairs.append((key, .scalar(Node.Scalar("2", Tag(.int), .plain, value.mark))))
            case "run":
                if case .mapping = value {
                    if !runPairs.isEmpty { pairs.append((key, .mapping(Node.Mapping(runPairs, value.mapping!.tag, value.mapping!.style, value.mark)))) }
                } else {
                    pairs.append((key, value))
                }
            case "plan":
                guard case .mapping(let plan) = value else { pairs.append((key, value)); break }
                var planPairs = moved
                for (planKey, planValue) in plan {
                    if planKey.string == "columns", case .sequence(let columns) = planValue {
                        let stripped = columns.map { column -> Node in
                            guard case .mapping(let fields) = column else { return column }
                            return .mapping(Node.Mapping(fields.filter { $0.key.string != "real_values" }.map { ($0.key, $0.value) },
                                                         fields.tag, fields.style, column.mark))
                        }
                        planPairs.append((planKey, .sequence(Node.Sequence(stripped, columns.tag, columns.style, planValue.mark))))
                    } else {
                        planPairs.append((planKey, planValue))
                    }
                }
                pairs.append((key, .mapping(Node.Mapping(planPairs, plan.tag, plan.style, value.mark))))
            default:
                pairs.append((key, value))
            }
        }
        if !pairs.contains(where: { $0.0.string == "plan" }) && !moved.isEmpty {
            pairs.append((Node("plan"), .mapping(Node.Mapping(moved))))
        }
        return Node.Mapping(pairs, root.tag, root.style, root.mark)
    }
}
