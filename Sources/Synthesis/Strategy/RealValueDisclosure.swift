/// What a fitted column carries of the real data, said plainly: `real_values` is a level
/// (none < statistics < levels < values), and a model labelled "statistics" still holds exact
/// real figures — the minimum and maximum a clip keeps, the edges of its bins. `doppel fit`
/// lists these so that whoever ships a fitted session knows what is in it.
extension FittedColumn {
    public var realValueDisclosure: [String] {
        var items: [String] = []
        switch strategy {
        case EmpiricalStrategy.descriptor.id: items.append("every distinct real value with its count")
        case KDEStrategy.descriptor.id: items.append("real values as kernel centres (a subsample of large columns)")
        case HistogramStrategy.descriptor.id: items.append("bin counts, with bin edges from the real minimum to the real maximum")
        case DatetimeStrategy.descriptor.id: items.append("time-bin counts, from the real first to the real last instant")
        case ParametricStrategy.descriptor.id: items.append("the fitted distribution's parameters (from the real mean, spread or range)")
        case CategoricalStrategy.descriptor.id: items.append("the real category levels with their frequencies")
        case BooleanStrategy.descriptor.id: items.append("the real share of true")
        case UniformStrategy.descriptor.id: items.append("the real minimum and maximum, unless min and max are given")
        case ConstantStrategy.descriptor.id: items.append("the most common real value, unless a value is given")
        case FakeStrategy.descriptor.id: items.append("the look of the real column (layouts, lengths, date range), unless learn_from_source is false")
        case KeepStrategy.descriptor.id, ShuffleStrategy.descriptor.id: items.append("the real column itself, row by row")
        case PerturbStrategy.descriptor.id: items.append("the real column itself, to add noise at sampling")
        case MaskStrategy.descriptor.id: items.append("the real values' visible characters")
        case HashStrategy.descriptor.id: items.append("keyed pseudonyms of the real values (not the values, not the key)")
        case LookupStrategy.descriptor.id: items.append("each real key with its most common real value (a lookup table)")
        case GivenCategoricalStrategy.descriptor.id: items.append("the real levels with their frequencies among rows with each real value of the given columns")
        default: break
        }
        if let clipRange { items.append("the real values \(Self.plain(clipRange.lowerBound)) and \(Self.plain(clipRange.upperBound)) near the ends of the range (clip bounds; the k-th smallest and largest with extreme_k)") }
        if edgeRate > 0 && !edgeNumbers.isEmpty { items.append("boundary cases that include the real extremes") }
        if nullRate != nil { items.append("the real share of nulls") }
        return items
    }

    private static func plain(_ value: Double) -> String {
        value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : String(value)
    }
}
