/// The numeric row a regression method reads from a member's predictors: an intercept, each
/// number standardised (nulls at the mean, with an indicator column when the real data have
/// any), and each categorical predictor as indicators of its classes but the most frequent
/// (null a class of its own; a class never seen is all zeros, like the most frequent).
struct CARTDesign: Codable, Sendable, Equatable {
    enum Term: Codable, Sendable, Equatable {
        case number(mean: Double, scale: Double, nullIndicator: Bool)
        case classes(count: Int, reference: Int, nullIndicator: Bool)

        var width: Int {
            switch self {
            case .number(_, _, let indicator): indicator ? 2 : 1
            case .classes(let count, _, let indicator): count - 1 + (indicator ? 1 : 0)
            }
        }
    }

    var terms: [Term]

    /// Columns of a row, the intercept included.
    var width: Int { 1 + terms.reduce(0) { $0 + $1.width } }

    /// Terms learned from the predictors' real values on `rows`.
    init(predictors: [(coding: CARTValueCoding, values: [Double])], rows: [Int32]) {
        terms = predictors.map { predictor in
            let values = predictor.values
            let hasNulls = rows.contains { values[Int($0)].isNaN }
            if predictor.coding.isCategorical {
                var counts = [Int](repeating: 0, count: predictor.coding.classCount)
                for row in rows where !values[Int(row)].isNaN { counts[Int(values[Int(row)])] += 1 }
                let reference = counts.indices.max { counts[$0] < counts[$1] } ?? 0
                return .classes(count: max(1, counts.count), reference: reference, nullIndicator: hasNulls)
            }
            var count = 0.0
            var sum = 0.0
            var squares = 0.0
            for row in rows where !values[Int(row)].isNaN {
                count += 1
                sum += values[Int(row)]
                squares += values[Int(row)] * values[Int(row)]
            }
            let mean = count > 0 ? sum / count : 0
            let variance = count > 1 ? max(0, (squares - sum * mean) / (count - 1)) : 0
            let scale = variance > 0 ? variance.squareRoot() : 1
            return .number(mean: mean, scale: scale, nullIndicator: hasNulls)
        }
    }

    /// Writes the row's design into `output` (`width` cells). `data` and `slots` as for trees.
    @inline(__always)
    func fill(row: Int, data: UnsafeBufferPointer<Double>, slots: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Double>) {
        output[0] = 1
        var column = 1
        for (slot, term) in terms.enumerated() {
            let value = data[slots[slot] + row]
            switch term {
            case .number(let mean, let scale, let indicator):
                output[column] = value.isNaN ? 0 : (value - mean) / scale
                if indicator { output[column + 1] = value.isNaN ? 1 : 0 }
            case .classes(let count, let reference, let indicator):
                for offset in 0..<(count - 1) { output[column + offset] = 0 }
                if !value.isNaN {
                    let code = Int(value)
                    if code < count && code != reference { output[column + (code < reference ? code : code - 1)] = 1 }
                }
                if indicator { output[column + count - 1] = value.isNaN ? 1 : 0 }
            }
            column += term.width
        }
    }

    /// The design of `rows`, row after row.
    func matrix(rows: [Int32], data: [Double], slots: [Int]) -> [Double] {
        let width = self.width
        var matrix = [Double](repeating: 0, count: rows.count * width)
        data.withUnsafeBufferPointer { data in
            slots.withUnsafeBufferPointer { slots in
                matrix.withUnsafeMutableBufferPointer { matrix in
                    for (index, row) in rows.enumerated() {
                        let output = UnsafeMutableBufferPointer(rebasing: matrix[(index * width)..<((index + 1) * width)])
                        fill(row: Int(row), data: data, slots: slots, into: output)
                    }
                }
            }
        }
        return matrix
    }
}
