/// Every number that type inference decides by, in one place.
public struct InferenceThresholds: Hashable, Sendable {
    /// An integer column with at most this many distinct values is categorical (codes such as
    /// a year, a rating from 1 to 5, a region number) — provided each value also repeats a lot
    /// (see `integerCategoricalMaxDistinctRatio`). Counts and measurements have more values.
    public var integerCategoricalMaxLevels = 10
    /// ...and the distinct values are at most this share of the non-null rows, so that a
    /// 12-row table of small counts is not mistaken for codes.
    public var integerCategoricalMaxDistinctRatio = 0.05
    /// A string column with at most this many distinct values can be categorical. Beyond it a
    /// category list is too long to model or pick from and the values are more likely text.
    public var stringCategoricalMaxLevels = 1000
    /// ...and each level must repeat: distinct values at most this share of non-null rows.
    public var stringCategoricalMaxDistinctRatio = 0.5
    /// A column whose values are all distinct is an identifier only if it has at least this many
    /// rows; below that, uniqueness is likely chance.
    public var identifierMinRows = 20
    /// Strings this long on average, or with this many words, are free text, not keys or levels.
    public var textMinMeanLength = 30.0
    public var textMinMeanWords = 3.0
    /// A personal-data kind is proposed when at least this share of the distinct values match
    /// its pattern (a few malformed entries are normal in real data).
    public var personalDataMinMatchShare = 0.9
    /// At most this many distinct values are checked against personal-data patterns.
    public var personalDataSampleSize = 2000
    /// A column is proposed as people's names only with at least this many distinct values: a
    /// handful of levels that happen to be names (`Black`, `White`) is a category, not people.
    public var personNameMinDistinct = 10

    public init() {}

    public static let standard = InferenceThresholds()
}
