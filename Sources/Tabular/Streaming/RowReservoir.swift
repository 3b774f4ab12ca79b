import Foundation

/// A uniform random sample of `capacity` rows from a stream of unknown length (Li's Algorithm L):
/// every row has the same chance to be kept, and the draws skip straight to the next row to keep,
/// so a long stream costs a few random numbers per kept row, not one per row.
///
/// The draws come from a generator seeded by the plan's seed and nothing else, so the same file
/// and seed keep the same rows whatever the block size or thread count. Rows are kept as records
/// (already written as CSV text), with their index in the file.
public struct RowReservoir: Sendable {
    public let capacity: Int
    private var random: SplitMix64
    /// (row index in the file, the record's CSV bytes without the line end).
    public private(set) var rows: [(index: Int, record: [UInt8])] = []
    /// The next row index to keep, once the reservoir is full.
    private var nextKept = 0
    private var w = 0.0

    public init(capacity: Int, seed: UInt64) {
        self.capacity = max(1, capacity)
        random = SplitMix64(state: seed ^ 0x5245_5345_5256_4F49)
    }

    /// A uniform double in (0, 1).
    private mutating func unit() -> Double {
        (Double(random.next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// Whether row `index` (rows are offered in order, 0, 1, 2, ...) is to be kept. When true,
    /// the caller passes its record to `keep`.
    @inline(__always)
    public func wants(_ index: Int) -> Bool {
        index < capacity || index == nextKept
    }

    /// Keeps row `index` (which `wants` said yes to).
    public mutating func keep(_ index: Int, record: [UInt8]) {
        keep(index) { $0.append(contentsOf: record) }
    }

    /// Keeps row `index`, whose record `write` appends to an empty buffer. A replaced row's
    /// buffer is reused, so a long stream allocates little once the reservoir is full.
    public mutating func keep(_ index: Int, write: (inout [UInt8]) -> Void) {
        if index < capacity {
            var record: [UInt8] = []
            write(&record)
            rows.append((index, record))
            if index == capacity - 1 {
                w = exp(log(unit()) / Double(capacity))
                advance(from: index)
            }
            return
        }
        let slot = Int(random.next() % UInt64(capacity))
        rows[slot].index = index
        rows[slot].record.removeAll(keepingCapacity: true)
        write(&rows[slot].record)
        w *= exp(log(unit()) / Double(capacity))
        advance(from: index)
    }

    private mutating func advance(from index: Int) {
        // 1 − w underflows to 0 only when w is 1 to the last bit, which a draw in (0, 1) never makes.
        let skip = floor(log(unit()) / log1p(-w))
        nextKept = skip >= Double(Int.max / 2) ? Int.max : index + Int(skip) + 1
    }

    /// The kept rows in file order.
    public var inFileOrder: [(index: Int, record: [UInt8])] {
        rows.sorted { $0.index < $1.index }
    }
}
