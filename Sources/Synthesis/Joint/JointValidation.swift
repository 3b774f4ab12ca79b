import Tabular

// `validate()` of every joint model, and of the parts they are made of. Paths name the fields
// as the model encodes them (an enum case's payload is `_0`, as Swift's Codable writes it).

/// Member names must be present and distinct: outputs are matched to columns by them.
private func checkNames(_ names: [String], _ key: String) throws {
    try Check.nonEmpty(names.count, key, "member columns")
    var seen = Set<String>()
    for (index, name) in names.enumerated() where !seen.insert(name).inserted {
        throw Check.fail([key, String(index), "name"], "column '\(name)' appears twice")
    }
}

// MARK: - Gaussian copula

extension GaussianCopulaStrategy.Model {
    public func validate() throws {
        try checkNames(marginals.map(\.name), "marginals")
        for (index, marginal) in marginals.enumerated() {
            try Check.within("marginals", String(index)) { try marginal.validate() }
        }
        let d = marginals.count
        try Check.sameCount(cholesky.count, "cholesky", as: d, "one row per column")
        for (i, row) in cholesky.enumerated() {
            guard row.count > i, row.count <= d else {
                throw Check.fail(["cholesky", String(i)], "row \(i) of the Cholesky factor has \(row.count) entries; it needs \(i + 1) to \(d)")
            }
            try Check.within("cholesky") { try Check.finite(row, String(i), "factor entry") }
        }
    }
}

extension CopulaMarginal {
    func validate() throws {
        try Check.unit(nullRate, "nullRate", "the null rate")
        try Check.within("mapping") {
            switch mapping {
            case .quantiles(let table):
                try Check.within("quantiles") {
                    guard table.count >= 2 else {
                        throw Check.fail(["_0"], "a quantile table needs at least 2 entries, but has \(table.count)")
                    }
                    try Check.finite(table, "_0", "quantile")
                }
            case .levels(let levels, let cumulative):
                try Check.within("levels") {
                    try Check.nonEmpty(levels.count, "_0", "levels")
                    try Check.cumulative(cumulative, "cumulative")
                    try Check.sameCount(cumulative.count, "cumulative", as: levels.count, "one per level")
                }
            case .flag(let probabilityTrue):
                try Check.within("flag") { try Check.unit(probabilityTrue, "probabilityTrue", "the probability of true") }
            }
        }
    }
}

// MARK: - CART

extension CARTModel {
    public func validate() throws {
        try checkNames(members.map(\.name), "members")
        let codings = members.map(\.coding)
        for (position, member) in members.enumerated() {
            try Check.within("members", String(position)) { try member.validate(position: position, codings: codings) }
        }
        try Check.within("settings", "tree") {
            let tree = settings.tree
            guard tree.minimumBucket >= 1 else { throw Check.fail(["minimumBucket"], "minbucket \(tree.minimumBucket) must be at least 1") }
            guard tree.maximumDepth >= 0 else { throw Check.fail(["maximumDepth"], "the maximum depth \(tree.maximumDepth) must be at least 0") }
            try Check.nonNegative(tree.complexity, "complexity", "cp")
        }
    }
}

extension CARTValueCoding {
    func validate() throws {
        guard classCount < Int(UInt16.max) - 1 else {
            throw Check.fail([shape.isNumeric ? "levelValues" : "levels"], "\(classCount) classes is more than the \(UInt16.max - 2) a cart member may have")
        }
        try Check.finite(levelValues, "levelValues", "class value")
    }
}

extension CARTMember {
    func validate(position: Int, codings: [CARTValueCoding]) throws {
        try Check.within("coding") { try coding.validate() }
        for (index, predictor) in predictors.enumerated() {
            guard predictor >= 0, predictor < position else {
                throw Check.fail(["predictors", String(index)], "member \(predictor) is not one of the \(position) members before this one (a member reads only earlier ones)")
            }
        }
        let predictorCodings = predictors.map { codings[$0] }
        try Check.within("conditional") {
            switch conditional {
            case .marginal(let marginal):
                try Check.within("marginal", "_0") { try marginal.column.validate() }
            case .allNull:
                break
            case .tree(let tree):
                let bound = coding.isCategorical ? coding.classCount + 1 : tree.values.count
                let what = coding.isCategorical ? "classes (with null)" : "values"
                try Check.within("tree", "_0") {
                    try tree.validate(predictors: predictorCodings, poolBound: bound, poolWhat: what, regression: !coding.isCategorical)
                }
            case .linear(let model):
                guard !coding.isCategorical else { throw Check.fail(["linear"], "a linear model cannot draw a categorical member") }
                try Check.within("linear", "_0") {
                    try model.design.validate(predictors: predictorCodings)
                    try Check.sameCount(model.coefficients.count, "coefficients", as: model.design.width, "one per design column")
                    try Check.finite(model.coefficients, "coefficients", "coefficient")
                    try Check.nonNegative(model.sigma, "sigma", "the residual standard deviation")
                }
            case .logit(let model):
                guard coding.isCategorical else { throw Check.fail(["logit"], "a logistic model cannot draw a numeric member") }
                try Check.within("logit", "_0") {
                    guard model.classCount == coding.classCount, model.classCount >= 1 else {
                        throw Check.fail(["classCount"], "\(model.classCount) classes, but the member has \(coding.classCount)")
                    }
                    try model.design.validate(predictors: predictorCodings)
                    try Check.sameCount(model.coefficients.count, "coefficients", as: model.design.width * (model.classCount - 1),
                                        "one per design column for each class but the first")
                    try Check.finite(model.coefficients, "coefficients", "coefficient")
                }
            }
        }
        if let nullTree {
            try Check.within("nullTree") {
                try nullTree.validate(predictors: predictorCodings, poolBound: 2, poolWhat: "classes (value, null)", regression: false)
            }
        }
        if let range {
            guard range.count == 2 else { throw Check.fail(["range"], "has \(range.count) entries but must be [low, high]") }
            try Check.within("range") { try Check.ordered(range[0], range[1], lowerKey: "0", upperKey: "1") }
        }
    }
}

extension CARTDesign {
    func validate(predictors: [CARTValueCoding]) throws {
        try Check.sameCount(terms.count, "terms", as: predictors.count, "one per predictor")
        for (index, term) in terms.enumerated() {
            try Check.within("terms", String(index)) {
                switch term {
                case .number(let mean, let scale, _):
                    try Check.within("number") {
                        try Check.finite(mean, "mean")
                        try Check.positive(scale, "scale", "the scale")
                    }
                case .classes(let count, let reference, _):
                    let coding = predictors[index]
                    guard coding.isCategorical else { throw Check.fail(["classes"], "class terms need a categorical predictor") }
                    try Check.within("classes") {
                        guard count >= 1, count <= max(1, coding.classCount) else {
                            throw Check.fail(["count"], "\(count) classes, but the predictor has \(coding.classCount)")
                        }
                        try Check.index(reference, count: count, ["reference"], "the term's classes")
                    }
                }
            }
        }
    }
}

extension CARTTree {
    /// Checks the node arrays agree, every child index lies after its parent and inside the
    /// tree (so every walk ends at a leaf within `nodeCount` steps), splits read existing
    /// predictors and class sets, and every leaf's pool is non-empty and indexes `poolBound`
    /// classes or values.
    func validate(predictors: [CARTValueCoding], poolBound: Int, poolWhat: String, regression: Bool) throws {
        let nodes = feature.count
        try Check.nonEmpty(nodes, "feature", "tree nodes")
        try Check.sameCount(cut.count, "cut", as: nodes, "one per node")
        try Check.sameCount(child.count, "child", as: nodes, "one per node")
        try Check.sameCount(flags.count, "flags", as: nodes, "one per node")
        guard leafStart.count >= 2 else { throw Check.fail(["leafStart"], "a tree needs at least one leaf, but leafStart has \(leafStart.count) entries") }
        guard leafStart[0] == 0 else { throw Check.fail(["leafStart", "0"], "the first leaf must start at 0, not \(leafStart[0])") }
        for leaf in 0..<leafCount where !(leafStart[leaf + 1] > leafStart[leaf]) {
            throw Check.fail(["leafStart", String(leaf + 1)], "leaf \(leaf) would be empty or negative (\(leafStart[leaf]) to \(leafStart[leaf + 1])); every leaf holds at least one real row")
        }
        guard Int(leafStart[leafCount]) == pool.count else {
            throw Check.fail(["leafStart", String(leafCount)], "the last leaf ends at \(leafStart[leafCount]), but the pool has \(pool.count) entries")
        }
        for node in 0..<nodes {
            let slot = Int(feature[node])
            let target = Int(child[node])
            if slot < 0 {
                try Check.index(target, count: leafCount, ["child", String(node)], "the tree's leaves")
                continue
            }
            try Check.index(slot, count: predictors.count, ["feature", String(node)], "the member's predictors")
            guard target > node, target + 1 < nodes else {
                throw Check.fail(["child", String(node)], target <= node
                    ? "child index \(target) does not come after its parent \(node) (a tree cannot loop back)"
                    : "child index \(target) is out of range (the tree has \(nodes) nodes)")
            }
            if flags[node] & Self.classSplit != 0 {
                let coding = predictors[slot]
                guard coding.isCategorical else {
                    throw Check.fail(["flags", String(node)], "a class split on a numeric predictor")
                }
                // Codes run to classCount (a class never seen): that many bits from the offset.
                let offset = cut[node]
                let words = coding.classCount >> 5 + 1
                guard offset >= 0, offset == offset.rounded(), offset + Double(words) <= Double(classSets.count) else {
                    throw Check.fail(["cut", String(node)], "class-set offset \(offset) is out of range (\(classSets.count) words of class sets, \(words) needed)")
                }
            }
        }
        if let entry = pool.firstIndex(where: { Int($0) >= poolBound }) {
            throw Check.fail(["pool", String(entry)], "index \(pool[entry]) is out of range (there are \(poolBound) \(poolWhat))")
        }
        if regression {
            try Check.finite(values, "values")
            try Check.ascending(values, "values")
        }
        if let bandwidths {
            try Check.sameCount(bandwidths.count, "bandwidths", as: leafCount, "one per leaf")
            for (leaf, width) in bandwidths.enumerated() {
                try Check.within("bandwidths") { try Check.nonNegative(width, String(leaf), "the bandwidth") }
            }
        }
        if let leafBounds {
            guard regression, bandwidths != nil else {
                throw Check.fail(["leafBounds"], "leaf bounds belong to a smoothed regression tree, which has values and bandwidths")
            }
            try Check.sameCount(leafBounds.count, "leafBounds", as: 2 * leafCount, "a smallest and a largest value per leaf")
            try Check.finite(leafBounds, "leafBounds")
            for leaf in 0..<leafCount where leafBounds[2 * leaf] > leafBounds[2 * leaf + 1] {
                throw Check.fail(["leafBounds", String(2 * leaf)], "leaf \(leaf)'s smallest value is above its largest")
            }
        }
    }
}

// MARK: - Bayesian network

extension BayesianNetworkModel {
    public func validate() throws {
        try checkNames(columnNames, "columns")
        for (index, column) in columns.enumerated() {
            try Check.within("columns", String(index)) { try column.validate() }
        }
        try Self.validateNetwork(tables, stateCounts: columns.map(\.stateCount))
        guard degree >= 0 else { throw Check.fail(["degree"], "degree \(degree) must be at least 0") }
        guard bins >= 1 else { throw Check.fail(["bins"], "\(bins) bins must be at least 1") }
    }

    /// A table per member, after its parents, with one finite non-negative weight per cell.
    static func validateNetwork(_ tables: [ConditionalTable], stateCounts: [Int]) throws {
        var seen = Set<Int>()
        for (position, table) in tables.enumerated() {
            try Check.within("network", String(position)) {
                try Check.index(table.column, count: stateCounts.count, ["column"], "the network's columns")
                for (index, parent) in table.parents.enumerated() {
                    try Check.index(parent, count: stateCounts.count, ["parents", String(index)], "the network's columns")
                    guard seen.contains(parent) else {
                        throw Check.fail(["parents", String(index)], "parent \(parent) has no table before this one (parents come first, and a column is not its own parent)")
                    }
                }
                guard seen.insert(table.column).inserted else {
                    throw Check.fail(["column"], "column \(table.column) has a second table")
                }
                let counts = [stateCounts[table.column]] + table.parents.map { stateCounts[$0] }
                guard let cells = Check.product(counts), cells > 0 else {
                    throw Check.fail(["parents"], "the table would have too many cells (states \(counts.map(String.init).joined(separator: " × ")))")
                }
                try Check.sameCount(table.weights.count, "weights", as: cells, "one per state under each configuration of the parents")
                for (index, weight) in table.weights.enumerated() where !(weight.isFinite && weight >= 0) {
                    throw Check.fail(["weights", String(index)], "weight \(weight) is not a finite number of at least 0")
                }
            }
        }
        guard seen.count == stateCounts.count else {
            let missing = stateCounts.indices.first { !seen.contains($0) } ?? 0
            throw Check.fail(["network"], "column \(missing) has no table")
        }
    }
}

extension ColumnStates {
    func validate() throws {
        guard stateCount >= 1 else { throw Check.fail(["levels"], "column '\(name)' has no states: no levels, values or bins, and no missing state") }
        switch values {
        case .levels:
            break
        case .numbers(let numbers):
            try Check.finite(numbers, "numbers")
        case .bins(let bins):
            try Check.within("bins") { try bins.validate() }
        }
    }
}

extension NumericBins {
    func validate() throws {
        guard edges.count >= 2 else { throw Check.fail(["edges"], "bins need at least 2 edges, but there are \(edges.count)") }
        try Check.finite(edges, "edges", "edge")
        try Check.ascending(edges, "edges")
        try Check.sameCount(points.count, "points", as: count, "one per bin")
        try Check.sameCount(shapes.count, "shapes", as: count, "one per bin")
        for (bin, point) in points.enumerated() {
            if let point { try Check.within("points") { try Check.finite(point, String(bin), "the point") } }
        }
        for (bin, shape) in shapes.enumerated() where !shape.isEmpty {
            guard shape.count <= Check.maximumPerValue else {
                throw Check.fail(["shapes", String(bin)], "\(shape.count) slices is more than \(Check.maximumPerValue)")
            }
            try Check.within("shapes") { try Check.cumulative(shape, String(bin)) }
        }
        if let resolution { try Check.positive(resolution, "resolution", "the resolution in seconds") }
    }
}
