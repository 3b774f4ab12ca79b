/// A summary of one column, cheap enough to compute for the whole table whenever a UI needs it.
public struct ColumnProfile: Hashable, Sendable, Codable {
    public struct Quantile: Hashable, Sendable, Codable {
        public var probability: Double
        public var value: Double
    }

    public struct Category: Hashable, Sendable, Codable {
        /// The value as text, written as the CSV writer would.
        public var value: String
        public var count: Int
    }

    public struct Bin: Hashable, Sendable, Codable {
        public var lower: Double
        public var upper: Double
        public var count: Int
    }

    /// Rows, nulls included.
    public var count: Int
    public var nulls: Int
    public var distinct: Int
    /// Numeric and datetime columns (datetimes in seconds since the epoch; booleans as 0/1).
    public var minimum: Double?
    public var maximum: Double?
    public var mean: Double?
    /// Sample standard deviation (n − 1), as pandas reports it.
    public var standardDeviation: Double?
    public var quantiles: [Quantile]
    /// The most frequent values, most frequent first (ties in order of value).
    public var topCategories: [Category]
    /// Equal-width bins over [minimum, maximum] for numeric and datetime columns.
    public var histogram: [Bin]
    /// For string columns: the mean length of the values in characters.
    public var meanLength: Double?

    public var validCount: Int { count - nulls }
    public var nullFraction: Double { count == 0 ? 0 : Double(nulls) / Double(count) }
}
