/// Where a numeric column is cut into bins. Edges run from the minimum to a top edge: the
/// maximum, or for whole-numbered columns the maximum + 1, so that every bin of a whole column
/// holds the integers `edges[b] ..< edges[b + 1]`.
enum BinEdges {
    /// Edges at the b/`bins` quantiles, deduplicated. A value held by at least 1/`bins` of the
    /// rows (a spike: zeros in an amount, a capped maximum) also gets an edge just above it, so
    /// that it fills a bin of its own instead of being smeared over its neighbours' range.
    static func quantile(_ sorted: [Double], bins: Int, whole: Bool) -> [Double] {
        let count = sorted.count
        let minimum = sorted[0]
        var interior: [Double] = []
        for bin in 1..<max(1, bins) { interior.append(sorted[bin * count / bins]) }
        let spikeRows = max(1, (count + bins - 1) / bins)
        var start = 0
        while start < count {
            var end = start + 1
            while end < count && sorted[end] == sorted[start] { end += 1 }
            if end - start >= spikeRows {
                interior.append(sorted[start])
                if end < count { interior.append(sorted[end]) }
            }
            start = end
        }
        return assemble(interior, minimum: minimum, maximum: sorted[count - 1], whole: whole)
    }

    /// Edges `bins` equal widths apart between the minimum and the maximum (whole columns: each
    /// edge rounded up to an integer, so that bins hold whole numbers).
    static func equalWidth(_ sorted: [Double], bins: Int, whole: Bool) -> [Double] {
        let minimum = sorted[0]
        let maximum = sorted[sorted.count - 1]
        let width = (maximum - minimum) / Double(max(1, bins))
        var interior: [Double] = []
        if width > 0 {
            for bin in 1..<max(1, bins) {
                let edge = minimum + Double(bin) * width
                interior.append(whole ? edge.rounded(.up) : edge)
            }
        }
        return assemble(interior, minimum: minimum, maximum: maximum, whole: whole)
    }

    /// The minimum, the interior edges above it (sorted, once each), and the top edge.
    private static func assemble(_ interior: [Double], minimum: Double, maximum: Double, whole: Bool) -> [Double] {
        var edges = [minimum]
        for edge in interior.sorted() where edge > edges[edges.count - 1] && edge <= maximum { edges.append(edge) }
        // The top edge always closes the last bin; for a continuous column whose last interior
        // edge is the maximum, that leaves a bin [max, max]: the maximum is a spike of its own.
        edges.append(whole ? maximum + 1 : maximum)
        return edges
    }
}
