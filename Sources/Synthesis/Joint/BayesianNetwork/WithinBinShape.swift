/// The shape of values inside each bin, read off a member's fitted marginal: the marginal's
/// distribution function at equally spaced points across the bin gives the mass of each slice,
/// and draws invert the piecewise-linear function through those points. This is the marginal's
/// `quantile` between F(lo) and F(hi), tabulated once at fit time: sampling then needs no call
/// into the marginal (a KDE's quantile is a root search), and the fitted model stays self-contained.
enum WithinBinShape {
    /// Slices per bin: fine enough to follow a density across a bin, few enough that a fit makes
    /// a few hundred distribution-function calls per column.
    static let slices = 8

    /// Cumulative slice weights for every bin that is not a point; a bin where the marginal has
    /// no mass (or says nothing sensible) stays uniform.
    static func shapes(_ bins: NumericBins, marginal: any MarginalDistribution) -> [[Double]] {
        (0..<bins.count).map { bin in
            guard bins.points[bin] == nil else { return [] }
            let (low, high) = bins.interval(bin)
            guard high > low else { return [] }
            var previous = marginal.cdf(low)
            var weights: [Double] = []
            weights.reserveCapacity(slices)
            for slice in 1...slices {
                let x = slice == slices ? high : low + Double(slice) * (high - low) / Double(slices)
                let current = marginal.cdf(x)
                weights.append(max(0, current - previous))
                previous = max(previous, current)
            }
            let total = weights.reduce(0, +)
            guard total > 1e-12, total.isFinite else { return [] }
            var running = 0.0
            var cumulative = weights.map { weight -> Double in
                running += weight
                // Six decimals keep the stored model short; the sum is pinned to 1 below.
                return (running / total * 1e6).rounded() / 1e6
            }
            cumulative[slices - 1] = 1
            return cumulative
        }
    }

    /// The member's marginal when it describes values on the column's number line. A categorical
    /// marginal's distribution function runs over level codes, not values, so it cannot shape bins.
    static func usableMarginal(_ model: any ColumnModel) -> (any MarginalDistribution)? {
        if model is CategoricalStrategy.Model { return nil }
        return model as? any MarginalDistribution
    }
}
