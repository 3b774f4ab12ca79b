import Tabular

/// Fits each member of the visit sequence on the real rows: the members' values are encoded
/// and their predictor bins made once, then every member is fitted on its own (in parallel).
struct CARTMemberFitter: Sendable {
    let members: [JointMember]
    let codings: [CARTValueCoding]
    let plans: [(method: CARTMethod, predictors: [Int])]
    let settings: CARTSettings
    /// Every member's encoded real values, member after member (`rowCount` apart).
    let data: [Double]
    let rowCount: Int
    /// Bins of the members some tree splits on.
    let features: [CARTFeatureColumn?]

    init(members: [JointMember], codings: [CARTValueCoding], plans: [(method: CARTMethod, predictors: [Int])], settings: CARTSettings) {
        self.members = members
        self.codings = codings
        self.plans = plans
        self.settings = settings
        let encoded = Parallel.map(members.count) { codings[$0].encode(members[$0].column) }
        rowCount = members[0].column.count
        data = encoded.flatMap { $0 }
        let used = Set(plans.filter { $0.method != .sample }.flatMap(\.predictors))
        features = Parallel.map(members.count) { position in
            used.contains(position) ? CARTFeatureColumn(encoded: encoded[position], coding: codings[position]) : nil
        }
    }

    static func counts(_ classes: [UInt32], classCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for code in classes where Int(code) < classCount { counts[Int(code)] += 1 }
        return counts
    }

    func fit(_ position: Int) throws -> CARTMember {
        let member = members[position]
        let coding = codings[position]
        let (method, predictors) = plans[position]
        var fitted = CARTMember(name: member.name, coding: coding, method: method, predictors: predictors,
                                conditional: .allNull, nullTree: nil, range: nil, precision: nil)
        if method == .sample {
            fitted.conditional = .marginal(EmbeddedMarginal(member.marginal))
            return fitted
        }
        let target = Array(data[(position * rowCount)..<((position + 1) * rowCount)])
        let allRows = (0..<rowCount).map { Int32($0) }
        let validRows = allRows.filter { !target[Int($0)].isNaN }
        guard !validRows.isEmpty else { return fitted }
        let hasNulls = validRows.count < rowCount
        let builder = CARTTreeBuilder(features: predictors.map { features[$0]! }, settings: settings.tree)

        if method == .cart && coding.isCategorical {
            // Null is one more class, so that it is drawn with the leaf's other values.
            let nullCode = UInt32(coding.classCount)
            let classes = target.map { $0.isNaN ? nullCode : UInt32($0) }
            let classCount = coding.classCount + (hasNulls ? 1 : 0)
            var tree = builder.grow(.classification(classes, classCount: classCount), rows: allRows)
            if let k = settings.rareK, k > 1 { tree.dropRareClasses(k: k, counts: Self.counts(classes, classCount: classCount), keep: nullCode) }
            fitted.conditional = .tree(tree)
            return fitted
        }
        if hasNulls {
            let isNull = target.map { $0.isNaN ? UInt32(1) : 0 }
            fitted.nullTree = builder.grow(.classification(isNull, classCount: 2), rows: allRows)
        }
        switch method {
        case .cart:
            var tree = builder.grow(.regression(target), rows: validRows)
            let smooths = settings.smoothing == .density
                || (settings.smoothing == .jitter && CARTTree.isContinuous(validRows.map { target[Int($0)] }))
            if smooths, let precision = member.shape.precision {
                tree.bandwidths = Self.bandwidths(tree)
                if settings.smoothing == .jitter { tree.leafBounds = tree.leafRanges() }
                fitted.precision = precision
                // The column's protected range (extreme_k) when it has one: a draw clamped there
                // afterwards would pile onto a real value.
                fitted.range = member.marginal.clipRange.map { [$0.lowerBound, $0.upperBound] } ?? [tree.values.first!, tree.values.last!]
            }
            fitted.conditional = .tree(tree)
        case .norm:
            let design = design(predictors, rows: validRows)
            let matrix = design.matrix(rows: validRows, data: data, slots: predictors.map { $0 * rowCount })
            guard let model = CARTLinearModel(design: design, matrix: matrix, targets: validRows.map { target[Int($0)] },
                                              precision: member.shape.precision) else {
                throw PlanError.at(column: member.name, "method 'norm' could not be fitted: its predictors are collinear")
            }
            fitted.conditional = .linear(model)
        case .logreg, .polyreg:
            let design = design(predictors, rows: validRows)
            let matrix = design.matrix(rows: validRows, data: data, slots: predictors.map { $0 * rowCount })
            guard let model = CARTLogitModel(design: design, matrix: matrix, classes: validRows.map { Int(target[Int($0)]) },
                                             classCount: coding.classCount) else {
                throw PlanError.at(column: member.name, "method '\(method.rawValue)' could not be fitted: its predictors are collinear")
            }
            fitted.conditional = .logit(model)
        case .sample:
            preconditionFailure("handled above")
        }
        return fitted
    }

    private func design(_ predictors: [Int], rows: [Int32]) -> CARTDesign {
        let columns = predictors.map { position in
            (coding: codings[position], values: Array(data[(position * rowCount)..<((position + 1) * rowCount)]))
        }
        return CARTDesign(predictors: columns, rows: rows)
    }

    /// Silverman's rule of thumb per leaf, `0.9 · min(sd, IQR / 1.34) · n^(−1/5)` (R's
    /// `bw.nrd0`, falling back to the sd when the IQR is 0); 0 when the leaf's values are equal.
    static func bandwidths(_ tree: CARTTree) -> [Double] {
        (0..<tree.leafCount).map { leaf in
            let values = tree.pool[Int(tree.leafStart[leaf])..<Int(tree.leafStart[leaf + 1])].map { tree.values[Int($0)] }.sorted()
            let count = Double(values.count)
            guard values.count > 1 else { return 0 }
            let mean = values.reduce(0, +) / count
            let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)).squareRoot()
            let iqr = quantile(values, 0.75) - quantile(values, 0.25)
            var spread = min(sd, iqr / 1.34)
            if spread <= 0 { spread = sd }
            return 0.9 * spread * Double.pow(count, -0.2)
        }
    }

    /// R's default (type 7) quantile of sorted values.
    private static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
    }
}
