import Tabular

/// Street addresses, cities and countries.
enum FakePlaces {
    /// `742 Maple Avenue`, now and then with a flat or suite (`17 Victoria Road, Apt 4`).
    static func streetAddress(_ random: inout RandomStream) -> String {
        // House numbers are mostly small, as on real streets.
        let number: Int
        switch random.nextIndex(10) {
        case 0..<6: number = 1 + random.nextIndex(199)
        case 6..<9: number = 200 + random.nextIndex(1800)
        default: number = 2000 + random.nextIndex(8000)
        }
        var address = "\(number) \(random.pick(Words.streetNames)) \(random.pick(Words.streetSuffixes))"
        if random.chance(0.15) {
            address += ", " + random.pick(["Apt", "Unit", "Suite", "Flat"]) + " " + String(1 + random.nextIndex(60))
        }
        return address
    }

    static func city(_ random: inout RandomStream) -> String { random.pick(Words.cities).name }
    static func country(_ random: inout RandomStream) -> String { random.pick(Words.countries) }
}

/// Company names from list words and family names.
enum FakeCompanies {
    static func company(_ random: inout RandomStream) -> String {
        switch random.nextIndex(10) {
        case 0..<3:
            return random.pick(Words.companyWords) + " " + random.pick(Words.companyNouns) + " " + random.pick(Words.companySuffixes)
        case 3..<5:
            return random.pick(Words.companyWords) + " " + random.pick(Words.companyNouns)
        case 5..<7:
            return FakePeople.lastName(&random) + " " + random.pick(Words.companyNouns)
        case 7:
            return FakePeople.lastName(&random) + " & " + FakePeople.lastName(&random)
        case 8:
            return FakePeople.lastName(&random) + ", " + FakePeople.lastName(&random) + " and " + FakePeople.lastName(&random)
        default:
            return FakePeople.lastName(&random) + " " + random.pick(Words.companySuffixes)
        }
    }
}
