import RealModule
import Tabular

/// Related tables generated parents first, table by table (never one flattened matrix):
/// - a table kept as it is is written as it is;
/// - a root table (no primary parent) samples its own plan, `rootRows` rows or its source's
///   row count times `scale`;
/// - a child draws the number of children of each output parent row from its
///   `CardinalityModel` (conditioned on the parent's columns; a parent kept as it is keeps each
///   row's real count), samples that many rows from its
///   own plan — fitted with the parent's group (`@parent`) as an extra column, so its joint model
///   takes the parent into account — and gives each row to a parent of the group it was drawn
///   for; its key is that parent's key, so every key is valid by construction;
/// - other foreign keys keep the value the child's model drew when it is an output parent key,
///   draw one at random when the parent row was not kept (a synthesised parent), and become null
///   when it matches no parent at all (an orphan), unless the link keeps orphans;
/// - a synthesised table's own primary key is made unique: 1...n for integers, the real keys in
///   order (suffixed `-k` past the real count) for text.
/// Output is the same for the same plans and seeds whatever the thread count.
public enum RelationalSynthesizer {
    /// The extra column that carries the primary parent's group into a child's model.
    public static func groupColumnName(parent: String) -> String { "@\(parent)" }

    /// The group of unparented child rows (null or orphan keys).
    public static let unparentedLabel = "none"

    /// The seed of one table's plan under a relational seed.
    public static func tableSeed(_ seed: UInt64, table: String) -> UInt64 {
        SplitMix64.mix(seed ^ StableHash.fnv1a(table)) & ((1 << 53) - 1)
    }

    /// What a synthesised table's plan is made and fitted on, with its cardinality model.
    public struct Modelling: Sendable {
        public var table: Table
        public var cardinality: CardinalityModel?
        /// Real child rows' key values that match no parent (for `orphans: keep`).
        public var orphanKeys: [String?]
    }

    /// The source without its primary key and its primary parent's key (both made by the
    /// relational model), plus the parent's group of each row.
    public static func modelling(_ table: RelationalTablePlan, primary: RelationalLink?, parent: RelationalTablePlan?) throws -> Modelling {
        var columns = table.source.columns.filter { $0.name != table.primaryKey && $0.name != primary?.key.childColumn }
        guard let primary, let parent else { return Modelling(table: Table(columns: columns), cardinality: nil, orphanKeys: []) }
        guard let childColumn = table.source.column(named: primary.key.childColumn) else {
            throw RelationalError("relationship \(primary.key): table '\(table.name)' has no column '\(primary.key.childColumn)'")
        }
        guard parent.source.column(named: primary.key.parentColumn) != nil else {
            throw RelationalError("relationship \(primary.key): table '\(parent.name)' has no column '\(primary.key.parentColumn)'")
        }
        let childKeys = KeyValues.texts(childColumn)
        let (model, parentRows) = try CardinalityModel.fit(parent: parent.source, parentKey: primary.key.parentColumn, childKeys: childKeys)
        let parentLabels = model.groups.labels(parent.source)
        let labels = parentRows.map { $0.map { parentLabels[$0] } ?? unparentedLabel }
        columns.append(KeyValues.column(named: groupColumnName(parent: parent.name), texts: labels))
        let orphans = zip(childKeys, parentRows).compactMap { key, row in row == nil ? key : nil as String?? }
        return Modelling(table: Table(columns: columns), cardinality: model, orphanKeys: orphans)
    }

    /// `links` with a primary link for every child that has links and declares none: the one
    /// that explains the most — the share of child rows it matches times the log of the number
    /// of parents it references (airlines explain less of flights than planes do).
    public static func choosingPrimaries(_ links: [RelationalLink], tables: [String: Table]) -> [RelationalLink] {
        var result = links
        let children = Array(Set(links.map(\.key.child))).sorted()
        for child in children where !links.contains(where: { $0.key.child == child && $0.primary }) {
            var best: (index: Int, score: Double)?
            for (index, link) in result.enumerated() where link.key.child == child && link.key.parent != child {
                guard let childTable = tables[child], let column = childTable.column(named: link.key.childColumn),
                      let parentKey = tables[link.key.parent]?.column(named: link.key.parentColumn) else { continue }
                let fit = KeyInference.containment(child: column, parentKeys: Set(KeyValues.texts(parentKey).compactMap { $0 }))
                let coverage = fit.rows * Double(column.count - column.nullCount) / Double(max(1, column.count))
                let score = coverage * Double.log(1 + Double(fit.distinctParentsReferenced))
                if best == nil || score > best!.score { best = (index, score) }
            }
            if let best { result[best.index].primary = true }
        }
        return result
    }

    public struct Settings: Sendable {
        /// Replaces every table's seed (each table gets `tableSeed(seed, table:)`).
        public var seed: UInt64?
        /// Rows of each synthesised root table (default: its source's rows times `scale`).
        public var rootRows: Int?
        /// Multiplies every synthesised table's rows (roots) and children per parent.
        public var scale: Double
        public var environment: [String: String]

        public init(seed: UInt64? = nil, rootRows: Int? = nil, scale: Double = 1, environment: [String: String] = [:]) {
            self.seed = seed
            self.rootRows = rootRows
            self.scale = scale
            self.environment = environment
        }
    }

    /// Generates every table, parents first, handing each to `emit` as soon as it is made; a
    /// parent's output is kept only until its last child is made.
    public static func generate(_ tables: [RelationalTablePlan], links: [RelationalLink], settings: Settings,
                                emit: (String, Table) throws -> Void) throws {
        try generate(tables, links: links, settings: settings, shard: nil) { name, table, _ in try emit(name, table) }
    }

    /// As above, with each table's rows of `shard` (all rows without one): see `RelationalShard`.
    /// Every shard generates every table whole (the same bytes), so the pieces concatenate to
    /// the whole output.
    public static func generate(_ tables: [RelationalTablePlan], links: [RelationalLink], settings: Settings, shard: RelationalShard?,
                                emit: (String, Table, Range<Int>) throws -> Void) throws {
        let byName = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let order = try TableOrder.parentsFirst(tables.map(\.name), links: links)
        for child in Set(links.map(\.key.child)) where links.filter({ $0.key.child == child && $0.primary }).count > 1 {
            throw RelationalError("table '\(child)' has more than one primary relationship; mark one `primary: true`")
        }
        var lastUse: [String: Int] = [:]
        for (position, name) in order.enumerated() {
            for link in links where link.key.child == name { lastUse[link.key.parent] = position }
        }
        var outputs: [String: Table] = [:]
        var ranges: [String: Range<Int>] = [:]
        var position = 0
        while position < order.count {
            // A wave: the next tables in order whose parents are all made already; they do not
            // depend on one another, so they are synthesised side by side (flights and weather),
            // then handed on in order.
            var wave: [String] = []
            while position + wave.count < order.count {
                let name = order[position + wave.count]
                if links.contains(where: { $0.key.child == name && $0.key.parent != name && wave.contains($0.key.parent) }) { break }
                wave.append(name)
            }
            let (names, made) = (wave, outputs)
            let results = Parallel.tasks(names.count) { index in
                Result { () throws -> (Table, [Int?]?) in
                    let table = byName[names[index]]!
                    guard table.synthesize else { return (table.source, nil) }
                    return try synthesise(table, links: links.filter { $0.key.child == table.name }, tables: byName, outputs: made, settings: settings)
                }
            }
            for (name, result) in zip(names, results) {
                let (output, parentRows) = try result.get()
                let parent = links.first { $0.key.child == name && $0.primary && $0.key.parent != name }?.key.parent
                let range = shard.map { shard in
                    if let parentRows, let parent, let parentRange = ranges[parent] {
                        return shard.childRows(parentRows: parentRows, parentRange: parentRange)
                    }
                    return shard.rows(of: output.rowCount)
                } ?? 0..<output.rowCount
                ranges[name] = range
                try emit(name, output, range)
                if let last = lastUse[name], last > position { outputs[name] = output }
                for (parent, last) in lastUse where last == position { outputs[parent] = nil }
                position += 1
            }
        }
    }

    /// The table, and for a child of a primary parent each row's parent row (nil: unparented).
    static func synthesise(_ table: RelationalTablePlan, links: [RelationalLink], tables: [String: RelationalTablePlan],
                           outputs: [String: Table], settings: Settings) throws -> (Table, [Int?]?) {
        guard var plan = table.plan else {
            throw RelationalError("table '\(table.name)' is to be synthesised but has no plan; add tables[].plan (doppel plan writes one) or set synthesize: false")
        }
        if let seed = settings.seed { plan.seed = tableSeed(seed, table: table.name) }
        let primary = links.first { $0.primary && $0.key.parent != table.name }
        let parentTable = primary.flatMap { tables[$0.key.parent] }
        let modelling = try modelling(table, primary: primary, parent: parentTable)
        let fitted: FittedPlan
        do {
            fitted = try FittedPlan.fit(plan, on: modelling.table, environment: settings.environment)
        } catch let error as PlanError {
            throw RelationalError("table '\(table.name)': \(error.message)")
        }
        var body: Table
        var primaryColumn: Column?
        var parentRows: [Int?]?
        if let primary, let parentTable, let cardinality = modelling.cardinality {
            guard let parentOut = outputs[parentTable.name], let parentKey = parentOut.column(named: primary.key.parentColumn) else {
                throw RelationalError("relationship \(primary.key): the parent table was not generated first")
            }
            let labels = cardinality.groups.labels(parentOut)
            var stream = RandomStream(seed: plan.seed, column: "@count:\(parentTable.name)", chunk: 0)
            // A kept parent is the real table: its rows keep their own real counts.
            let counts = parentTable.synthesize || parentOut.rowCount != cardinality.realCounts.count
                ? cardinality.draw(labels: labels, scale: settings.scale, stream: &stream)
                : cardinality.keptCounts(scale: settings.scale, stream: &stream)
            let parented = counts.reduce(0, +)
            let total = parented + cardinality.unparented(forParented: parented)
            var slotParent: [Int?] = []
            slotParent.reserveCapacity(total)
            for (row, count) in counts.enumerated() { slotParent.append(contentsOf: repeatElement(Optional(row), count: count)) }
            slotParent.append(contentsOf: repeatElement(Int?.none, count: total - parented))
            let sample = try sampling(fitted, rows: total, table: table.name)
            let permutation = assign(sample: sample, groupColumn: groupColumnName(parent: parentTable.name),
                                     slotLabels: slotParent.map { $0.map { labels[$0] } ?? unparentedLabel })
            body = Table(columns: sample.columns.map { $0.taking(permutation) })
            var keys = parentKey.taking(slotParent.map { $0 ?? 0 })
            if parentOut.rowCount == 0 { keys = KeyValues.column(named: parentKey.name, texts: slotParent.map { _ in nil }) }
            for (slot, parent) in slotParent.enumerated() where parent == nil { keys.validity.set(slot, valid: false) }
            if primary.keepOrphans, !modelling.orphanKeys.isEmpty {
                var orphanStream = RandomStream(seed: plan.seed, column: "@orphans:\(primary.key.childColumn)", chunk: 0)
                var texts = KeyValues.texts(keys)
                for slot in parented..<total { texts[slot] = modelling.orphanKeys[orphanStream.nextIndex(modelling.orphanKeys.count)] }
                keys = KeyValues.column(named: parentKey.name, texts: texts, like: parentKey)
            }
            keys.name = primary.key.childColumn
            primaryColumn = keys
            parentRows = slotParent
        } else {
            let rows = settings.rootRows ?? Int((Double(table.source.rowCount) * settings.scale).rounded())
            body = try sampling(fitted, rows: rows, table: table.name)
        }
        for link in links where !link.primary {
            guard let index = body.columns.firstIndex(where: { $0.name == link.key.childColumn }) else { continue }
            guard let parentOut = outputs[link.key.parent] ?? (link.key.parent == table.name ? nil : tables[link.key.parent]?.source),
                  let parentSource = tables[link.key.parent]?.source.column(named: link.key.parentColumn),
                  let parentKey = parentOut.column(named: link.key.parentColumn) else { continue }
            var columns = body.columns
            columns[index] = reconciled(body.columns[index], link: link, parentKeys: parentKey, realParentKeys: parentSource, seed: plan.seed)
            body = Table(columns: columns)
        }
        // An event table: each parent's children in their order column's order (the rows are in
        // blocks by parent already; the child's own key is numbered after, in the new order).
        if let orderBy = table.orderBy, let parentRows, let column = body.column(named: orderBy) {
            let order = EventOrder.orderWithinBlocks(column, parents: parentRows)
            body = Table(columns: body.columns.map { $0.taking(order) })
            primaryColumn = primaryColumn?.taking(order)
        }
        return (assemble(table, body: body, primaryColumn: primaryColumn, primaryLink: primary), parentRows)
    }

    static func sampling(_ fitted: FittedPlan, rows: Int, table: String) throws -> Table {
        do {
            return try fitted.sample(rows: rows)
        } catch let error as PlanError {
            throw RelationalError("table '\(table)': \(error.message)")
        }
    }

    /// Sample rows to slots: a row drawn for a group goes to the next free slot of that group;
    /// rows whose group has no free slot left fill the remaining slots in order.
    static func assign(sample: Table, groupColumn: String, slotLabels: [String]) -> [Int] {
        let total = slotLabels.count
        guard let column = sample.column(named: groupColumn) else { return Array(0..<total) }
        // Labels as small numbers: one hash per distinct label and per level, not per row.
        var labelIndex: [String: Int] = [:]
        var queues: [[Int]] = []
        var previous: (label: String, index: Int)?
        for (slot, label) in slotLabels.enumerated() {
            let index: Int
            if let previous, previous.label == label {
                index = previous.index
            } else if let known = labelIndex[label] {
                index = known
            } else {
                index = queues.count
                labelIndex[label] = index
                queues.append([])
            }
            previous = (label, index)
            queues[index].append(slot)
        }
        let rowLabels: [Int?]
        if case .strings(let codes, let levels) = column.values {
            let byCode = levels.map { labelIndex[$0] }
            rowLabels = codes.indices.map { column.isNull($0) ? nil : byCode[Int(codes[$0])] }
        } else {
            rowLabels = KeyValues.texts(column).map { $0.flatMap { labelIndex[$0] } }
        }
        var next = [Int](repeating: 0, count: queues.count)
        var permutation = Array(repeating: -1, count: total)
        var leftovers: [Int] = []
        for (row, label) in rowLabels.enumerated() {
            if let label, next[label] < queues[label].count {
                permutation[queues[label][next[label]]] = row
                next[label] += 1
            } else {
                leftovers.append(row)
            }
        }
        var leftover = 0
        for slot in 0..<total where permutation[slot] < 0 {
            permutation[slot] = leftovers[leftover]
            leftover += 1
        }
        return permutation
    }

    /// A non-primary foreign key: output parent keys stay; real parent keys not in the output
    /// are redrawn among the output's; values matching no parent become null (or stay, with
    /// `keepOrphans`).
    static func reconciled(_ column: Column, link: RelationalLink, parentKeys: Column, realParentKeys: Column, seed: UInt64) -> Column {
        let outKeys = KeyValues.texts(parentKeys).compactMap { $0 }
        let outSet = Set(outKeys)
        let realSet = Set(KeyValues.texts(realParentKeys).compactMap { $0 })
        var stream = RandomStream(seed: seed, column: "@fk:\(link.key.childColumn)", chunk: 0)
        var redrawn = false
        var result = column
        let texts: [String?] = KeyValues.texts(column).enumerated().map { row, value in
            guard let value else { return nil }
            if outSet.contains(value) { return value }
            if realSet.contains(value), !outKeys.isEmpty {
                redrawn = true
                return outKeys[stream.nextIndex(outKeys.count)]
            }
            if link.keepOrphans { return value }
            result.validity.set(row, valid: false)
            return nil
        }
        return redrawn ? KeyValues.column(named: column.name, texts: texts, like: column) : result
    }

    /// The output in the source's column order (columns the plan adds go last; `@parent` is dropped).
    static func assemble(_ table: RelationalTablePlan, body: Table, primaryColumn: Column?, primaryLink: RelationalLink?) -> Table {
        var columns: [Column] = []
        for name in table.source.columnNames {
            if name == table.primaryKey, let source = table.source.column(named: name) {
                columns.append(uniqueKeys(like: source, rows: body.rowCount))
            } else if name == primaryLink?.key.childColumn, let primaryColumn {
                columns.append(primaryColumn)
            } else if let column = body.column(named: name) {
                columns.append(column)
            }
        }
        let placed = Set(columns.map(\.name))
        for column in body.columns where !placed.contains(column.name) && !column.name.hasPrefix("@") { columns.append(column) }
        return Table(columns: columns)
    }

    static func uniqueKeys(like source: Column, rows: Int) -> Column {
        if case .integers(_, let style) = source.values {
            return Column(name: source.name, values: .integers((0..<rows).map { Int64($0 + 1) }, style))
        }
        let real = KeyValues.texts(source).compactMap { $0 }
        guard !real.isEmpty else { return KeyValues.column(named: source.name, texts: (0..<rows).map { "\($0 + 1)" }) }
        return KeyValues.column(named: source.name, texts: (0..<rows).map { row in
            row < real.count ? real[row] : "\(real[row % real.count])-\(row / real.count)"
        })
    }
}
