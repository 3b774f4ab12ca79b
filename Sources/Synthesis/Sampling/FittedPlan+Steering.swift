/// Which conditions the plan's models steer, and which are left to rejection (with why).
extension FittedPlan {
    static func steering(_ conditions: FittedConditions?, columns: [String: FittedColumn],
                         joints: [FittedJoint]) -> (targets: [String: SteeringTarget], notes: [String]) {
        guard let conditions else { return ([:], []) }
        var targets: [String: SteeringTarget] = [:]
        for condition in conditions.equals {
            guard let column = columns[condition.column], let target = SteeringTarget(condition, shape: column.shape) else { continue }
            targets[condition.column] = target
        }
        var notes: [String] = []
        for joint in joints {
            let reasons = joint.model.unsteerable(targets.filter { joint.model.columnNames.contains($0.key) })
            for condition in conditions.equals {
                guard let reason = reasons[condition.column] else { continue }
                notes.append("where \(condition.label): met by rejection only (bounded; rare values may fail): joint group '\(joint.name)' (\(joint.strategy)) \(reason)")
            }
        }
        return (targets, notes)
    }
}
