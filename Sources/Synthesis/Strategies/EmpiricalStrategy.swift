import Tabular

/// Resamples observed values with replacement: every synthetic value is a real one.
public enum EmpiricalStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "empirical", family: .statistical,
        help: "Resample observed values (every value is a real one)",
        supportedKinds: ColumnKind.every, exposure: .values, producesNumbers: true)

    public struct Model: ColumnModel, MarginalDistribution {
        /// Sorted values for numeric columns; empty for text.
        @Packed public var numbers: [Double]
        /// Levels and their counts for text columns.
        public var levels: [String]
        public var weights: WeightedIndex?
        public var exposure: RealValueExposure { .values }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            if let weights {
                let codes = (0..<request.count).map { _ in UInt32(weights.draw(&random)) }
                return ModelOutput(.codes(codes, levels: levels))
            }
            return ModelOutput(.numbers((0..<request.count).map { _ in numbers[random.nextIndex(numbers.count)] }))
        }

        public func cdf(_ x: Double) -> Double {
            var low = 0
            var high = numbers.count
            while low < high {
                let middle = (low + high) / 2
                if numbers[middle] <= x { low = middle + 1 } else { high = middle }
            }
            return Double(low) / Double(max(1, numbers.count))
        }

        public func quantile(_ p: Double) -> Double {
            let index = Int((p * Double(numbers.count)).rounded(.up)) - 1
            return numbers[min(max(index, 0), numbers.count - 1)]
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        if input.shape.isNumeric {
            return Model(numbers: try input.numericValues(strategy: descriptor.id).sorted(), levels: [], weights: nil)
        }
        let counts = LevelCounts(try input.requireColumn(strategy: descriptor.id))
        guard counts.total > 0 else { throw PlanError.at(column: input.columnName, "strategy 'empirical' needs at least one value, but the column is all null") }
        return Model(numbers: [], levels: counts.levels, weights: WeightedIndex(weights: counts.counts.map(Double.init)))
    }
}
