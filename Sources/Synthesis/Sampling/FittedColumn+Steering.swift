/// A column's own strategy restricted to its `where` condition: the fixed value for an
/// equality, and for an order the strategy's distribution cut to the range (inverse CDF over
/// the probabilities the range covers, or the levels inside it). What it cannot restrict it
/// draws as usual, and rejection keeps the rows that meet the condition.
extension FittedColumn {
    func steeredOutput(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput? {
        // A derived column follows the columns it reads; fixing it would break that relation.
        guard let target = request.steering[name], model.dependencies.isEmpty else { return nil }
        let count = request.count
        if let categorical = model as? CategoricalStrategy.Model {
            // Levels are text; on a numeric column they read as numbers of its shape.
            let weights = categorical.levels.indices.map { index -> Double in
                let level = categorical.levels[index]
                let meets = target.text.map { $0 == level } ?? shape.parse(level).map(target.contains) ?? false
                return meets ? categorical.probabilities[index] : 0
            }
            if weights.contains(where: { $0 > 0 }) {
                let index = WeightedIndex(weights: weights)
                return ModelOutput(.codes((0..<count).map { _ in UInt32(index.draw(&random)) }, levels: categorical.levels))
            }
        }
        if let text = target.text {
            guard shape.isNumeric else { return ModelOutput(.codes([UInt32](repeating: 0, count: count), levels: [text])) }
            guard let number = target.lower else { return nil }
            return ModelOutput(.numbers([Double](repeating: number, count: count)))
        }
        guard shape.isNumeric, let distribution = model as? any MarginalDistribution,
              let (low, high) = target.probabilities(distribution.cdf) else { return nil }
        // u in (low, high]: the quantile of `low` itself may lie just below the range.
        return ModelOutput(.numbers((0..<count).map { _ in distribution.quantile(high - (high - low) * random.nextUnit()) }))
    }
}
