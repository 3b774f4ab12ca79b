import Tabular

/// Fits a plan's joint groups, after its columns (each member's own strategy is its marginal).
enum JointFitting {
    /// `conditioned`: columns `where` conditions fix, which sequential models visit first.
    static func fit(_ group: JointPlan, plan: Plan, table: Table, fitted: inout [String: FittedColumn], conditioned: [String] = []) throws -> FittedJoint {
        func fail(_ message: String) -> PlanError { PlanError("joint group '\(group.name)': \(message)", column: nil) }
        guard let strategy = JointRegistry.strategy(id: group.model) else {
            throw fail("unknown joint model '\(group.model)'; known: " + JointRegistry.allIDs.joined(separator: ", "))
        }
        let descriptor = strategy.descriptor
        guard !group.columns.isEmpty else { throw fail("has no columns") }
        for name in group.memberParameters.keys where !group.columns.contains(name) {
            throw fail("member_parameters names '\(name)', which is not one of its columns")
        }
        // A plan made in memory meets here what a plan file meets when it is read.
        if let refusal = group.retiredSetting { throw fail("parameters.\(refusal.parameter): \(refusal.message)") }
        let parameters = try ResolvedParameters(group.parameters, schema: descriptor.parameters, column: "joint group '\(group.name)'")
        var members: [JointMember] = []
        for name in group.columns {
            guard let columnPlan = plan.column(named: name) else { throw fail("column '\(name)' is not in the plan") }
            guard let marginal = fitted[name] else { throw fail("column '\(name)' is dropped; a dropped column cannot be modelled") }
            guard descriptor.supportedKinds.contains(columnPlan.kind) else {
                let kinds = descriptor.supportedKinds.map(\.rawValue).sorted().joined(separator: ", ")
                throw PlanError.at(column: name, "the \(group.model) joint model does not take kind '\(columnPlan.kind.rawValue)' (it takes \(kinds))")
            }
            guard let column = table.column(named: name) else {
                throw PlanError.at(column: name, "joint models learn from the real column, and the source has none of that name")
            }
            let memberParameters = try ResolvedParameters(group.memberParameters[name] ?? Parameters(), schema: descriptor.memberParameters, column: name)
            members.append(JointMember(name: name, kind: columnPlan.kind, shape: marginal.shape, column: column,
                                       marginal: marginal, parameters: memberParameters))
        }
        // Datetimes whose time of day varies are modelled as day and clock (not by private models:
        // their domains come only through mechanisms).
        var splits = descriptor.differentiallyPrivate ? [] : clockSplits(members, plan: plan)
        if !splits.isEmpty { members = try splitMembers(members, &splits, memberSchema: descriptor.memberParameters) }
        var input = JointFitInput(groupName: group.name, members: members, parameters: parameters, seed: plan.seed)
        input.conditioned = conditioned.filter(group.columns.contains)
        let innerModel = try fitModel(strategy, input)
        let model: any JointModel = splits.isEmpty ? innerModel : ClockSplitModel(splits: splits, inner: innerModel)
        #if DEBUG
        // Every fit in the tests checks that what it made passes the checks a loaded model faces.
        try model.validate()
        #endif
        // The joint model carries its members' nulls (missing is one of their states).
        for name in group.columns { fitted[name]?.nullRate = nil }
        // A private model's members keep nothing of their own fits (which read the data without
        // noise): no model, no clip bounds, no edge cases from the real range.
        if descriptor.differentiallyPrivate {
            for member in members {
                fitted[member.name] = PrivateMemberModel.column(name: member.name, kind: member.kind, strategy: member.marginal.strategy,
                                                                shape: member.shape, group: group.name)
            }
        }
        return FittedJoint(name: group.name, strategy: group.model, model: model)
    }

    /// The datetime members worth splitting into day and clock (`ClockSplit`).
    private static func clockSplits(_ members: [JointMember], plan: Plan) -> [ClockSplit] {
        let names = Set(plan.columns.map(\.name))
        return members.compactMap { member -> ClockSplit? in
            guard member.kind == .datetime, case .datetimes(let values, _) = member.column.values else { return nil }
            var split = ClockSplit(column: member.name, timeZone: ClockSplit.timeZone(of: member.name, in: plan))
            guard !names.contains(split.clockColumn) else { return nil }
            let zone: TimeZoneRules
            if let rules = try? split.rules() { zone = rules } else { (split.timeZone, zone) = ("UTC", .utc) }
            guard ClockSplit.isInformative(values, validity: member.column.validity, zone: zone) else { return nil }
            split.step = ClockSplit.commonStep(ClockSplit.parts(of: values, validity: member.column.validity, zone: zone).clocks,
                                               validity: member.column.validity)
            return split
        }
    }

    /// Each split member becomes its day (in place, fitted by its own strategy) and its clock
    /// (after it, fitted by `empirical`: the real times of day, nulls where the datetime's are).
    private static func splitMembers(_ members: [JointMember], _ splits: inout [ClockSplit], memberSchema: [ParameterSpec]) throws -> [JointMember] {
        var result: [JointMember] = []
        for member in members {
            guard let split = splits.first(where: { $0.column == member.name }),
                  case .datetimes(let values, let format) = member.column.values else {
                result.append(member)
                continue
            }
            let (days, clocks) = ClockSplit.parts(of: values, validity: member.column.validity, zone: try split.rules())
            let dayColumn = Column(name: member.name, values: .datetimes(days, format), validity: member.column.validity)
            let step = Double(split.step)
            let clockColumn = Column(name: split.clockColumn, values: .integers(clocks.map { Int64(($0 / step).rounded()) }, IntegerStyle()),
                                     validity: member.column.validity)
            let table = Table(columns: [dayColumn, clockColumn])
            let dayPlan = ColumnPlan(name: member.name, kind: .datetime, strategy: member.marginal.strategy)
            let clockPlan = ColumnPlan(name: split.clockColumn, kind: .integer, strategy: "empirical")
            var day = member
            day.column = dayColumn
            day.marginal = try FittedPlan.fitColumn(dayPlan, table: table, environment: [:])
            result.append(day)
            let clockMarginal = try FittedPlan.fitColumn(clockPlan, table: table, environment: [:])
            // The clock's own protections (`extreme_k`): a model that draws real clocks from its
            // leaves would otherwise give back a lone real time (the one flight at 01:00).
            if let index = splits.firstIndex(where: { $0.column == member.name }), let range = clockMarginal.clipRange {
                splits[index].clockRange = [range.lowerBound, range.upperBound]
            }
            result.append(JointMember(name: split.clockColumn, kind: .integer, shape: clockMarginal.shape, column: clockColumn,
                                      marginal: clockMarginal, parameters: try ResolvedParameters(Parameters(), schema: memberSchema, column: split.clockColumn)))
        }
        return result
    }

    private static func fitModel<Strategy: JointStrategy>(_ strategy: Strategy.Type, _ input: JointFitInput) throws -> any JointModel {
        try strategy.fit(input)
    }
}
