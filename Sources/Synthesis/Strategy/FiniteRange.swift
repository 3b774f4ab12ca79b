/// Arithmetic over a range [lower, upper] of finite numbers that stays finite when the width
/// `upper - lower` itself overflows: a column from -1.8e308 to 1.8e308 spans 3.6e308, beyond the
/// largest Double. When the width is finite the plain formulas run unchanged (same bits as
/// before); otherwise the width is taken at half scale, which is exact for every number but
/// subnormals (irrelevant next to a width of 1e308).
enum FiniteRange {
    /// `lower + (upper - lower) * t`, for t in [0, 1]; always within [lower, upper].
    @inline(__always)
    static func interpolate(_ lower: Double, _ upper: Double, _ t: Double) -> Double {
        let width = upper - lower
        if width.isFinite { return lower + width * t }
        let value = 2 * (lower * 0.5 + (upper * 0.5 - lower * 0.5) * t)
        return min(max(value, lower), upper)
    }

    /// `(x - lower) / (upper - lower)`: where x lies in the range, 0 at lower and 1 at upper.
    @inline(__always)
    static func fraction(_ x: Double, _ lower: Double, _ upper: Double) -> Double {
        let width = upper - lower
        if width.isFinite { return (x - lower) / width }
        return (x * 0.5 - lower * 0.5) / (upper * 0.5 - lower * 0.5)
    }
}
