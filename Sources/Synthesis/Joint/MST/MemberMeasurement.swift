import Foundation
import Tabular

/// A member after its one-way measurements: its domain (found through mechanisms only), the
/// state of each real row (never stored), and its noisy one-way marginal over the states, with
/// each cell's noise variance.
struct MeasuredMember: Sendable {
    var column: MSTColumn
    var codes: [Int32]
    var oneWay: [Double]
    var variance: [Double]
    /// Binned members: the noisy fine counts (the missing count last) and each row's fine cell,
    /// so that the bins can be regrouped once the noisy row count is known.
    var fine: [Double] = []
    var rowCells: [Int32] = []
}

/// How a member's domain is found, which decides how many one-way measurements it costs.
enum MemberDomainKind: Sendable {
    /// Levels (text, or the numbers of a categorical or boolean column) through a noisy
    /// threshold: two measurements (the thresholded counts, then the marginal).
    case thresholdLevels
    /// Levels declared by the member's `levels` (public): one measurement.
    case declaredLevels([String])
    /// A numeric range declared by the member's `bounds`: one measurement.
    case declaredRange(Double, Double)
    /// A numeric range from a noisy histogram on a data-independent grid: two measurements.
    case noisyRange

    var measurements: Int {
        switch self {
        case .declaredRange, .declaredLevels: 1
        case .thresholdLevels, .noisyRange: 2
        }
    }

    static func of(_ member: JointMember) throws -> MemberDomainKind {
        let declared = (member.parameters["levels"].list ?? []).map(\.displayText)
        if !declared.isEmpty {
            guard !member.shape.isNumeric || member.kind == .categorical || member.kind == .boolean else {
                throw ParameterError(column: member.name, parameter: "levels", value: ParameterValue.list(member.parameters["levels"].list ?? []).displayText,
                                     allowed: "levels only for categorical, boolean and text members; numeric members take bounds")
            }
            guard Set(declared).count == declared.count else {
                throw ParameterError(column: member.name, parameter: "levels", value: ParameterValue.list(member.parameters["levels"].list ?? []).displayText,
                                     allowed: "distinct levels")
            }
            if member.shape.isNumeric, let bad = declared.first(where: { Double($0) == nil }) {
                throw ParameterError(column: member.name, parameter: "levels", value: bad, allowed: "numbers (the column is stored as numbers)")
            }
            return .declaredLevels(declared)
        }
        if !member.shape.isNumeric || member.kind == .categorical || member.kind == .boolean { return .thresholdLevels }
        let bounds = (member.parameters["bounds"].list ?? []).compactMap(\.number)
        if bounds.isEmpty { return .noisyRange }
        guard bounds.count == 2, bounds[0].isFinite, bounds[1].isFinite, bounds[0] < bounds[1] else {
            throw ParameterError(column: member.name, parameter: "bounds", value: ParameterValue.list(member.parameters["bounds"].list ?? []).displayText,
                                 allowed: "two finite numbers [lower, upper] with lower below upper (public bounds of the column's values)")
        }
        return .declaredRange(bounds[0], bounds[1])
    }
}

enum MemberMeasurement {
    struct Settings: Sendable {
        var sigma: Double
        /// δ of this member's threshold (its share of the threshold δ).
        var thresholdDelta: Double
        var bins: Int
        var cells: Int
        var maxLevels: Int
    }

    static func measure(_ member: JointMember, kind: MemberDomainKind, settings: Settings, random: inout RandomStream) throws -> MeasuredMember {
        switch kind {
        case .thresholdLevels:
            return member.shape.isNumeric ? try numberLevels(member, settings: settings, random: &random)
                : try textLevels(member, settings: settings, random: &random)
        case .declaredLevels(let levels):
            return try declaredLevels(member, levels: levels, settings: settings, random: &random)
        case .declaredRange(let low, let high):
            return try binned(member, range: (low, high), settings: settings, random: &random)
        case .noisyRange:
            let range = try noisyRange(member, sigma: settings.sigma, random: &random)
            return try binned(member, range: range, settings: settings, random: &random)
        }
    }

    // MARK: Levels

    /// Noisy counts of every level present, kept when above the threshold, the largest
    /// `maxLevels` of those; then the marginal over (kept levels, Other, missing), measured anew.
    private static func keptLevels(counts: [Double], settings: Settings, random: inout RandomStream) -> [Int] {
        let noisy = GaussianMechanism.measure(counts, sigma: settings.sigma, random: &random)
        let threshold = GaussianMechanism.threshold(sigma: settings.sigma, delta: settings.thresholdDelta)
        let passing = counts.indices.filter { counts[$0] > 0 && noisy[$0] >= threshold }
        return Array(passing.sorted { noisy[$0] != noisy[$1] ? noisy[$0] > noisy[$1] : $0 < $1 }.prefix(settings.maxLevels))
    }

    private static func textLevels(_ member: JointMember, settings: Settings, random: inout RandomStream) throws -> MeasuredMember {
        let column = member.column
        guard case .strings(let codes, let levels) = column.values else {
            throw PlanError.at(column: member.name, "holds \(column.values.physicalTypeName) values but its shape is text")
        }
        var counts = [Double](repeating: 0, count: levels.count)
        for row in 0..<codes.count where column.validity.isValid(row) { counts[Int(codes[row])] += 1 }
        let kept = keptLevels(counts: counts, settings: settings, random: &random)
        var stateOfCode = [Int32](repeating: Int32(kept.count), count: levels.count)
        for (state, code) in kept.enumerated() { stateOfCode[code] = Int32(state) }
        let missing = Int32(kept.count + 1)
        let rowStates = (0..<codes.count).map { column.validity.isValid($0) ? stateOfCode[Int(codes[$0])] : missing }
        let mst = MSTColumn(name: member.name, domain: .levels(kept.map { levels[$0] }), shape: member.shape)
        return marginal(mst, codes: rowStates, sigma: settings.sigma, random: &random)
    }

    private static func numberLevels(_ member: JointMember, settings: Settings, random: inout RandomStream) throws -> MeasuredMember {
        let column = member.column
        var index: [Double: Int] = [:]
        var values: [Double] = []
        var counts: [Double] = []
        var rowValue = [Int](repeating: -1, count: column.count)
        for row in 0..<column.count where column.validity.isValid(row) {
            guard let value = column.values.numericValue(at: row), value.isFinite else {
                throw PlanError.at(column: member.name, "holds a value that is not a finite number at row \(row + 1)")
            }
            let slot = index[value] ?? {
                index[value] = values.count
                values.append(value)
                counts.append(0)
                return values.count - 1
            }()
            counts[slot] += 1
            rowValue[row] = slot
        }
        let kept = keptLevels(counts: counts, settings: settings, random: &random)
        var stateOfSlot = [Int32](repeating: Int32(kept.count), count: values.count)
        for (state, slot) in kept.enumerated() { stateOfSlot[slot] = Int32(state) }
        let missing = Int32(kept.count + 1)
        let rowStates = rowValue.map { $0 < 0 ? missing : stateOfSlot[$0] }
        let mst = MSTColumn(name: member.name, domain: .numbers(kept.map { values[$0] }), shape: member.shape)
        return marginal(mst, codes: rowStates, sigma: settings.sigma, random: &random)
    }

    /// Declared levels: public, so only the marginal over (levels, Other, missing) is measured.
    private static func declaredLevels(_ member: JointMember, levels: [String], settings: Settings, random: inout RandomStream) throws -> MeasuredMember {
        let column = member.column
        let other = Int32(levels.count)
        let missing = Int32(levels.count + 1)
        var rowStates = [Int32](repeating: missing, count: column.count)
        if member.shape.isNumeric {
            let numbers = levels.map { Double($0)! }
            let stateOf = Dictionary(numbers.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
            for row in 0..<column.count where column.validity.isValid(row) {
                rowStates[row] = column.values.numericValue(at: row).flatMap { stateOf[$0] } ?? other
            }
            let mst = MSTColumn(name: member.name, domain: .numbers(numbers), shape: member.shape)
            return marginal(mst, codes: rowStates, sigma: settings.sigma, random: &random)
        }
        guard case .strings(let codes, let sourceLevels) = column.values else {
            throw PlanError.at(column: member.name, "holds \(column.values.physicalTypeName) values but its shape is text")
        }
        let stateOf = Dictionary(levels.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        let stateOfCode = sourceLevels.map { stateOf[$0] ?? other }
        for row in 0..<codes.count where column.validity.isValid(row) { rowStates[row] = stateOfCode[Int(codes[row])] }
        let mst = MSTColumn(name: member.name, domain: .levels(levels), shape: member.shape)
        return marginal(mst, codes: rowStates, sigma: settings.sigma, random: &random)
    }

    private static func marginal(_ column: MSTColumn, codes: [Int32], sigma: Double, random: inout RandomStream) -> MeasuredMember {
        var counts = [Double](repeating: 0, count: column.stateCount)
        for code in codes { counts[Int(code)] += 1 }
        return MeasuredMember(column: column, codes: codes, oneWay: GaussianMechanism.measure(counts, sigma: sigma, random: &random),
                              variance: [Double](repeating: sigma * sigma, count: column.stateCount))
    }

    // MARK: Numbers

    /// The data-independent grid of the range search: cells of 0.5 on the asinh scale, from
    /// −36 to 36 (beyond ±10¹⁵), so each cell spans a factor of about 1.65 away from zero.
    static let rangeGridStep = 0.5
    static let rangeGridCells = 144

    /// The range around the cell with the largest noisy count, out to the last cells on each
    /// side whose noisy count clears 4.5σ, across gaps of at most `rangeGap` cells that do not.
    /// Noise alone clears 4.5σ with probability 3.4e-6 per cell (5e-4 over the grid), and a
    /// stray cell must also sit next to the data to widen the range. Post-processing of one
    /// measurement. A thin tail (a few rows per cell) does not clear the bar and is clamped to
    /// the range: declare `bounds` to keep it.
    static func noisyRange(_ member: JointMember, sigma: Double, random: inout RandomStream) throws -> (Double, Double) {
        let column = member.column
        var counts = [Double](repeating: 0, count: rangeGridCells)
        for row in 0..<column.count where column.validity.isValid(row) {
            guard let value = column.values.numericValue(at: row), value.isFinite else {
                throw PlanError.at(column: member.name, "holds a value that is not a finite number at row \(row + 1)")
            }
            counts[gridCell(value)] += 1
        }
        let noisy = GaussianMechanism.measure(counts, sigma: sigma, random: &random)
        let (first, last) = rangeCells(noisy, sigma: sigma)
        return (sinh(gridEdge(first)), sinh(gridEdge(last + 1)))
    }

    static let rangeGap = 3

    /// The first and last grid cell of the range (see `noisyRange`).
    static func rangeCells(_ noisy: [Double], sigma: Double) -> (Int, Int) {
        let peak = noisy.indices.max { noisy[$0] < noisy[$1] }!
        let passes = noisy.map { $0 >= 4.5 * sigma }
        var first = peak
        var last = peak
        var cell = peak - 1
        while cell >= 0 && first - cell <= rangeGap + 1 {
            if passes[cell] { first = cell }
            cell -= 1
        }
        cell = peak + 1
        while cell < noisy.count && cell - last <= rangeGap + 1 {
            if passes[cell] { last = cell }
            cell += 1
        }
        return (first, last)
    }

    static func gridCell(_ value: Double) -> Int {
        let position = (asinh(value) / rangeGridStep).rounded(.down) + Double(rangeGridCells / 2)
        return Int(max(0, min(Double(rangeGridCells - 1), position)))
    }

    static func gridEdge(_ cell: Int) -> Double { Double(cell - rangeGridCells / 2) * rangeGridStep }

    /// Fine cells over the range, measured (with the missing count), then grouped into bins of
    /// about equal noisy mass: the bins follow the data through the noisy counts alone.
    private static func binned(_ member: JointMember, range: (Double, Double), settings: Settings, random: inout RandomStream) throws -> MeasuredMember {
        let column = member.column
        var low = range.0
        var high = range.1
        var resolution: Double?
        var whole = false
        switch member.shape {
        // A noisy range too wide for whole cells (see `MSTBins.widestWholeCell`) has real cells
        // whose draws are rounded to whole numbers.
        case .integer:
            if (high.rounded(.up) - low.rounded(.down) + 1) / Double(settings.cells) <= MSTBins.widestWholeCell { whole = true } else { resolution = 1 }
        case .datetime(let format): resolution = format.hasTime ? 1 : 86_400
        default: break
        }
        let width: Double
        let cells: Int
        if whole {
            low = low.rounded(.down)
            high = max(high.rounded(.up), low)
            width = max(1, ((high - low + 1) / Double(settings.cells)).rounded(.up))
            cells = max(1, Int(((high - low + 1) / width).rounded(.up)))
        } else {
            if !(high > low) { high = low + 1 }
            cells = settings.cells
            width = (high - low) / Double(cells)
        }
        let zero = low <= 0 && 0 < low + Double(cells) * width
        var bins = MSTBins(lower: low, width: width, cells: cells, zero: zero, bounds: [0, cells], weights: [], whole: whole, resolution: resolution)
        let total = bins.totalCells
        var fine = [Double](repeating: 0, count: total + 1)
        var rowCell = [Int32](repeating: Int32(total), count: column.count)
        for row in 0..<column.count where column.validity.isValid(row) {
            guard let value = column.values.numericValue(at: row), value.isFinite else {
                throw PlanError.at(column: member.name, "holds a value that is not a finite number at row \(row + 1)")
            }
            let cell = bins.cell(of: value)
            fine[cell] += 1
            rowCell[row] = Int32(cell)
        }
        let noisy = GaussianMechanism.measure(fine, sigma: settings.sigma, random: &random)
        bins.weights = noisy.prefix(total).map { max(0, $0) }
        var measured = MeasuredMember(column: MSTColumn(name: member.name, domain: .bins(bins), shape: member.shape),
                                      codes: [], oneWay: [], variance: [], fine: noisy, rowCells: rowCell)
        group(&measured, bins: settings.bins, sigma: settings.sigma)
        return measured
    }

    /// Groups a binned member's fine cells into about `count` bins of equal noisy mass (the
    /// zero cell alone in the last), and sets the row states and the bins' one-way marginal:
    /// post-processing of the fine measurement.
    static func group(_ member: inout MeasuredMember, bins count: Int, sigma: Double) {
        guard case .bins(var bins) = member.column.domain else { return }
        let total = bins.totalCells
        bins.bounds = equalMassBounds(Array(bins.weights.prefix(bins.cells)), bins: max(1, count - (bins.zero ? 1 : 0))) + (bins.zero ? [total] : [])
        let binOfCell = bins.binOfCell()
        let missing = Int32(bins.binCount)
        member.codes = member.rowCells.map { $0 == Int32(total) ? missing : Int32(binOfCell[Int($0)]) }
        var oneWay = [Double](repeating: 0, count: bins.binCount + 1)
        var variance = [Double](repeating: 0, count: bins.binCount + 1)
        for cell in 0..<total {
            oneWay[binOfCell[cell]] += member.fine[cell]
            variance[binOfCell[cell]] += sigma * sigma
        }
        oneWay[bins.binCount] = member.fine[total]
        variance[bins.binCount] = sigma * sigma
        member.oneWay = oneWay
        member.variance = variance
        member.column.domain = .bins(bins)
    }

    /// Bin bounds (cell indices, rising strictly from 0 to the cell count) at about equal
    /// shares of the weights: post-processing of the noisy counts.
    static func equalMassBounds(_ weights: [Double], bins: Int) -> [Int] {
        let total = weights.reduce(0, +)
        let cells = weights.count
        guard total > 0, bins > 1, cells > 1 else { return [0, cells] }
        var bounds = [0]
        var cumulative = 0.0
        var next = 1
        for cell in 0..<cells - 1 {
            cumulative += weights[cell]
            if cumulative >= total * Double(next) / Double(bins) {
                if bounds.last! < cell + 1 { bounds.append(cell + 1) }
                while next < bins && cumulative >= total * Double(next) / Double(bins) { next += 1 }
            }
        }
        bounds.append(cells)
        return bounds
    }
}
