import Foundation
import Testing
@testable import Tabular

@Suite("Streaming a file: marginals, sketch and reservoir")
struct StreamingReaderTests {
    /// `n` rows of one uniform number each, from a fixed generator.
    private func uniformCSV(rows n: Int, seed: UInt64) -> (bytes: [UInt8], values: [Double]) {
        var random = SplitMix64(state: seed)
        var text = "x,group\n"
        var values: [Double] = []
        for row in 0..<n {
            let value = Double(random.next() % 1_000_000_000) / 1000
            values.append(value)
            text += "\(value),g\(row % 7)\n"
        }
        return (Array(text.utf8), values)
    }

    @Test("exact marginals give the in-memory profile of every row, whatever the block size")
    func exactProfilesMatchInMemory() throws {
        let path = try Fixtures.sharedData("penguins")
        let whole = try CSVReader.read(path: path).table
        let expected = Profiler.profile(whole)
        for blockSize in [700, 1 << 20] {
            let streamed = try StreamingReader.read(.path(path), settings: StreamingSettings(reservoirRows: 40, seed: 3), blockSize: blockSize)
            #expect(streamed.rowCount == whole.rowCount)
            #expect(streamed.reservoir.rowCount == 40)
            #expect(streamed.marginalSources.allSatisfy { $0 == .exact })
            let profiles = streamed.profiles()
            for (index, column) in whole.columns.enumerated() {
                let got = profiles[index], want = expected[index]
                #expect(got.count == want.count && got.nulls == want.nulls && got.distinct == want.distinct, "\(column.name)")
                #expect(got.minimum == want.minimum && got.maximum == want.maximum, "\(column.name)")
                #expect(got.quantiles == want.quantiles, "\(column.name)")
                #expect(got.histogram.map(\.count) == want.histogram.map(\.count), "\(column.name)")
                if let mean = want.mean { #expect(abs(got.mean! - mean) < 1e-9 * max(1, abs(mean)), "\(column.name)") }
                if let sd = want.standardDeviation { #expect(abs(got.standardDeviation! - sd) < 1e-9 * max(1, sd), "\(column.name)") }
                #expect(Set(got.topCategories.map(\.count)) == Set(want.topCategories.map(\.count)), "\(column.name)")
            }
        }
    }

    @Test("past the exact limit, quantiles stay within the sketch's stated rank error")
    func sketchedQuantilesWithinRankError() throws {
        let n = 200_000
        let (bytes, values) = uniformCSV(rows: n, seed: 11)
        let settings = StreamingSettings(reservoirRows: 1000, seed: 5, exactLimit: 1000, sketchK: 512)
        let streamed = try StreamingReader.read(.bytes(bytes, name: "uniform.csv"), settings: settings, blockSize: 64 << 10)
        let marginal = streamed.marginals[0]
        let sketch = try #require(marginal.sketch)
        let bound = QuantileSketch.rankError(k: 512)
        #expect(streamed.marginalSources[0] == .sketched(rankError: bound))
        #expect(marginal.minimum == values.min() && marginal.maximum == values.max())
        let sorted = values.sorted()
        var worst = 0.0
        for step in 1..<100 {
            let p = Double(step) / 100
            let estimate = sketch.quantile(p)!
            // The true rank range of the estimate: values below it, up to values at or below it.
            let below = sorted.firstIndex { $0 >= estimate } ?? n
            let atOrBelow = sorted.firstIndex { $0 > estimate } ?? n
            let target = p * Double(n)
            let error = target < Double(below) ? (Double(below) - target) / Double(n)
                : target > Double(atOrBelow) ? (target - Double(atOrBelow)) / Double(n) : 0
            worst = max(worst, error)
        }
        #expect(worst <= bound, "worst rank error \(worst), stated \(bound)")
        // The mean stays exact, sketch or not.
        let mean = values.reduce(0, +) / Double(n)
        #expect(abs(marginal.mean! - mean) < 1e-9 * mean)
        // The categorical column has 7 levels: exact.
        #expect(streamed.marginalSources[1] == .exact)
        #expect(streamed.marginals[1].textCounts["g0"] == (n + 6) / 7)
    }

    @Test("the reservoir is the same for a seed whatever the block size, and another for another seed")
    func reservoirDeterministic() throws {
        let (bytes, _) = uniformCSV(rows: 30_000, seed: 2)
        func read(seed: UInt64, blockSize: Int) throws -> Table {
            try StreamingReader.read(.bytes(bytes, name: "u.csv"), settings: StreamingSettings(reservoirRows: 500, seed: seed), blockSize: blockSize).reservoir
        }
        let first = try read(seed: 9, blockSize: 4096)
        #expect(first.rowCount == 500)
        #expect(try read(seed: 9, blockSize: 4096) == first)
        #expect(try read(seed: 9, blockSize: 1 << 20) == first)
        #expect(try read(seed: 10, blockSize: 4096) != first)
    }

    @Test("every row has the same chance to be kept")
    func reservoirUniform() {
        // Mean kept index over many reservoirs: n/2 when uniform (each has sd n/√(12·k)).
        let n = 100_000, capacity = 200
        var means: [Double] = []
        for seed in 0..<20 {
            var reservoir = RowReservoir(capacity: capacity, seed: UInt64(seed))
            for index in 0..<n where reservoir.wants(index) { reservoir.keep(index, record: []) }
            #expect(reservoir.rows.count == capacity)
            #expect(Set(reservoir.rows.map(\.index)).count == capacity)
            means.append(Double(reservoir.rows.map(\.index).reduce(0, +)) / Double(capacity))
        }
        let overall = means.reduce(0, +) / Double(means.count)
        let standardError = Double(n) / (12.0 * Double(capacity) * Double(means.count)).squareRoot()
        #expect(abs(overall - Double(n) / 2) < 4 * standardError, "mean index \(overall)")
        // Late rows are kept as often as early ones: the last tenth holds about a tenth.
        var reservoir = RowReservoir(capacity: 5000, seed: 77)
        for index in 0..<n where reservoir.wants(index) { reservoir.keep(index, record: []) }
        let late = reservoir.rows.filter { $0.index >= n * 9 / 10 }.count
        #expect(abs(late - 500) < 4 * Int((5000 * 0.1 * 0.9).squareRoot()) + 1, "\(late) of 5000 from the last tenth")
    }

    @Test("the marginal table lays out the file's shares and null rate")
    func marginalTableShares() throws {
        var text = "level,amount\n"
        for row in 0..<10_000 {
            let level = row % 10 < 6 ? "a" : row % 10 < 9 ? "b" : "c"
            text += "\(level),\(row % 4 == 0 ? "" : String(row % 50))\n"
        }
        let streamed = try StreamingReader.read(.bytes(Array(text.utf8), name: "shares.csv"),
                                                settings: StreamingSettings(reservoirRows: 100, seed: 1), blockSize: 2048)
        let table = streamed.marginalTable(size: 1000)
        let level = try #require(table.column(named: "level"))
        guard case .strings(let codes, let levels) = level.values else { Issue.record("level is not text"); return }
        let counts = Dictionary(grouping: codes, by: { levels[Int($0)] }).mapValues(\.count)
        #expect(counts == ["a": 600, "b": 300, "c": 100])
        let amount = try #require(table.column(named: "amount"))
        #expect(amount.count == 1000 && amount.nullCount == 250)
        #expect(StreamedTable.apportion([1, 1, 1], into: 2) == [1, 1, 0])
    }

    @Test("a bad byte late in the file names its line, as the whole-file reader does")
    func badInputLocated() throws {
        var bytes = Array("a,b\n".utf8)
        for row in 0..<5000 { bytes += Array("\(row),x\n".utf8) }
        bytes += [0x31, 0x2C, 0xFF, 0x0A]
        do {
            _ = try StreamingReader.read(.bytes(bytes, name: "bad.csv"), settings: StreamingSettings(reservoirRows: 10, seed: 1), blockSize: 1024)
            Issue.record("expected an error")
        } catch let error as DataError {
            #expect(error.line == 5002)
            #expect(error.description.contains("bad.csv"))
        }
    }

    @Test("the sketch is deterministic for its seed")
    func sketchDeterministic() {
        func sketch(_ seed: UInt64) -> [Double] {
            var sketch = QuantileSketch(k: 64, seed: seed)
            for index in 0..<50_000 { sketch.insert(Double((index * 7919) % 50_000)) }
            return sketch.quantiles([0.1, 0.5, 0.9])
        }
        #expect(sketch(1) == sketch(1))
        #expect(sketch(1).count == 3)
    }
}
