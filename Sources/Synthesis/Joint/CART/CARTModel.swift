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

    /// Member after member, each from its own stream taken from `random` in visit order.
    public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> [ModelOutput] {
        var data = [Double](repeating: .nan, count: members.count * request.count)
        var outputs: [ModelOutput] = []
        outputs.reserveCapacity(members.count)
        try data.withUnsafeMutableBufferPointer { data in
            for (position, member) in members.enumerated() {
                var stream = RandomStream(seed: random.next())
                outputs.append(try member.generate(request, position: position, data: data, random: &stream))
            }
        }
        return outputs
    }
}
