import Tabular

// `validate()` of every column strategy's model and of the distributions they embed. Paths
// name the fields as the model encodes them (see `ModelValidationError`).

extension EmpiricalStrategy.Model {
    public func validate() throws {
        if let weights {
            try Check.nonEmpty(levels.count, "levels", "levels")
            try Check.within("weights") { try weights.validate(count: levels.count, what: "level") }
            return
        }
        try Check.nonEmpty(numbers.count, "numbers", "values")
        try Check.finite(numbers, "numbers")
        try Check.ascending(numbers, "numbers")
    }
}

extension BinnedDistribution {
    public func validate() throws {
        try Check.ordered(lower, upper, lowerKey: "lower", upperKey: "upper")
        try Check.distribution(probabilities, "probabilities")
    }
}

extension CategoricalStrategy.Model {
    public func validate() throws {
        try Check.nonEmpty(levels.count, "levels", "levels")
        try Check.sameCount(probabilities.count, "probabilities", as: levels.count, "one per level")
        try Check.distribution(probabilities, "probabilities")
    }
}

extension BooleanStrategy.Model {
    public func validate() throws {
        try Check.unit(probabilityTrue, "probabilityTrue", "the probability of true")
    }
}

extension DatetimeStrategy.Model {
    public func validate() throws {
        try Check.within("distribution") { try distribution.validate() }
        try Check.positive(resolution, "resolution", "the resolution in seconds")
    }
}

extension ParametricStrategy.Model {
    public func validate() throws {
        try Check.within("distribution") { try distribution.validate() }
        if let scale { try Check.positive(scale, "scale", "the scale") }
    }
}

extension ParametricDistribution {
    /// The family's parameters: finite, and in the range the family's sampler needs.
    func validate() throws {
        try Check.within("parameters") {
            switch self {
            case .normal(let d):
                try Check.finite(d.mean, "mean")
                try Check.nonNegative(d.standardDeviation, "standardDeviation", "the standard deviation")
            case .lognormal(let d):
                try Check.finite(d.mu, "mu")
                try Check.nonNegative(d.sigma, "sigma", "sigma")
                try Check.finite(d.shift, "shift")
            case .exponential(let d):
                try Check.positive(d.rate, "rate", "the rate")
                try Check.finite(d.shift, "shift")
            case .gamma(let d):
                try Check.positive(d.shape, "shape", "the shape")
                try Check.positive(d.scale, "scale", "the scale")
                try Check.finite(d.shift, "shift")
            case .beta(let d):
                try Check.positive(d.alpha, "alpha", "alpha")
                try Check.positive(d.beta, "beta", "beta")
                try Check.ordered(d.lower, d.upper, lowerKey: "lower", upperKey: "upper")
            case .uniform(let d):
                try Check.ordered(d.lower, d.upper, lowerKey: "lower", upperKey: "upper")
            case .truncnorm(let d):
                try Check.finite(d.mu, "mu")
                try Check.positive(d.sigma, "sigma", "sigma")
                try Check.ordered(d.lower, d.upper, lowerKey: "lower", upperKey: "upper")
            case .poisson(let d):
                try Check.nonNegative(d.lambda, "lambda", "lambda")
            case .negbinom(let d):
                try Check.positive(d.size, "size", "the size")
                guard d.probability > 0, d.probability <= 1 else {
                    throw Check.fail(["probability"], "the probability is \(d.probability); it must be above 0 and at most 1")
                }
            }
        }
    }
}

extension KDEStrategy.Model {
    public func validate() throws {
        try Check.nonEmpty(points.count, "points", "kernel points")
        try Check.finite(points, "points", "point")
        try Check.ascending(points, "points")
        try Check.nonNegative(bandwidth, "bandwidth", "the bandwidth")
        if let resolution { try Check.positive(resolution, "resolution", "the resolution in seconds") }
    }
}

extension SequenceStrategy.Model {
    public func validate() throws {
        try Check.finite(start, "start")
        try Check.finite(step, "step")
        guard (0...30).contains(width) else { throw Check.fail(["width"], "a width of \(width) digits is out of range (0 to 30)") }
    }
}

extension ConstantStrategy.Model {
    /// Any text is a value.
    public func validate() throws {}
}

extension UniformStrategy.Model {
    public func validate() throws {
        try Check.ordered(lower, upper, lowerKey: "lower", upperKey: "upper")
    }
}

extension ChoiceStrategy.Model {
    public func validate() throws {
        try Check.nonEmpty(values.count, "values", "values")
        try Check.sameCount(probabilities.count, "probabilities", as: values.count, "one per value")
        try Check.distribution(probabilities, "probabilities")
    }
}

extension PatternStrategy.Model {
    /// The template is parsed again (the decoder built the generator from it), so that a model
    /// built any other way is held to the same grammar and limits.
    public func validate() throws {
        do {
            let root = try PatternParser.parse(template)
            if unique { _ = try PatternSpace(root) }
        } catch {
            throw Check.fail(["template"], "template '\(template)' is not valid: \(error)")
        }
        guard unique == (space != nil) else { throw Check.fail(["unique"], "the unique values were not built for this template") }
    }
}

extension FakeStrategy.Model {
    public func validate() throws {
        if let nameLayout {
            try Check.within("nameLayout") {
                try Check.within("shapes") {
                    try Check.sameCount(nameLayout.shapes.weights.count, "weights", as: PersonNameShape.allCases.count, "one per name layout")
                    try Check.distribution(nameLayout.shapes.weights, "weights")
                }
                try Check.unit(nameLayout.middleInitialShare, "middleInitialShare", "the share of middle initials")
            }
        }
        if let phoneLayouts {
            try Check.within("phoneLayouts") {
                try Check.nonEmpty(phoneLayouts.layouts.count, "layouts", "phone layouts")
                for (index, layout) in phoneLayouts.layouts.enumerated() where layout.template.count > Check.maximumPerValue {
                    throw Check.fail(["layouts", String(index), "template"], "the template is \(layout.template.count) characters long (the most is \(Check.maximumPerValue))")
                }
                try Check.within("shares") {
                    try Check.sameCount(phoneLayouts.shares.weights.count, "weights", as: phoneLayouts.layouts.count, "one per layout")
                    try Check.distribution(phoneLayouts.shares.weights, "weights")
                }
            }
        }
        if let ipv6Share { try Check.unit(ipv6Share, "ipv6Share", "the share of IPv6 addresses") }
        if let dateRange { try Check.within("dateRange") { try dateRange.validate() } }
        if let textLength {
            try Check.within("textLength") {
                try Check.nonEmpty(textLength.quantiles.count, "quantiles", "word-count quantiles")
                for (index, words) in textLength.quantiles.enumerated() where !(words >= 0 && words <= Double(Check.maximumPerValue)) {
                    throw Check.fail(["quantiles", String(index)], "a text of \(words) words is out of range (0 to \(Check.maximumPerValue))")
                }
            }
        }
    }
}

extension FakeDateRange {
    func validate() throws {
        try Check.ordered(lower, upper, lowerKey: "lower", upperKey: "upper")
        try Check.positive(step, "step", "the step in seconds")
        let first = (lower / step).rounded(.up)
        let last = (upper / step).rounded(.down)
        // Draws count the steps in an Int, and write first + k steps back as a Double.
        guard first.isFinite, last.isFinite, (last - first).magnitude < 0x1p52, (last * step).isFinite else {
            throw Check.fail(["step"], "a step of \(step) seconds makes too many dates between \(lower) and \(upper)")
        }
    }
}

extension RealColumn {
    func validate() throws {
        try Check.nonEmpty(valid.count, "valid", "rows")
        switch (numbers, codes, levels) {
        case (let numbers?, nil, nil):
            try Check.sameCount(numbers.count, "numbers", as: valid.count, "one per row")
            try Check.finite(numbers, "numbers")
        case (nil, let codes?, let levels?):
            try Check.sameCount(codes.count, "codes", as: valid.count, "one per row")
            try Check.nonEmpty(levels.count, "levels", "levels")
            if let row = codes.firstIndex(where: { Int($0) >= levels.count }) {
                try Check.index(Int(codes[row]), count: levels.count, ["codes", String(row)], "the column has that many levels")
            }
        default:
            throw Check.fail([], "a stored column holds either numbers, or codes and levels")
        }
    }
}

extension RowAlignedModel {
    public func validate() throws {
        try Check.within("real") { try storedRows.validate() }
    }
}

extension PerturbStrategy.Model {
    public func validate() throws {
        try Check.within("real") { try real.validate() }
        try Check.nonNegative(scale, "scale", "the noise scale")
    }
}

extension HashStrategy.Model {
    public func validate() throws {
        try Check.within("pseudonyms") { try pseudonyms.validate() }
        if let keyCheck {
            guard keyCheck.rounds >= KeyCheck.minimumRounds, keyCheck.rounds <= KeyCheck.maximumRounds else {
                throw Check.fail(["keyCheck", "rounds"], "\(keyCheck.rounds) rounds is out of range (\(KeyCheck.minimumRounds) to \(KeyCheck.maximumRounds))")
            }
        }
    }
}

extension KeyCheck {
    /// More rounds than this are refused: a model edited to make every run hash for hours.
    public static let maximumRounds = 10_000_000
}

extension DropStrategy.Model {
    /// Nothing is stored.
    public func validate() throws {}
}

extension FormulaStrategy.Model {
    /// The expression is parsed again from its text (the parser's limits on length and depth
    /// apply) and must give the same formula.
    public func validate() throws {
        do {
            let parsed = try Formula(formula.source)
            guard parsed == formula else { throw Check.fail(["formula"], "the formula does not match its text '\(formula.source)'") }
        } catch let error as FormulaError {
            throw Check.fail(["formula"], "formula '\(formula.source)' does not parse: \(error.description)")
        }
    }
}
