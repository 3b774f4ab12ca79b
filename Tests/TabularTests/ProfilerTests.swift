import Testing
@testable import Tabular

@Suite("Column profiles")
struct ProfilerTests {
    @Test("diamonds price and carat match pandas' describe()")
    func diamondsAgainstPandas() throws {
        let table = try CSVReader.read(path: Fixtures.sharedData("diamonds")).table
        let price = Profiler.profile(table.column(named: "price")!)
        // pandas: df.price.describe() → mean 3932.799722, std 3989.439738, 25% 950, 50% 2401, 75% 5324.25
        #expect(price.count == 53_940)
        #expect(price.nulls == 0)
        #expect(abs(price.mean! - 3932.799722) < 1e-6)
        #expect(abs(price.standardDeviation! - 3989.439738) < 1e-6)
        #expect(price.minimum == 326 && price.maximum == 18_823)
        // numpy.quantile(price, 0.95) is 13107.099999999991 to the last bit, and so is ours.
        #expect(price.quantiles.map(\.value) == [544, 950, 2401, 5324.25, 13107.099999999991])
        #expect(price.distinct == 11_602)
        #expect(price.histogram.count == 20)
        #expect(price.histogram.map(\.count).reduce(0, +) == 53_940)
        let carat = Profiler.profile(table.column(named: "carat")!)
        #expect(abs(carat.mean! - 0.797940) < 1e-6)
        #expect(abs(carat.standardDeviation! - 0.474011) < 1e-6)
    }

    @Test("categorical counts, nulls and top categories")
    func categories() throws {
        let table = try CSVReader.read(path: Fixtures.sharedData("penguins")).table
        let species = Profiler.profile(table.column(named: "species")!)
        #expect(species.distinct == 3)
        #expect(species.topCategories.map(\.value) == ["Adelie", "Gentoo", "Chinstrap"])
        #expect(species.topCategories.map(\.count) == [152, 124, 68])
        let sex = Profiler.profile(table.column(named: "sex")!)
        #expect(sex.nulls == 11)
        #expect(sex.topCategories.map(\.count) == [168, 165])
        let year = Profiler.profile(table.column(named: "year")!)
        #expect(year.topCategories.map(\.value) == ["2009", "2008", "2007"])
        #expect(year.topCategories.map(\.count) == [120, 114, 110])
    }

    @Test("datetime profiles show dates in the column's layout")
    func datetimes() throws {
        let table = try Fixtures.read("d\n2024-01-31\n2024-02-29\n2024-01-31\n").table
        let profile = Profiler.profile(table[0])
        #expect(profile.distinct == 2)
        #expect(profile.topCategories.first?.value == "2024-01-31")
        #expect(profile.topCategories.first?.count == 2)
    }

    // Found by CSVReaderFuzz (Fuzz/Corpus/csv/int64-extremes.csv).
    @Test("integers at Int64's ends profile without trapping, shown as written")
    func int64Extremes() throws {
        let table = try Fixtures.read("i\n-9223372036854775808\n9223372036854775807\n9223372036854775807\n").table
        let profile = Profiler.profile(table[0])
        #expect(profile.topCategories.map(\.value) == ["9223372036854775807", "-9223372036854775808"])
        #expect(profile.histogram.map(\.count).reduce(0, +) == 3)
    }

    // Found reading the Profiler after the crash above (Fuzz/Corpus/csv/decimal-extremes.csv).
    @Test("numbers further apart than the largest double get finite histogram bins and quantiles")
    func rangeWiderThanDoubles() throws {
        let table = try Fixtures.read("x\n-1e308\n1e308\n0\n").table
        let profile = Profiler.profile(table[0])
        #expect(profile.histogram.count == Profiler.histogramBinCount)
        #expect(profile.histogram.map(\.count) == [1] + Array(repeating: 0, count: 9) + [1] + Array(repeating: 0, count: 8) + [1])
        #expect(profile.histogram.allSatisfy { $0.lower.isFinite && $0.upper.isFinite && $0.lower <= $0.upper })
        #expect(profile.histogram.first?.lower == -1e308 && profile.histogram.last?.upper == 1e308)
        let pair = Profiler.profile(try Fixtures.read("x\n-1e308\n1e308\n").table[0])
        for (quantile, expected) in zip(pair.quantiles.map(\.value), [-0.9e308, -0.5e308, 0, 0.5e308, 0.9e308]) {
            #expect(abs(quantile - expected) < 1e295, "\(quantile) for \(expected)")
        }
    }
}
