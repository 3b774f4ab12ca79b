import Foundation
import Testing
@testable import Synthesis
import Tabular

@Suite("fake strategy")
struct FakeStrategyTests {
    /// A source without the generated columns: fake values need none.
    private static let empty = try! inline("other\n1\n2\n")

    /// CSV text as a table, read with small blocks (the reader's 2 MB default is slow to set up
    /// in debug builds, and these tables are tiny).
    private static func inline(_ text: String) throws -> Table {
        try CSVReader.read(.bytes(Array(text.utf8), name: "inline.csv"), blockSize: 1 << 16).table
    }

    private func fitted(_ columns: [ColumnPlan], on table: Table = empty, seed: UInt64 = 7) throws -> FittedPlan {
        try FittedPlan.fit(Plan(seed: seed, columns: columns), on: table)
    }

    private func column(_ provider: String, _ extra: [String: ParameterValue] = [:], name: String = "x", kind: ColumnKind = .text) -> ColumnPlan {
        var parameters = Parameters(extra)
        parameters["provider"] = .text(provider)
        return ColumnPlan(name: name, kind: kind, strategy: "fake", parameters: parameters)
    }

    /// One column's values as text.
    private func values(_ provider: String, _ extra: [String: ParameterValue] = [:], kind: ColumnKind = .text, rows: Int = 500,
                        seed: UInt64 = 7, source: Table = empty, name: String = "x") throws -> [String] {
        let table = try fitted([column(provider, extra, name: name, kind: kind)], on: source, seed: seed).sample(rows: rows)
        return (0..<rows).map { table[0].text(at: $0) ?? "<null>" }
    }

    private func share(_ values: [String], where predicate: (String) -> Bool) -> Double {
        Double(values.count(where: predicate)) / Double(values.count)
    }

    private func matches(_ regex: String, _ value: String) -> Bool {
        value.range(of: "^(?:" + regex + ")$", options: .regularExpression) != nil
    }

    // MARK: People

    @Test("names come from the shipped lists and vary")
    func names() throws {
        let first = try values("first_name", rows: 1000)
        #expect(first.allSatisfy(Set(Words.firstNames).contains))
        #expect(Set(first).count > 400)
        let last = try values("last_name", rows: 1000)
        #expect(last.allSatisfy(Set(Words.lastNames).contains))
        #expect(Set(last).count > 400)
        let full = try values("name", rows: 1000)
        let firstSet = Set(Words.firstNames), lastSet = Set(Words.lastNames)
        for name in full {
            let given = String(name.prefix { $0 != " " })
            #expect(firstSet.contains(given), "\(name)")
            #expect(lastSet.contains(String(name.dropFirst(given.count + 1))), "\(name)")
        }
        #expect(Set(full).count > 950)
    }

    @Test("fixed seed, fixed values")
    func fixedSeed() throws {
        let names = try values("name", rows: 3), emails = try values("email", rows: 2), uuids = try values("uuid", rows: 1)
        #expect(names == ["Samuel Shimizu", "Hui Kovács", "Hossein Marchand"])
        #expect(emails == ["samuel_shimizu@post.example.org", "mason.nikolic78@mail.example.com"])
        #expect(uuids == ["3dd4d478-15bd-4da9-9ca1-97dbd5924713"])
    }

    @Test("the name layout is learned: given names only, or `Last, First`")
    func nameLayout() throws {
        let given = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Tim", "Barbara", "Dennis", "Frances", "Ken", "Radia", "Edsger"]
        let firsts = try Self.inline("who\n" + (0..<120).map { given[$0 % given.count] }.joined(separator: "\n") + "\n")
        let made = try values("name", kind: .name, source: firsts, name: "who")
        #expect(made.allSatisfy(Set(Words.firstNames).contains))

        let commas = try Self.inline("who\n" + (0..<120).map { "\"\(Words.lastNames[$0 * 7]), \(given[$0 % given.count])\"" }.joined(separator: "\n") + "\n")
        let reversed = try values("name", kind: .name, source: commas, name: "who")
        #expect(reversed.allSatisfy { PersonName.shape(of: $0) == .lastCommaFirst })
        // Nothing learned without permission.
        let plain = try values("name", ["learn_from_source": false], kind: .name, source: commas, name: "who")
        #expect(plain.allSatisfy { !$0.contains(",") })
    }

    // MARK: Email

    @Test("emails are valid addresses on reserved example domains")
    func emails() throws {
        let emails = try values("email", rows: 1000)
        for email in emails {
            #expect(PersonalDataPattern.email.matches(email), "\(email)")
            #expect(Words.emailDomains.contains(String(email.split(separator: "@")[1])), "\(email)")
        }
        #expect(Set(emails).count > 950)
    }

    @Test("an email derived from name columns carries the row's synthetic name")
    func derivedEmails() throws {
        // The email column comes first in the plan: its dependencies are generated before it.
        let plan = [
            column("email", ["first_name_column": "given", "last_name_column": "family"], name: "mail", kind: .email),
            column("first_name", name: "given", kind: .name),
            column("last_name", name: "family", kind: .name),
        ]
        let rows = FittedPlan.chunkSize + 300  // two chunks
        let table = try fitted(plan).sample(rows: rows)
        #expect(table.columnNames == ["mail", "given", "family"])
        for row in stride(from: 0, to: rows, by: 7) {
            let email = table[0].text(at: row)!, given = FakeWeb.localPart(table[1].text(at: row)!), family = FakeWeb.localPart(table[2].text(at: row)!)
            let local = String(email.prefix { $0 != "@" })
            #expect(PersonalDataPattern.email.matches(email))
            #expect(local.contains(family), "\(email) for \(given) \(family)")
            #expect(local.contains(given) || local.hasPrefix(String(given.first!)), "\(email) for \(given) \(family)")
        }

        // One full-name column, in either layout.
        let full = try fitted([column("name", name: "person", kind: .name), column("email", ["name_column": "person"], name: "mail", kind: .email)])
            .sample(rows: 300)
        for row in 0..<300 {
            let words = full[0].text(at: row)!.split(separator: " ").map { FakeWeb.localPart(String($0)) }
            #expect(full[1].text(at: row)!.contains(words.last!))
        }
        #expect(FakeWeb.split(fullName: "Lovelace, Ada M.") == ("Ada", "Lovelace"))
        #expect(FakeWeb.localPart("Seán O’Brien-Đorđević") == "seanobriendordevic")
    }

    @Test("a name column that the plan lacks is an error naming both columns")
    func missingNameColumn() throws {
        do {
            _ = try fitted([column("email", ["last_name_column": "surname"], name: "mail", kind: .email)])
            Issue.record("a missing name column was accepted")
        } catch let error as PlanError {
            #expect(error.message.contains("'mail'") && error.message.contains("'surname'"))
        }
    }

    // MARK: Phone

    @Test("phones default to +1 numbers in the 555-01xx range kept for fiction")
    func defaultPhones() throws {
        let phones = try values("phone", rows: 300)
        for phone in phones {
            #expect(PersonalDataPattern.phone.matches(phone), "\(phone)")
            #expect(matches(#"\+1 [2-9]\d\d 555 01\d\d"#, phone), "\(phone)")
        }
    }

    @Test("phones take the real column's layouts and shares, never its numbers")
    func learnedPhones() throws {
        var random = RandomStream(seed: 99)
        var real: [String] = []
        for index in 0..<400 {
            let digits = (0..<10).map { _ in String(random.nextIndex(10)) }.joined()
            if index % 10 < 7 {
                real.append("(\(2 + random.nextIndex(8))\(digits.prefix(2))) \(digits.dropFirst(2).prefix(3))-\(digits.suffix(4))")
            } else {
                real.append("+44 20 \(digits.prefix(4)) \(digits.suffix(4))")
            }
        }
        let source = try Self.inline("tel\n" + real.map { "\"\($0)\"" }.joined(separator: "\n") + "\n")
        #expect(source[0].values.count == 400)
        let phones = try values("phone", kind: .phone, rows: 2000, source: source, name: "tel")
        let american = share(phones) { matches(#"\([2-9]\d\d\) 555-01\d\d"#, $0) }
        let british = share(phones) { matches(#"\+44 20 7946 0\d\d\d"#, $0) }
        #expect(american + british == 1)
        #expect(abs(american - 0.7) < 0.04, "\(american)")
        #expect(Set(phones).isDisjoint(with: real))
        #expect(phones.allSatisfy(PersonalDataPattern.phone.matches))
    }

    @Test("phone layouts: country codes and trunk zeros are kept, other digits become slots")
    func phoneLayouts() {
        #expect(PhoneLayout(of: "+1 (415) 555-0123") == PhoneLayout(template: "+1 (###) ###-####", countryCode: "1", trunk: false))
        #expect(PhoneLayout(of: "+4930123456") == PhoneLayout(template: "+49########", countryCode: "49", trunk: false))
        #expect(PhoneLayout(of: "+353 1 234 5678") == PhoneLayout(template: "+353 # ### ####", countryCode: "353", trunk: false))
        #expect(PhoneLayout(of: "020 7946 0958") == PhoneLayout(template: "0## #### ####", countryCode: nil, trunk: true))
        #expect(PhoneLayout(of: "2024-01-31") == nil)
    }

    // MARK: Places and companies

    @Test("addresses, cities, countries and companies")
    func placesAndCompanies() throws {
        for address in try values("street_address", rows: 300) {
            #expect(matches(#"\d{1,4} [A-Z][a-z]+ [A-Z][a-z]+(, (Apt|Unit|Suite|Flat) \d{1,2})?"#, address), "\(address)")
        }
        let cityNames = Set(Words.cities.map(\.name))
        let cities = try values("city", rows: 300)
        #expect(cities.allSatisfy(cityNames.contains))
        #expect(Set(cities).count > 150)
        let countries = try values("country", rows: 300)
        #expect(countries.allSatisfy(Set(Words.countries).contains))
        #expect(Words.cities.allSatisfy { Words.countries.contains($0.country) })
        let companies = try values("company", rows: 500)
        #expect(Set(companies).count > 480)
        #expect(companies.allSatisfy { !$0.isEmpty && !$0.hasSuffix(" ") })
    }

    // MARK: Web

    @Test("URLs are https addresses the URL pattern accepts")
    func urls() throws {
        let urls = try values("url", rows: 500)
        for url in urls {
            #expect(url.hasPrefix("https://"))
            #expect(PersonalDataPattern.url.matches(url), "\(url)")
        }
        #expect(Set(urls).count > 480)
    }

    @Test("IP addresses parse, every octet varies, and the IPv6 share is learned")
    func ipAddresses() throws {
        let v4 = try values("ipv4", rows: 2000)
        #expect(v4.allSatisfy { PersonalDataPattern.ip.matches($0) && !$0.contains(":") })
        let octets = v4.map { $0.split(separator: ".").map { Int($0)! } }
        for position in 0..<4 { #expect(Set(octets.map { $0[position] }).count > 150, "octet \(position)") }
        #expect(!octets.contains { $0[0] == 10 || $0[0] == 127 || $0[0] > 223 })

        let v6 = try values("ipv6", rows: 2000)
        #expect(v6.allSatisfy { PersonalDataPattern.ip.matches($0) && $0.contains(":") })
        #expect(v6.contains { $0.contains("::") })
        #expect(FakeWeb.canonicalIPv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]) == "2001:db8::1:0:0:1")
        #expect(FakeWeb.canonicalIPv6([0x2001, 0, 0, 0, 0, 0, 0, 0]) == "2001::")

        let mixed = try values("ip", rows: 2000)
        #expect(abs(share(mixed) { $0.contains(":") } - 0.2) < 0.03)
        let source = try Self.inline("addr\n" + (0..<100).map { $0 % 2 == 0 ? "192.0.2.\($0)" : "2001:db8::\($0)" }.joined(separator: "\n") + "\n")
        let learned = try values("ip", kind: .ip, rows: 2000, source: source, name: "addr")
        #expect(abs(share(learned) { $0.contains(":") } - 0.5) < 0.04)
    }

    // MARK: Identifiers and finance

    @Test("UUIDs are version 4 with the RFC variant")
    func uuids() throws {
        let uuids = try values("uuid", rows: 1000)
        for uuid in uuids {
            let characters = Array(uuid)
            #expect(PersonalDataPattern.uuid.matches(uuid))
            #expect(characters[14] == "4" && "89ab".contains(characters[19]), "\(uuid)")
        }
        #expect(Set(uuids).count == 1000)
    }

    /// The Luhn check, written independently of the strategy's.
    private func luhnValid(_ number: String) -> Bool {
        let digits = number.reversed().map { Int(String($0))! }
        let sum = digits.enumerated().reduce(0) { sum, pair in
            let doubled = pair.offset % 2 == 1 ? pair.element * 2 : pair.element
            return sum + (doubled > 9 ? doubled - 9 : doubled)
        }
        return sum % 10 == 0
    }

    @Test("card numbers pass the Luhn check with each brand's prefix and length")
    func creditCards() throws {
        let cards = try values("credit_card", rows: 1000)
        var brands: Set<String> = []
        for card in cards {
            #expect(luhnValid(card), "\(card)")
            let two = Int(card.prefix(2))!, four = Int(card.prefix(4))!
            if card.hasPrefix("4") && card.count == 16 {
                brands.insert("visa")
            } else if ((51...55).contains(two) || (2221...2720).contains(four)) && card.count == 16 {
                brands.insert("mastercard")
            } else if (two == 34 || two == 37) && card.count == 15 {
                brands.insert("amex")
            } else {
                Issue.record("\(card) is no known brand")
            }
        }
        #expect(brands == ["visa", "mastercard", "amex"])
        #expect(!luhnValid("4111111111111112"))
    }

    @Test("IBANs have their country's length and valid mod-97 check digits")
    func ibans() throws {
        // ISO 13616 registry lengths, written out here rather than read from the strategy.
        let lengths = ["AT": 20, "BE": 16, "CH": 21, "CZ": 24, "DE": 22, "DK": 18, "ES": 24, "FI": 18, "FR": 27, "GB": 22,
                       "GR": 27, "IE": 22, "IT": 27, "LU": 20, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "SE": 24]
        let ibans = try values("iban", rows: 1000)
        for iban in ibans {
            let country = String(iban.prefix(2))
            #expect(lengths[country] == iban.count, "\(iban)")
            #expect(iban.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) })
            let rearranged = iban.dropFirst(4) + iban.prefix(4)
            let remainder = rearranged.reduce(0) { remainder, character in
                let value = Int(String(character), radix: 36)!
                return (remainder * (value >= 10 ? 100 : 10) + value) % 97
            }
            #expect(remainder == 1, "\(iban)")
            if country == "BE" {
                let account = iban.dropFirst(4)
                let check = Int(account.prefix(10))! % 97
                #expect(Int(account.suffix(2))! == (check == 0 ? 97 : check), "\(iban)")
            }
        }
        #expect(Set(ibans.map { $0.prefix(2) }).count == lengths.count)
    }

    // MARK: Dates

    @Test("dates fall in the default, given or learned range, in the column's layout")
    func dates() throws {
        let added = try values("date", kind: .datetime, rows: 1000)
        #expect(added.allSatisfy { matches(#"\d{4}-\d{2}-\d{2}"#, $0) && $0 >= "2000-01-01" && $0 <= "2030-12-31" })
        #expect(Set(added.map { $0.prefix(4) }).count == 31)

        let given = try values("date", ["start": "2024-02-27", "end": "2024-03-01"], kind: .datetime, rows: 400)
        #expect(Set(given) == ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"])

        // A text column gets ISO dates as text.
        let asText = try values("date", ["start": "2024-01-01", "end": "2024-01-31"], kind: .text, rows: 100)
        #expect(asText.allSatisfy { $0.hasPrefix("2024-01-") && $0.count == 10 })

        // A real datetime column: its own range and layout, to the second.
        let source = try Datasets.table("inline-dates")
        let learned = try values("date", kind: .datetime, rows: 1000, source: source, name: "when")
        let format = DateTimeFormat.detect(learned[0])!
        let seconds = learned.map { format.parse($0)! }
        let real = (0..<source[0].count).compactMap { source[0].values.numericValue(at: $0) }
        #expect(seconds.min()! >= real.min()! && seconds.max()! <= real.max()!)
        #expect(seconds.contains { $0.truncatingRemainder(dividingBy: 86_400) != 0 })
        #expect(learned[0].count == "2024-01-01 00:00:00".count)
    }

    @Test("bad dates and date ranges name the parameter")
    func badDates() throws {
        for (parameters, bad) in [(["start": "2024-13-01"], "start"), (["end": "31/12/2024"], "end"),
                                  (["start": "2024-05-01", "end": "2024-04-30"], "end")] as [([String: ParameterValue], String)] {
            do {
                _ = try values("date", parameters, kind: .datetime, rows: 1)
                Issue.record("\(parameters) was accepted")
            } catch let error as ParameterError {
                #expect(error.parameter == bad && error.column == "x")
            }
        }
    }

    // MARK: Text

    @Test("text has about as many words as the real column's, and none of its sentences")
    func textLength() throws {
        // Word counts skewed to the right, 2 to 60 words, as in comments or reviews.
        var random = RandomStream(seed: 5)
        var real: [String] = []
        var counts: [Double] = []
        for _ in 0..<800 {
            let words = min(60, 2 + Int(random.nextExponential() * 12))
            counts.append(Double(words))
            real.append((0..<words).map { _ in ["alpha", "beta", "gamma", "delta", "omega"][random.nextIndex(5)] }.joined(separator: " "))
        }
        let source = try Self.inline("comment\n" + real.joined(separator: "\n") + "\n")
        let texts = try values("text", kind: .text, rows: 3000, source: source, name: "comment")
        let made = texts.map { Double($0.split(separator: " ").count) }
        func meanAndSpread(_ values: [Double]) -> (Double, Double) {
            let mean = values.reduce(0, +) / Double(values.count)
            return (mean, (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot())
        }
        let (realMean, realSpread) = meanAndSpread(counts)
        let (madeMean, madeSpread) = meanAndSpread(made)
        #expect(abs(madeMean / realMean - 1) < 0.08, "mean \(madeMean) vs \(realMean)")
        #expect(abs(madeSpread / realSpread - 1) < 0.15, "spread \(madeSpread) vs \(realSpread)")
        #expect(made.min()! >= 2 && made.max()! <= 60)
        #expect(Set(texts).isDisjoint(with: real))

        // Sentences of list words, capitalised and closed with a full stop.
        let vocabulary = Set((Words.textNouns + Words.textVerbs + Words.textAdjectives + Words.textAdverbs + Words.textPrepositions)
            + ["the", "a", "an", "this", "that", "every", "each", "one", "another", "our", "their", "its"])
        for text in texts.prefix(200) {
            #expect(text.first!.isUppercase)
            for word in text.split(separator: " ") {
                #expect(vocabulary.contains(word.lowercased().trimmingCharacters(in: ["."])), "\(word) in \(text)")
            }
        }
        var stream = RandomStream(seed: 1)
        for words in 1...30 { #expect(FakeText.sentence(words: words, &stream).split(separator: " ").count == words) }
    }

    // MARK: Contract

    @Test("every provider is deterministic per seed and differs across seeds", arguments: FakeProvider.allCases)
    func determinism(_ provider: FakeProvider) throws {
        let kind: ColumnKind = provider == .date ? .datetime : .text
        let first = try values(provider.rawValue, kind: kind, rows: 200)
        #expect(try values(provider.rawValue, kind: kind, rows: 200) == first)
        #expect(try values(provider.rawValue, kind: kind, rows: 200, seed: 8) != first)
        #expect(!first.contains("<null>"))
    }

    @Test("parameters for another provider, mixed name columns and wrong shapes are refused")
    func refusals() throws {
        for (provider, parameters, bad) in [("name", ["name_column": "n"], "name_column"), ("text", ["start": "2020-01-01"], "start"),
                                            ("email", ["name_column": "n", "last_name_column": "l"], "name_column")]
            as [(String, [String: ParameterValue], String)] {
            do {
                _ = try values(provider, parameters, rows: 1)
                Issue.record("\(provider) \(parameters) was accepted")
            } catch let error as ParameterError {
                #expect(error.parameter == bad)
            }
        }
        let dated = try Datasets.table("inline-dates")
        #expect(throws: PlanError.self) { _ = try values("name", kind: .datetime, rows: 1, source: dated, name: "when") }
        let numbers = try Datasets.table("penguins")
        do {
            _ = try values("uuid", kind: .identifier, rows: 1, source: numbers, name: "year")
            Issue.record("a numeric column was accepted")
        } catch let error as PlanError {
            #expect(error.message.contains("'year'") && error.message.contains("numbers"))
        }
    }

    @Test("exposure: none unless the real column's look was learned")
    func exposure() throws {
        let source = try Self.inline("tel\n" + (0..<30).map { "\"(212) 555-\(1000 + $0)\"" }.joined(separator: "\n") + "\n")
        let learned = try fitted([column("phone", name: "tel", kind: .phone)], on: source)
        #expect(learned.columns[0].model.exposure == .statistics)
        let unlearned = try fitted([column("phone", ["learn_from_source": false], name: "tel", kind: .phone)], on: source)
        #expect(unlearned.columns[0].model.exposure == .none)
        #expect(try fitted([column("company")]).columns[0].model.exposure == .none)
        #expect(FakeStrategy.descriptor.exposure == .statistics)
    }

    @Test("the planner sends name columns to fake names, and the plan runs")
    func planner() throws {
        let rows = (0..<60).map { "\(Words.firstNames[$0 * 3]) \(Words.lastNames[$0 * 5]),\($0)" }
        let table = try Self.inline("customer,n\n" + rows.joined(separator: "\n") + "\n")
        let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        #expect(kinds[0] == .name)
        let plan = DefaultPlanner.plan(for: table, kinds: kinds, seed: 3)
        #expect(plan.columns[0].strategy == "fake" && plan.columns[0].parameters["provider"] == "name")
        let sample = try FittedPlan.fit(plan, on: table).sample(rows: 50)
        let made = (0..<50).map { sample[0].text(at: $0)! }
        #expect(made.allSatisfy { PersonName.shape(of: $0) == .firstLast })
        #expect(Set(made).isDisjoint(with: rows.map { String($0.prefix { $0 != "," }) }))
    }
}
