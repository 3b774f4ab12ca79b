import RealModule

/// A sample's empirical distribution function as steps: its distinct values in order, the share
/// of the sample at or below each, and the resolution the values were recorded at.
///
/// The KS statistic compares at that resolution. Synthetic values are rounded to the column's
/// precision, so a continuous family's output is really a distribution on the grid of
/// recorded values; comparing the data's steps with F(v ± h/2) (h the resolution) is the exact
/// KS distance between the data and that rounded distribution. Without it every continuous
/// family would be charged for the ties of rounded data (diamonds' depth has 4% of its values
/// at 62.0) while the discrete families, evaluated at whole numbers, were not. With h = 0 this
/// is the classical statistic, max over i of |F(xᵢ) − i/n| and |F(xᵢ) − (i − 1)/n|; for a
/// discrete family on whole numbers (h = 1) F(v + ½) = F(v) and F(v − ½) = F(v − 1), the
/// usual discrete KS.
struct EmpiricalSteps {
    /// Distinct values, ascending.
    var values: [Double]
    /// Share of the sample at or below `values[i]`.
    var cumulative: [Double]
    /// The recorded resolution: 1 for whole numbers, 0.1 for one decimal, … (to 1e-6); 0 when
    /// the values have no common grid.
    var resolution: Double

    init(_ sample: [Double], resolution: Double? = nil) {
        let sorted = sample.sorted()
        var values: [Double] = []
        var cumulative: [Double] = []
        let count = Double(sorted.count)
        for (index, value) in sorted.enumerated() {
            if let last = values.last, last == value {
                cumulative[cumulative.count - 1] = Double(index + 1) / count
            } else {
                values.append(value)
                cumulative.append(Double(index + 1) / count)
            }
        }
        self.values = values
        self.cumulative = cumulative
        self.resolution = resolution ?? Self.resolution(of: values)
    }

    /// The coarsest of 1, 0.1, …, 1e-6 that every value is a multiple of; 0 if none is.
    static func resolution(of values: [Double]) -> Double {
        var scale = 1.0
        for _ in 0...6 {
            let onGrid = values.allSatisfy { value in
                let scaled = value * scale
                return abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled))
            }
            if onGrid { return 1 / scale }
            scale *= 10
        }
        return 0
    }

    /// The KS statistic of a distribution function against these steps, at the resolution.
    func statistic(_ cdf: (Double) -> Double) -> Double {
        let half = resolution / 2
        var distance = 0.0
        var below = 0.0
        for index in values.indices {
            let value = values[index]
            let upper = cumulative[index]
            distance = max(distance, abs(upper - cdf(value + half)), abs(below - cdf(value - half)))
            below = upper
        }
        return distance
    }
}
