/// The model-wide parameters of a `cart` joint model, as fitted (kept for the summary).
struct CARTSettings: Codable, Sendable, Hashable {
    var tree: CARTTreeBuilder.Settings
    var smoothing: CARTSmoothing
    /// Categories with fewer real rows are never drawn from a leaf (nil in models fitted
    /// before the protection existed, whose leaves hold every category).
    var rareK: Int?
}

/// How a numeric leaf draw is made (synthpop's `smoothing`).
enum CARTSmoothing: String, Codable, Sendable, CaseIterable {
    /// A real value of the leaf, as it is.
    case none
    /// A Gaussian kernel around a real value of the leaf, bandwidth by Silverman's rule of
    /// thumb on the leaf's values, then rounded to the column's precision and kept within its
    /// range. Integer and decimal columns only: datetimes and categories are drawn as they are.
    case density
    /// The same kernel, kept inside the leaf's own range and rounded to the column's precision,
    /// redrawn (a few times, then stepped aside) while it lands on a real value of the column: a
    /// continuous value drawn from a leaf never repeats a training value as it is, so a row
    /// cannot be copied through it. Columns with few distinct values (under
    /// `CARTTree.jitterMinimumDistinct`, or spiky: `CARTTree.isContinuous`) are discrete and keep their levels.
    case jitter
}
