import Tabular

/// Samples a fitted plan chunk by chunk and writes CSV (or another `RowWriter`'s format) in order. Chunks are sampled and
/// formatted on all cores in waves; each chunk's randomness depends only on (seed, column,
/// chunk), so the bytes are the same whatever the thread count.
public struct ChunkedCSVWriter: Sendable {
    public var plan: FittedPlan
    public var threads: Int
    /// CSV by default; TSV and JSON Lines through the same chunking.
    public var writer: any RowWriter = CSVWriter()

    public init(plan: FittedPlan, threads: Int = 0, writer: any RowWriter = CSVWriter()) {
        self.plan = plan
        self.writer = writer
        self.threads = threads > 0 ? threads : ProcessorCount.active
    }

    /// Writes rows `range` of a `totalRows`-row output to `sink`, with the header first when asked.
    /// `range` must start on a chunk boundary or at `range.lowerBound` inside one; rows are the
    /// same as in the full output either way.
    public func write(
        totalRows: Int, range: Range<Int>? = nil, header: Bool = true,
        progress: ((Int) -> Void)? = nil, to sink: ([UInt8]) throws -> Void
    ) throws {
        try plan.check(rows: totalRows)
        let rows = range ?? 0..<totalRows
        if header || writer.isSelfContainedPerShard {
            var bytes: [UInt8] = []
            writer.appendHeader(Table(columns: plan.outputOrder.map { Column(name: $0, values: .integers([], .plain)) }), to: &bytes)
            try sink(bytes)
        }
        guard !rows.isEmpty else {
            var footer: [UInt8] = []
            writer.appendFooter(to: &footer)
            if !footer.isEmpty { try sink(footer) }
            return
        }
        let size = FittedPlan.chunkSize
        let firstChunk = rows.lowerBound / size
        let lastChunk = (rows.upperBound - 1) / size
        var chunk = firstChunk
        var written = 0
        while chunk <= lastChunk {
            // A wave holds one chunk per thread, so `threads` bounds the parallelism.
            let wave = Array(chunk...min(lastChunk, chunk + threads - 1))
            let outputs = Parallel.map(wave.count) { index -> Result<[UInt8], Error> in
                Result {
                    let number = wave[index]
                    let table = try plan.sampleChunk(number, totalRows: totalRows)
                    let start = number * size
                    let local = max(rows.lowerBound, start) - start ..< min(rows.upperBound, start + table.rowCount) - start
                    var bytes: [UInt8] = []
                    bytes.reserveCapacity(local.count * table.columnCount * 8)
                    writer.appendRows(table, rows: local, to: &bytes)
                    return bytes
                }
            }
            for output in outputs { try sink(try writer.placing(try output.get())) }
            written = min(rows.upperBound, (wave.last! + 1) * size) - rows.lowerBound
            progress?(written)
            chunk = wave.last! + 1
        }
        var footer: [UInt8] = []
        writer.appendFooter(to: &footer)
        if !footer.isEmpty { try sink(footer) }
    }
}

/// The number of cores this process may use.
public enum ProcessorCount {
    public static var active: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
