/// A jittered leaf draw (`CARTSmoothing.jitter`): a real value of the leaf moved by a Gaussian
/// kernel scaled to the leaf's spread, kept inside the leaf's range, rounded to the column's
/// precision, and never a real value of the column as it is.
///
/// Rounding is what makes copying easy: a kernel draw near a real value rounds back onto it. So
/// a draw that lands on a real value is redrawn a few times, then stepped aside by one unit of
/// the precision; only a leaf whose every unit is a real value (no room left) keeps a real value.
struct CARTJitter {
    /// The column's distinct real values, ascending.
    let values: [Double]
    /// 10^precision: values are multiples of 1/scale.
    let scale: Double
    /// The column's range (clip bounds of smoothed draws).
    let range: [Double]?

    static let redraws = 4

    func draw(around drawn: Double, bandwidth: Double, leaf: ClosedRange<Double>, random: inout RandomStream) -> Double {
        let width = bandwidth > 0 ? bandwidth : 1 / scale
        for _ in 0..<Self.redraws {
            let value = place(drawn + width * random.nextNormal(), leaf: leaf)
            if !isReal(value) { return value }
        }
        // Step aside from the placed value, one unit at a time up to a few, on a random side
        // first: near the leaf, or anywhere in the column's range for a leaf beyond it (the
        // leaf of a lone extreme, whose values the protected range leaves out).
        let anchor = place(drawn, leaf: leaf)
        let step = 1 / scale
        let leafInRange = range.map { leaf.upperBound >= $0[0] && leaf.lowerBound <= $0[1] } ?? true
        let direction: Double = random.nextUnit() < 0.5 ? -1 : 1
        for distance in 1...Self.redraws {
            for side in [direction, -direction] {
                let value = NumberScale.round(anchor + side * Double(distance) * step, scale: scale)
                let nearLeaf = value >= leaf.lowerBound - step && value <= leaf.upperBound + step
                if nearLeaf || !leafInRange, inRange(value), !isReal(value) { return value }
            }
        }
        return anchor
    }

    /// Inside the leaf's range, at the column's precision, inside the column's range.
    private func place(_ value: Double, leaf: ClosedRange<Double>) -> Double {
        var placed = NumberScale.round(min(max(value, leaf.lowerBound), leaf.upperBound), scale: scale)
        if let range { placed = min(max(placed, range[0]), range[1]) }
        return placed
    }

    private func inRange(_ value: Double) -> Bool {
        guard let range else { return true }
        return value >= range[0] && value <= range[1]
    }

    /// Whether `value` is one of the column's real values (binary search).
    private func isReal(_ value: Double) -> Bool {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < values.count && values[low] == value
    }
}
