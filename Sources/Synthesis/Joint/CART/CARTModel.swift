import Tabular

/// A fitted `cart` joint model: the members in visit order, each with what draws it.
public struct CARTModel: JointModel {
    var members: [CARTMember]
    var settings: CARTSettings

    public var columnNames: [String] { members.map(\.name) }
    public var exposure: RealValueExposure { .values }

    public var summary: [String] {
        let tree = settings.tree
        var lines = ["sequential CART: minbucket \(tree.minimumBucket), max depth \(tree.maximumDepth), cp \(ParameterValue.number(tree.complexity).displayText), smoothing \(settings.smoothing.rawValue)"]
        for (position, member) in members.enumerated() {
            var line = "\(position + 1). \(member.name): "
            switch member.conditional {
            case .marginal(let marginal):
                line += position == 0 ? "its own strategy (\(marginal.column.strategy)), first in the sequence" : "sample, its own strategy (\(marginal.column.strategy))"
            case .allNull:
                line += "always null (no real values)"
            default:
                line += member.method.rawValue + " on " + member.predictors.map { members[$0].name }.joined(separator: ", ")
                if case .tree(let tree) = member.conditional { line += " (\(tree.leafCount) leaves)" }
            }
            if member.nullTree != nil { line += "; nulls by a tree" }
            lines.append(line)
        }
        return lines
    }

    /// Member after member, each from its own stream taken from `random` in visit order. The
    /// members at the front that conditions fix are drawn to meet them; the rest follow them.
    public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> [ModelOutput] {
        var data = [Double](repeating: .nan, count: members.count * request.count)
        var outputs: [ModelOutput] = []
        outputs.reserveCapacity(members.count)
        let prefix = steeredPrefix(request.steering)
        var plain = request
        plain.steering = [:]
        try data.withUnsafeMutableBufferPointer { data in
            for (position, member) in members.enumerated() {
                var stream = RandomStream(seed: random.next())
                let target = position < prefix ? request.steering[member.name] : nil
                var memberRequest = plain
                if let target { memberRequest.steering = [member.name: target] }
                outputs.append(try member.generate(memberRequest, position: position, target: target, data: data, random: &stream))
            }
        }
        return outputs
    }

    /// How many members, from the first, conditions fix. Only those can be drawn to meet their
    /// condition: fixing a later member would ignore the earlier ones it was fitted to follow.
    func steeredPrefix(_ steering: [String: SteeringTarget]) -> Int {
        members.firstIndex { steering[$0.name] == nil } ?? members.count
    }

    public func unsteerable(_ steering: [String: SteeringTarget]) -> [String: String] {
        let prefix = steeredPrefix(steering)
        var reasons: [String: String] = [:]
        for (position, member) in members.enumerated() where position >= prefix && steering[member.name] != nil {
            reasons[member.name] = "visits \(member.name) after \(members[prefix].name), which no condition fixes: it was fitted without this condition, and refitting it with \(member.name) first needs the source (these models are embedded)"
        }
        return reasons
    }
}
