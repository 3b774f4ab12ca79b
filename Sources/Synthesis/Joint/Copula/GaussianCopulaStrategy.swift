import Tabular

/// A Gaussian copula, as SDV's GaussianCopulaSynthesizer: each member keeps its own marginal
/// (its column strategy supplies the inverse CDF), and the dependence between members is the
/// correlation of their normal scores. Sampling draws a multivariate normal and maps each
/// coordinate back through its marginal.
public enum GaussianCopulaStrategy: JointStrategy {
    public static let descriptor = JointDescriptor(
        id: "gaussian_copula",
        help: "Gaussian copula: each column's own marginal, joined by the correlation of normal scores",
        supportedKinds: [.integer, .decimal, .boolean, .categorical, .datetime],
        parameters: [],
        exposure: .statistics)

    public struct Model: JointModel {
        var marginals: [CopulaMarginal]
        /// Lower-triangular Cholesky factor of the (repaired) correlation matrix, row by row.
        var cholesky: [[Double]]
        /// True when the estimated matrix was not positive definite and was repaired.
        var repaired: Bool
        /// The worst-case exposure of the members' marginals (levels of categoricals, a KDE's points).
        var marginalExposure: RealValueExposure

        public var columnNames: [String] { marginals.map(\.name) }
        public var exposure: RealValueExposure { max(marginalExposure, .statistics) }

        public var summary: [String] {
            var lines = ["Gaussian copula over \(marginals.count) columns"]
            if repaired { lines.append("the correlation matrix was not positive definite and was repaired (eigenvalues clipped)") }
            return lines
        }

        public func unsteerable(_ steering: [String: SteeringTarget]) -> [String: String] {
            var reasons: [String: String] = [:]
            for marginal in marginals {
                guard let target = steering[marginal.name], marginal.uniformInterval(for: target) == nil else { continue }
                reasons[marginal.name] = "maps \(marginal.name) through a marginal with no values that meet it"
            }
            return reasons
        }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> [ModelOutput] {
            let d = marginals.count
            let n = request.count
            var columns = [[Double]](repeating: [Double](repeating: 0, count: n), count: d)
            var validity = [NullBitmap](repeating: NullBitmap(count: n, allValid: true), count: d)
            var normals = [Double](repeating: 0, count: d)
            var scores = [Double](repeating: 0, count: d)
            let steering = CopulaSteering(marginals: marginals, cholesky: cholesky, steering: request.steering)
            for row in 0..<n {
                if let steering {
                    steering.draw(into: &scores, noise: &normals, random: &random)
                } else {
                    for k in 0..<d { normals[k] = random.nextNormal() }
                    for i in 0..<d {
                        var z = 0.0
                        let factor = cholesky[i]
                        for k in 0...i { z += factor[k] * normals[k] }
                        scores[i] = z
                    }
                }
                for i in 0..<d {
                    let z = scores[i]
                    if let value = marginals[i].value(StandardNormal.cdf(z)) {
                        columns[i][row] = value
                    } else {
                        validity[i].set(row, valid: false)
                    }
                }
            }
            return (0..<d).map { marginals[$0].output(columns[$0], validity: validity[$0]) }
        }
    }

    public static func fit(_ input: JointFitInput) throws -> Model {
        let members = input.members
        let rows = input.rowCount
        guard rows >= 2 else { throw PlanError("joint group '\(input.groupName)': the gaussian_copula needs at least two rows") }
        var marginals: [CopulaMarginal] = []
        var scores: [[Double]] = []
        for (index, member) in members.enumerated() {
            let column = member.column
            let nullRate = Double(column.nullCount) / Double(max(column.count, 1))
            let marginal = try CopulaMarginal(member: member, nullRate: nullRate, seed: input.seed)
            marginals.append(marginal)
            var random = RandomStream(seed: input.seed, column: member.name, chunk: index, purpose: .nulls)
            scores.append(normalScores(marginal.rankKeys(of: column), random: &random))
        }
        let correlation = pearson(scores)
        let (repairedMatrix, repaired) = CorrelationRepair.nearestPositiveDefinite(correlation)
        guard let factor = CorrelationRepair.cholesky(repairedMatrix) else {
            throw PlanError("joint group '\(input.groupName)': the correlation matrix could not be factored even after repair")
        }
        let exposure = members.map(\.marginal.model.exposure).max() ?? .statistics
        return Model(marginals: marginals, cholesky: factor, repaired: repaired, marginalExposure: exposure)
    }

    /// Φ⁻¹ of each row's mid-rank, ties broken at random: for a discrete column this spreads the
    /// rows of one value over its whole interval of [0, 1], as a continuous copula needs.
    static func normalScores(_ keys: [Double], random: inout RandomStream) -> [Double] {
        let n = keys.count
        let tieBreak = (0..<n).map { _ in random.next() }
        let order = (0..<n).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : tieBreak[$0] < tieBreak[$1] }
        var scores = [Double](repeating: 0, count: n)
        for (rank, row) in order.enumerated() {
            scores[row] = StandardNormal.quantile((Double(rank) + 0.5) / Double(n))
        }
        return scores
    }

    /// The correlation matrix of the score columns (a constant column correlates with nothing).
    static func pearson(_ columns: [[Double]]) -> [[Double]] {
        let d = columns.count
        let n = Double(columns.first?.count ?? 0)
        let centred = columns.map { column -> [Double] in
            let mean = column.reduce(0, +) / n
            return column.map { $0 - mean }
        }
        let norms = centred.map { column in column.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for i in 0..<d {
            matrix[i][i] = 1
            for j in 0..<i {
                var sum = 0.0
                for row in centred[i].indices { sum += centred[i][row] * centred[j][row] }
                let r = norms[i] > 0 && norms[j] > 0 ? sum / (norms[i] * norms[j]) : 0
                matrix[i][j] = r
                matrix[j][i] = r
            }
        }
        return matrix
    }
}
