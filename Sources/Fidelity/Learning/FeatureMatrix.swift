/// Dense numeric model input: one `[Double]` per feature (column-major), every value finite.
///
/// Column-major because the learners work a feature at a time: the logistic and ridge fits take
/// dot products of whole columns, and the tree presorts each column once.
public struct FeatureMatrix: Sendable, Equatable {
    public let rows: Int
    public private(set) var columns: [[Double]]
    /// One name per column (`carat`, `cut=Ideal`, `depth (null)`, ...), for reading models.
    public private(set) var names: [String]

    public init(rows: Int, columns: [[Double]], names: [String]) {
        precondition(columns.count == names.count, "\(columns.count) columns but \(names.count) names")
        for column in columns { precondition(column.count == rows, "a column has \(column.count) values, expected \(rows)") }
        self.rows = rows
        self.columns = columns
        self.names = names
    }

    /// Row-major input, convenient for small fixtures.
    public init(rowMajor: [[Double]], names: [String]? = nil) {
        let width = rowMajor.first?.count ?? 0
        let columns = (0..<width).map { feature in rowMajor.map { $0[feature] } }
        self.init(rows: rowMajor.count, columns: columns, names: names ?? (0..<width).map { "x\($0)" })
    }

    public var columnCount: Int { columns.count }

    /// The rows of `self` followed by the rows of `other` (same columns).
    public func stacked(on other: FeatureMatrix) -> FeatureMatrix {
        precondition(columns.count == other.columns.count, "cannot stack \(columns.count) columns on \(other.columns.count)")
        return FeatureMatrix(rows: rows + other.rows, columns: zip(columns, other.columns).map { $0 + $1 }, names: names)
    }

    /// Only the columns that are not linear combinations of the intercept and the columns kept
    /// before them (first come, first kept; R's `glm` leaves such "aliased" coefficients NA).
    /// Two null indicators of columns that are always null together are one parameter, not two;
    /// a constant column is aliased with the intercept.
    ///
    /// An incremental Cholesky factorisation of `[1 X]ᵀ[1 X]`: a column is kept when the part of
    /// it the kept columns do not explain holds more than 10⁻⁹ of its sum of squares.
    public func droppingAliasedColumns() -> FeatureMatrix {
        guard rows > 0 else { return self }
        let size = columnCount + 1
        let gram = GramMatrix.weighted(self, weights: nil)
        var kept: [Int] = [0]                 // indices into [1 X]; 0 is the intercept
        var lower: [[Double]] = [[gram[0].squareRoot()]]
        for j in 1..<max(size, 1) {
            let diagonal = gram[j * size + j]
            var row: [Double] = []
            var explained = 0.0
            for (position, k) in kept.enumerated() {
                var value = gram[j * size + k]
                for m in 0..<position { value -= lower[position][m] * row[m] }
                value /= lower[position][position]
                row.append(value)
                explained += value * value
            }
            let residual = diagonal - explained
            if diagonal > 0, residual > 1e-9 * diagonal {
                kept.append(j)
                lower.append(row + [residual.squareRoot()])
            }
        }
        let features = kept.dropFirst().map { $0 - 1 }
        return FeatureMatrix(rows: rows, columns: features.map { columns[$0] }, names: features.map { names[$0] })
    }

    /// Only the columns whose value varies: a constant column carries no information and, beside
    /// an intercept, is aliased (it would count as a parameter the model cannot estimate).
    public func droppingConstantColumns() -> FeatureMatrix {
        let kept = columns.indices.filter { index in
            let column = columns[index]
            guard let first = column.first else { return false }
            return column.contains { $0 != first }
        }
        return FeatureMatrix(rows: rows, columns: kept.map { columns[$0] }, names: kept.map { names[$0] })
    }
}
