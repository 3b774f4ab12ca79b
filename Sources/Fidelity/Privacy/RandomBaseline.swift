/// The random data of DCR baseline protection: each column drawn independently and uniformly
/// within the real data, as SDMetrics' `DCRBaselineProtection._generate_random_data` does.
///
/// - whole-number columns: integers uniform in [min, max];
/// - other numbers and datetimes: uniform in [min, max];
/// - categories and booleans: uniform over the distinct real values (not their frequencies);
/// - each cell is null with the column's real null share.
///
/// Unlike SDMetrics, whose null mask comes from numpy's global (unseeded) generator, every draw
/// here comes from the report's seed, so the baseline is reproducible. SDMetrics also draws a
/// categorical column stored as integers as integers in [min, max]; here the column's kind
/// decides, so it draws among the real categories.
enum RandomBaseline {
    static func rows(like real: PrivacyRows, wholeNumbers: [Bool], count: Int, seed: UInt64) -> PrivacyRows {
        var random = PrivacyRandom(seed: seed, purpose: PrivacyStream.randomBaseline.rawValue)
        let share = { (nulls: Int) in real.count == 0 ? 0 : Double(nulls) / Double(real.count) }
        var categories: [[UInt32]] = []
        for codes in real.categories {
            let present = Set(codes.filter { $0 != PrivacyRows.nullCode }).sorted()
            let nullShare = share(codes.count { $0 == PrivacyRows.nullCode })
            categories.append((0..<count).map { _ in
                if present.isEmpty || random.nextUnit() < nullShare { return PrivacyRows.nullCode }
                return present[Int(random.next(below: UInt64(present.count)))]
            })
        }
        var numbers: [[Double]] = []
        for (column, values) in real.numbers.enumerated() {
            let valid = values.filter { !$0.isNaN }
            let nullShare = share(values.count - valid.count)
            guard let low = valid.min(), let high = valid.max() else {
                numbers.append(Array(repeating: .nan, count: count))
                continue
            }
            let whole = wholeNumbers[column] && high - low < 0x1p53
            numbers.append((0..<count).map { _ in
                if random.nextUnit() < nullShare { return .nan }
                if whole { return low + Double(random.next(below: UInt64(high - low) + 1)) }
                return low + (high - low) * random.nextUnit()
            })
        }
        return PrivacyRows(count: count, categories: categories, numbers: numbers)
    }
}
