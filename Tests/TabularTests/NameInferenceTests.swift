import Foundation
import Testing
@testable import Tabular

@Suite("Name inference")
struct NameInferenceTests {
    private func proposal(_ header: String, _ values: [String], thresholds: InferenceThresholds = .standard) throws -> KindProposal {
        let quoted = values.map { $0.contains(",") ? "\"\($0)\"" : $0 }
        let table = try Fixtures.read(header + "\n" + quoted.joined(separator: "\n") + "\n", blockSize: 1 << 16).table
        return TypeInference.propose(table[0], profile: Profiler.profile(table[0]), thresholds: thresholds)
    }

    /// Names as a customer table holds them: mostly common names, with parts in no list
    /// (Ivanova, Thorbjørg, Featherstonehaugh) and five names with no known part at all.
    static let fullNames = [
        "Maria Garcia", "James Smith", "Wei Zhang", "Aisha Bello", "Olga Ivanova", "Liam O'Connor", "Sofia Rossi",
        "Hiroshi Tanaka", "Priya Sharma", "Lukas Müller", "Fatima Haddad", "Carlos Mendoza", "Emma Johansson",
        "Chinedu Okafor", "Ana Silva", "Noah Williams", "Yuki Sato", "Mohammed Khan", "Grace Kim", "Pierre Dubois",
        "Xiomara Quintanilla", "Thorbjørg Halvorsen", "Bartholomew Featherstonehaugh", "Kwame Mensah", "Ingrid Larsen",
        "Jan de Jong", "Minh Nguyen", "Zeynep Yılmaz", "Dmitri Petrov", "Amara Diallo", "Rosa Martínez", "Ethan Brown",
        "Layla Hassan", "Mateo Fernández", "Chloé Bernard", "Arjun Patel", "Hana Park", "Oscar Lindqvist", "Eleni Papadopoulos",
        "Tomasz Nowak", "Giulia Bianchi", "Sipho Dlamini", "Leah Cohen", "Isabel Santos", "Ravi Iyer", "Julia Wagner",
        "Mei Chen", "Samuel Adeyemi", "Nora Hansen", "Diego Torres", "Anna Kowalski", "Kenji Yamamoto", "Lucia Romano",
        "Ahmed Mansour", "Sarah Miller", "Ivan Horvat", "Freya MacLeod", "Thabo Nkosi", "Camille Moreau", "Yerlan Zhaksylykov",
        "Quennell Abernathy-Struthers", "Michael Johnson", "Jennifer Davis", "David Wilson", "Laura Taylor", "Daniel Moore",
        "Jessica Martin", "Robert Clark", "Emily Lewis", "William Walker", "Olivia Young", "Joseph Allen", "Sophie King",
        "Thomas Wright", "Hannah Scott", "Andrew Hill", "Chloe Green", "Matthew Adams", "Lauren Baker", "Ryan Nelson",
    ]

    @Test("full names, given names, family names and `Last, First` are people's names")
    func nameColumns() throws {
        let full = try proposal("customer", Self.fullNames)
        #expect(full.kind == .name)
        #expect(full.reason.contains("people's names"))
        #expect(try proposal("first_name", Self.fullNames.map { String($0.prefix { $0 != " " }) }).kind == .name)
        // Family names alone match less often (6 of 80 are in no list), still above 90%.
        #expect(try proposal("surname", Self.fullNames.map { $0.split(separator: " ").dropFirst().joined(separator: " ") }).kind == .name)
        let reversed = Self.fullNames.map { name -> String in
            let words = name.split(separator: " ")
            return words.dropFirst().joined(separator: " ") + ", " + words[0]
        }
        #expect(try proposal("name", reversed).kind == .name)
        #expect(try proposal("NAME", Self.fullNames.map { $0.uppercased() }).kind == .name)
        // Repeated names (a column of 300 rows with 60 people) are names, not categories.
        #expect(try proposal("who", (0..<300).map { Self.fullNames[$0 % Self.fullNames.count] }).kind == .name)
    }

    @Test("cities, products, streets and colours are not people's names")
    func otherColumns() throws {
        let cities = ["Tokyo", "Lagos", "Houston", "Paris", "Florence", "Austin", "Charlotte", "Jackson", "Victoria", "Adelaide",
                      "Santa Cruz", "San Francisco", "São Paulo", "St. Louis", "Cape Town", "Kuala Lumpur", "Denver", "Madison",
                      "Lima", "Berlin", "Quito", "Dallas", "Sydney", "Regina", "Lincoln", "Eugene", "Orlando", "Nairobi",
                      "Mumbai", "Oslo", "Vancouver", "Phoenix", "Salvador", "Kingston", "Marseille", "Hamilton", "Wellington"]
        #expect(try proposal("city", (0..<200).map { cities[$0 % cities.count] }).kind == .categorical)
        let products = ["Laptop Stand", "Wireless Mouse", "Desk Lamp", "Coffee Mug", "Jasmine Rice", "Olive Oil", "Rose Wine",
                        "Phone Case", "Water Bottle", "Yoga Mat", "Notebook", "Pencil Set", "Garden Hose", "Tea Kettle", "Backpack",
                        "Ginger Ale", "Brown Sugar", "Green Tea", "Travel Mug", "Bike Helmet"]
        #expect(try proposal("product", (0..<200).map { products[$0 % products.count] }).kind == .categorical)
        let streets = ["Maple Lane", "Park Avenue", "Victoria Road", "Church Street", "Oak Drive", "King Street", "Mill Lane",
                       "Jackson Avenue", "Lincoln Way", "Hill Road", "Green Lane", "Station Road", "Elm Court", "Grant Place"]
        #expect(try proposal("street", (0..<100).map { streets[$0 % streets.count] }).kind != .name)
        // Family names can be colours; a handful of levels is a category all the same.
        let colours = ["Black", "White", "Brown", "Green", "Gray", "Rose"]
        #expect(try proposal("colour", (0..<120).map { colours[$0 % colours.count] }).kind == .categorical)
        // Emails keep their own kind.
        #expect(try proposal("mail", Self.fullNames.map { Words.foldedToASCII($0).lowercased().replacingOccurrences(of: " ", with: ".") + "@example.org" }).kind == .email)
    }

    @Test("the shared datasets have no name columns")
    func sharedDatasets() throws {
        for name in ["penguins", "diamonds", "credit_data"] {
            let table = try CSVReader.read(path: Fixtures.sharedData(name)).table
            #expect(!TypeInference.propose(table, profiles: Profiler.profile(table)).contains { $0.kind == .name }, "\(name)")
        }
    }

    @Test("a few distinct names are not enough, unless the threshold says so")
    func minimumDistinct() throws {
        let nine = Array(Self.fullNames.prefix(9))
        let rows = (0..<90).map { nine[$0 % 9] }
        #expect(try proposal("who", rows).kind == .categorical)
        var thresholds = InferenceThresholds()
        thresholds.personNameMinDistinct = 5
        #expect(try proposal("who", rows, thresholds: thresholds).kind == .name)
    }

    @Test("name shapes", arguments: [
        ("Ada Lovelace", PersonNameShape.firstLast), ("Lovelace, Ada", .lastCommaFirst), ("Jan van der Meer", .firstLast),
        ("Seán O’Brien", .firstLast), ("Ada", .first), ("Lovelace", .last), ("J. Smith", .firstLast), ("Dr. Grace Hopper", .firstLast),
        ("Grace M. Hopper", .firstLast), ("JOSE GARCIA", .firstLast), ("Anne-Marie Dupont", .firstLast), ("Zhang Wei", .firstLast),
        ("van der Meer", .last), ("Hill, Ada", .lastCommaFirst),
    ] as [(String, PersonNameShape)])
    func shapes(_ value: String, _ shape: PersonNameShape) {
        #expect(PersonName.shape(of: value) == shape)
    }

    @Test("not names", arguments: ["Central Park", "Maple Lane", "Ada 42", "ada@example.org", "Zzyzx Qwerty", "", "A.", "Smith.",
                                   "The Ada Lovelace Building Fund", "Ada  Lovelace & Co", "Grace Hopper Memorial Fund"])
    func notNames(_ value: String) {
        #expect(PersonName.shape(of: value) == nil)
    }

    @Test("folding to ASCII keeps ASCII and drops what has no Latin letter")
    func folding() {
        #expect(Words.foldedToASCII("Łukasz Dąbrowski, Søren Ærø, Straße, Đorđe, Ştefan, Ioniță") == "Lukasz Dabrowski, Soren AEro, Strasse, Dorde, Stefan, Ionita")
        #expect(Words.foldedToASCII("Zoe\u{0308}") == "Zoe")
        #expect(Words.foldedToASCII("王伟 Wei") == " Wei")
    }

    @Test("the lists are clean: trimmed, no duplicates, big enough")
    func lists() {
        let lists: [(String, [String], Int)] = [
            ("first names", Words.firstNames, 500), ("last names", Words.lastNames, 500), ("street names", Words.streetNames, 100),
            ("countries", Words.countries, 190), ("text nouns", Words.textNouns, 150), ("company words", Words.companyWords, 100),
        ]
        for (name, list, minimum) in lists {
            #expect(list.count >= minimum, "\(name): \(list.count)")
            #expect(Set(list).count == list.count, "\(name)")
            #expect(list.allSatisfy { !$0.isEmpty && $0.first != " " && $0.last != " " }, "\(name)")
        }
        #expect(Words.cities.count >= 200)
        #expect(Set(Words.cities).count == Words.cities.count)
        // Every shipped name reads as a name.
        #expect(Words.firstNames.allSatisfy { PersonName.shape(of: $0) == .first })
        #expect(Words.lastNames.allSatisfy { PersonName.shape(of: $0) != nil })
    }
}
