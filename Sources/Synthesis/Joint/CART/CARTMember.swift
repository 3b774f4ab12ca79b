import Tabular

/// One member of the visit sequence, fitted: how its values are drawn given the synthetic
/// values of the members before it.
struct CARTMember: Codable, Sendable {
    enum Conditional: Codable, Sendable {
        /// The column's own strategy (the first member, and method `sample`).
        case marginal(EmbeddedMarginal)
        /// A tree whose leaves pool real values: class codes (the code past the last class is
        /// null) or indices into the tree's values.
        case tree(CARTTree)
        case linear(CARTLinearModel)
        case logit(CARTLogitModel)
        /// Every real value is null.
        case allNull
    }

    var name: String
    var coding: CARTValueCoding
    var method: CARTMethod
    /// Earlier members it reads, by position in the visit sequence.
    var predictors: [Int]
    var conditional: Conditional
    /// For members drawn as numbers or by regression: whether a row is null, from a tree on the
    /// same predictors (class 1 is null), so that nulls fall where they fall in the real data.
    var nullTree: CARTTree?
    /// Smoothed draws stay within the real column's range and take its precision.
    var range: [Double]?
    var precision: Int?

    /// Draws the member for every row of the chunk into its column of `data` (encoded values,
    /// `count` rows a member) and returns its output.
    /// A `target` (a condition on this member, which comes before every unconditioned one)
    /// restricts the draws to values that meet it.
    func generate(_ request: GenerationRequest, position: Int, target: SteeringTarget? = nil, data: UnsafeMutableBufferPointer<Double>,
                  random: inout RandomStream) throws -> ModelOutput {
        let count = request.count
        let base = position * count
        if case .marginal(let marginal) = conditional {
            let column = try marginal.generate(request, random: &random)
            let encoded = coding.encode(column)
            for row in 0..<count { data[base + row] = encoded[row] }
            return CARTValueCoding.output(column)
        }
        let slots = predictors.map { $0 * count }
        let readable = UnsafeBufferPointer(data)
        slots.withUnsafeBufferPointer { slots in
            var nulls = [Bool](repeating: false, count: count)
            if let nullTree, target == nil {
                let draws = nullTree.draws(nullTree.leaves(count: count, data: readable, slots: slots), random: &random)
                for row in 0..<count { nulls[row] = draws[row] == 1 }
            }
            switch conditional {
            case .marginal:
                preconditionFailure("handled above")
            case .allNull:
                for row in 0..<count { data[base + row] = .nan }
            case .tree(let tree):
                drawTree(tree, count: count, base: base, nulls: nulls, target: target, data: data, slots: slots, random: &random)
            case .linear(let model):
                withDesignRow(model.design) { buffer in
                    for row in 0..<count {
                        if nulls[row] { data[base + row] = .nan; continue }
                        model.design.fill(row: row, data: readable, slots: slots, into: buffer)
                        data[base + row] = model.draw(buffer, random: &random)
                    }
                }
            case .logit(let model):
                var scratch = [Double](repeating: 0, count: max(1, model.classCount))
                withDesignRow(model.design) { buffer in
                    for row in 0..<count {
                        if nulls[row] { data[base + row] = .nan; continue }
                        model.design.fill(row: row, data: readable, slots: slots, into: buffer)
                        data[base + row] = Double(model.draw(buffer, scratch: &scratch, random: &random))
                    }
                }
            }
        }
        return coding.output(Array(data[base..<(base + count)]))
    }

    private func drawTree(_ tree: CARTTree, count: Int, base: Int, nulls: [Bool], target: SteeringTarget?, data: UnsafeMutableBufferPointer<Double>,
                          slots: UnsafeBufferPointer<Int>, random: inout RandomStream) {
        let leaves = tree.leaves(count: count, data: UnsafeBufferPointer(data), slots: slots)
        let steered = target.flatMap { target in tree.draws(leaves, meeting: allows(target, tree: tree), random: &random) }
        let draws = steered ?? tree.draws(leaves, random: &random)
        if coding.isCategorical {
            let nullCode = UInt32(coding.classCount)
            for row in 0..<count { data[base + row] = draws[row] == nullCode ? .nan : Double(draws[row]) }
            return
        }
        let scale = precision.map(NumberScale.powerOfTen)
        let bandwidths = tree.bandwidths
        if let leafBounds = tree.leafBounds, let bandwidths, let scale {
            let jitter = CARTJitter(values: tree.values, scale: scale, range: range)
            for row in 0..<count {
                if nulls[row] { data[base + row] = .nan; continue }
                let drawn = tree.values[Int(draws[row])]
                let leaf = Int(leaves[row])
                let value = jitter.draw(around: drawn, bandwidth: bandwidths[leaf],
                                        leaf: leafBounds[2 * leaf]...leafBounds[2 * leaf + 1], random: &random)
                // A steered draw keeps its condition: a jittered value outside it falls back.
                data[base + row] = target.map { $0.contains(value) } ?? true ? value : drawn
            }
            return
        }
        tree.values.withUnsafeBufferPointer { values in
            for row in 0..<count {
                if nulls[row] { data[base + row] = .nan; continue }
                var value = values[Int(draws[row])]
                if steered == nil, let bandwidths, bandwidths[Int(leaves[row])] > 0 {
                    value += bandwidths[Int(leaves[row])] * random.nextNormal()
                    if let scale { value = NumberScale.round(value, scale: scale) }
                    if let range { value = min(max(value, range[0]), range[1]) }
                }
                data[base + row] = value
            }
        }
    }

    /// Which pool entries (class codes, or indices into the tree's values) meet `target`.
    private func allows(_ target: SteeringTarget, tree: CARTTree) -> (UInt32) -> Bool {
        if coding.isCategorical {
            let meets: [Bool] = coding.shape.isNumeric
                ? coding.levelValues.map(target.contains)
                : coding.levels.map { level in target.text == level }
            return { Int($0) < meets.count && meets[Int($0)] }
        }
        let meets = tree.values.map(target.contains)
        return { Int($0) < meets.count && meets[Int($0)] }
    }

    private func withDesignRow(_ design: CARTDesign, _ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
        var row = [Double](repeating: 0, count: design.width)
        row.withUnsafeMutableBufferPointer { body($0) }
    }
}
