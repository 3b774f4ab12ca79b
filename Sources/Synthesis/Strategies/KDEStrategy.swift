import RealModule
import Tabular

/// A Gaussian kernel density estimate: the real values, each smeared by a normal kernel.
public enum KDEStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "kde", family: .statistical,
        help: "Gaussian kernel density estimate: real values smoothed by a normal kernel",
        supportedKinds: ColumnKind.numeric.union([.datetime]),
        parameters: [
            ParameterSpec("bandwidth", .choiceOrNumber(["scott", "silverman"], minimum: 0, maximum: nil), default: "scott",
                          help: "Kernel width: scott or silverman (rules of thumb, as scipy's gaussian_kde), or the kernel's standard deviation in the column's units"),
        ],
        exposure: .values, producesNumbers: true)

    /// Points kept in a model: a deterministic subsample beyond this, so models stay small
    /// (a KDE of 10,000 points is already smoother than its bandwidth can resolve).
    public static let maximumPoints = 10_000
    static let subsampleSeed: UInt64 = 0x4B_DE5E_ED

    public struct Model: ColumnModel, MarginalDistribution {
        /// The kernel centres: real values (a subsample of large columns), ascending.
        @Packed public var points: [Double]
        /// The kernel's standard deviation; 0 when every point is the same value.
        public var bandwidth: Double
        /// Datetimes are floored to this many seconds (whole days for date-only layouts), as the
        /// `datetime` strategy does; nil for numbers.
        public var resolution: Double?
        public var exposure: RealValueExposure { .values }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            var values: [Double] = []
            values.reserveCapacity(request.count)
            for _ in 0..<request.count {
                // Pick a point, add kernel noise: a draw from the mixture.
                var value = points[random.nextIndex(points.count)] + bandwidth * random.nextNormal()
                if let resolution { value = (value / resolution).rounded(.down) * resolution }
                values.append(value)
            }
            return ModelOutput(.numbers(values))
        }

        /// Kernels further than this many bandwidths away contribute exactly 0 or 1 in double
        /// precision (Φ(−8.5) < 1e-17), so only the points near x are evaluated.
        private static let reach = 8.5

        /// The mean of the kernels' normal distribution functions at x.
        public func cdf(_ x: Double) -> Double {
            guard bandwidth > 0 else { return Double(firstIndex(after: x)) / Double(points.count) }
            let start = firstIndex(atLeast: x - Self.reach * bandwidth)
            let end = firstIndex(after: x + Self.reach * bandwidth)
            var total = Double(start) // points far below x: Φ = 1
            for index in start..<end { total += StandardNormal.cdf((x - points[index]) / bandwidth) }
            return total / Double(points.count)
        }

        /// The mixture's density at x.
        func density(_ x: Double) -> Double {
            let start = firstIndex(atLeast: x - Self.reach * bandwidth)
            let end = firstIndex(after: x + Self.reach * bandwidth)
            var total = 0.0
            for index in start..<end { total += StandardNormal.density((x - points[index]) / bandwidth) }
            return total / (Double(points.count) * bandwidth)
        }

        /// Brackets the answer between the points' own quantiles widened by the kernel's reach,
        /// then Newton steps on the cdf, kept inside the bracket (bisection when a step leaves it).
        public func quantile(_ p: Double) -> Double {
            let n = points.count
            let rank = min(n - 1, max(0, Int((p * Double(n)).rounded(.up)) - 1))
            guard bandwidth > 0 else { return points[rank] }
            if p <= 0 { return -.infinity }
            if p >= 1 { return .infinity }
            var low = points[0] - 40 * bandwidth
            var high = points[n - 1] + 40 * bandwidth
            var x = points[rank]
            for _ in 0..<200 {
                let error = cdf(x) - p
                if error == 0 { return x }
                if error > 0 { high = x } else { low = x }
                let slope = density(x)
                var next = slope > 0 ? x - error / slope : .nan
                if !(next > low && next < high) { next = 0.5 * (low + high) }
                if abs(next - x) <= 1e-14 * max(bandwidth, abs(x)) { return next }
                x = next
            }
            return x
        }

        /// The first index whose point is ≥ value.
        private func firstIndex(atLeast value: Double) -> Int {
            var low = 0
            var high = points.count
            while low < high {
                let middle = (low + high) / 2
                if points[middle] < value { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// The first index whose point is > value.
        private func firstIndex(after value: Double) -> Int {
            var low = 0
            var high = points.count
            while low < high {
                let middle = (low + high) / 2
                if points[middle] <= value { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let values = try input.numericValues(strategy: descriptor.id)
        let points = DeterministicSubsample.draw(values, limit: maximumPoints, seed: subsampleSeed).sorted()
        let bandwidth: Double
        switch input.parameters["bandwidth"] {
        case .text(let rule):
            bandwidth = ruleBandwidth(rule, points: points)
        case .number(let width) where width > 0:
            bandwidth = width
        default:
            // The schema admits 0 (its minimum is inclusive); a kernel of width 0 is no kernel.
            throw ParameterError(column: input.columnName, parameter: "bandwidth", value: input.parameters["bandwidth"].displayText,
                                 allowed: "scott, silverman, or a number above 0")
        }
        var resolution: Double?
        if case .datetime(let format) = input.shape { resolution = format.hasTime ? 1 : 86_400 }
        return Model(points: points, bandwidth: bandwidth, resolution: resolution)
    }

    /// scipy.stats.gaussian_kde's 1-D bandwidths: the sample standard deviation (n − 1) times
    /// Scott's factor n^(−1/5) or Silverman's (3n/4)^(−1/5).
    static func ruleBandwidth(_ rule: String, points: [Double]) -> Double {
        let n = Double(points.count)
        guard points.count > 1 else { return 0 }
        let factor = rule == "silverman" ? Double.pow(n * 3 / 4, -0.2) : Double.pow(n, -0.2)
        return standardDeviation(points) * factor
    }

    /// The sample standard deviation (n − 1). Points near ±1.8e308 overflow the sums; they are
    /// then summed divided by a power of two (exact) and the result multiplied back.
    static func standardDeviation(_ points: [Double]) -> Double {
        let n = Double(points.count)
        let mean = points.reduce(0, +) / n
        let sd = (points.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        if sd.isFinite { return sd }
        let largest = points.reduce(0.0) { max($0, $1.magnitude) }
        let scale = Double(sign: .plus, exponent: largest.exponent, significand: 1)
        let scaledMean = points.reduce(0) { $0 + $1 / scale } / n
        let scaled = (points.reduce(0) { $0 + ($1 / scale - scaledMean) * ($1 / scale - scaledMean) } / (n - 1)).squareRoot()
        return min(scaled * scale, .greatestFiniteMagnitude)
    }
}
