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
    /// A string column is a `code` when at least this share of its distinct values (the
    /// personal-data sample) are code-shaped: 2 to `codeMaxLength` visible ASCII characters,
    /// letters, digits and `- _ / . #`, at least one digit, at most one space (`SW1A 1AA`, a
    /// digit on both sides). Words (`Shoulder`) have no digit.
    public var codeMinShapeShare = 0.95
    public var codeMaxLength = 32
    /// ...and the values share a length: this share of the code-shaped values lie within
    /// `codeMaxLengthSpan` characters of length of each other (`N14228`/`N619AA`/`N3AEAA`: 5–6).
    public var codeMinLengthShare = 0.9
    public var codeMaxLengthSpan = 6
    /// With at least this many distinct values a code-shaped column is a `code` even when it
    /// would pass as categorical; below it, a few repeated codes (`Q1`–`Q4`) stay categorical.
    public var codeMinLevels = 30
    /// An integer column whose values are all years in this range, with at least two distinct
    /// values and no gap wider than `yearMaxGap`, is `integer` (years have an order), never
    /// categorical, even with few distinct values.
    public var yearRange: ClosedRange<Int64> = 1800...2200
    public var yearMaxGap: Int64 = 10

    public init() {}

    public static let standard = InferenceThresholds()
}
