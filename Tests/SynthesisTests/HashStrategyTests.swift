import Foundation
import TestSupport
import Testing
@testable import Synthesis
import Tabular

/// A key file for the hash tests and the conformance example (whose fits see no environment),
/// written once per test process. It ends with a newline, which the loader trims.
enum HashTestKey {
    static let key = "doppel-test-key"
    static let path: String = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("doppel-hash-test-key-\(ProcessInfo.processInfo.processIdentifier).txt")
        try! Data((key + "\n").utf8).write(to: url)
        TemporaryFolders.track(url.path)
        return url.path
    }()
}

@Suite("hash strategy")
struct HashStrategyTests {
    /// Names with repeats and a null (the empty cell).
    private static let names = try! Datasets.inline("id,n\nalice,101\nbob,102\nalice,101\n,\ncarol,103\nbob,102\n")

    private func fit(_ parameters: Parameters = Parameters(), environment: [String: String] = ["DOPPEL_HASH_KEY": "Jefe"],
                     column: String = "id", kind: ColumnKind = .identifier, table: Table = HashStrategyTests.names) throws -> FittedPlan {
        let plan = Plan(seed: 1, columns: [ColumnPlan(name: column, kind: kind, strategy: "hash", parameters: parameters)])
        return try FittedPlan.fit(plan, on: table, environment: environment)
    }

    private func pseudonyms(_ parameters: Parameters = Parameters(), environment: [String: String] = ["DOPPEL_HASH_KEY": "Jefe"]) throws -> [String?] {
        Fixture.texts(try fit(parameters, environment: environment).sample(rows: 6)[0])
    }

    private func fitError(_ parameters: Parameters = Parameters(), environment: [String: String] = [:]) -> String? {
        do {
            _ = try fit(parameters, environment: environment)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("HMAC-SHA256 matches RFC 4231 test cases 1 and 2")
    func hmacVectors() {
        let jefe = Pseudonymizer(key: PseudonymKey(bytes: Array("Jefe".utf8)))
        #expect(jefe.hex("what do ya want for nothing?", length: 64, prefix: "")
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let elevens = Pseudonymizer(key: PseudonymKey(bytes: [UInt8](repeating: 0x0B, count: 20)))
        #expect(elevens.hex("Hi There", length: 64, prefix: "")
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test("same value, same pseudonym: the HMAC of the value's text, truncated")
    func sameInputSameOutput() throws {
        let values = try pseudonyms()
        // HMAC-SHA256(key "Jefe", "alice") and ("bob"), first 16 hex digits (Python's hmac).
        #expect(values == ["c826fd00e6fe4b67", "a533821c1f949273", "c826fd00e6fe4b67", nil, values[4], "a533821c1f949273"])
        #expect(Set(values.compactMap { $0 }).count == 3)
        #expect(try pseudonyms() == values)
        let prefixed = try pseudonyms(Parameters(["prefix": "user-", "length": 8]))
        #expect(prefixed[0] == "user-c826fd00")
        #expect(try pseudonyms(Parameters(["length": 64]))[0]?.count == 64)
    }

    @Test("another key, other pseudonyms, and the key check tells the keys apart")
    func differentKey() throws {
        let first = try pseudonyms()
        let second = try pseudonyms(environment: ["DOPPEL_HASH_KEY": "Jeff"])
        for row in [0, 1, 2, 4, 5] { #expect(first[row] != second[row]) }
        let model = try fit(environment: ["DOPPEL_HASH_KEY": "Jefe"]).columns[0].model as! HashStrategy.Model
        let check = try #require(model.keyCheck)
        #expect(try check.matches(PseudonymKey(bytes: Array("Jefe".utf8))))
        #expect(try !check.matches(PseudonymKey(bytes: Array("Jeff".utf8))))
    }

    @Test("the key comes from the environment variable or from a file")
    func keySources() throws {
        let fromEnvironment = try pseudonyms(environment: ["DOPPEL_HASH_KEY": HashTestKey.key])
        // The file ends with a newline: trimmed, it is the same key.
        let fromFile = try pseudonyms(Parameters(["key_file": .text(HashTestKey.path)]), environment: [:])
        #expect(fromFile == fromEnvironment)
        let otherVariable = try pseudonyms(Parameters(["key_env": "MY_KEY"]), environment: ["MY_KEY": HashTestKey.key, "DOPPEL_HASH_KEY": "other"])
        #expect(otherVariable == fromEnvironment)
        // A file given wins over the variable.
        let both = try pseudonyms(Parameters(["key_file": .text(HashTestKey.path)]), environment: ["DOPPEL_HASH_KEY": "other"])
        #expect(both == fromEnvironment)
    }

    @Test("a missing key is an error naming the column and where the key was looked for")
    func missingKey() throws {
        #expect(fitError() == "column 'id': strategy 'hash' needs a secret key, but the environment variable DOPPEL_HASH_KEY is not set (set it, or give key_file)")
        #expect(fitError(environment: ["DOPPEL_HASH_KEY": ""]) == "column 'id': strategy 'hash' needs a secret key, but the environment variable DOPPEL_HASH_KEY is empty")
        #expect(fitError(Parameters(["key_env": ""])) == "column 'id': strategy 'hash' needs a secret key, but neither key_env nor key_file is set")
        let missing = "/nonexistent/doppel-key-\(ProcessInfo.processInfo.processIdentifier)"
        #expect(fitError(Parameters(["key_file": .text(missing)])) == "column 'id': strategy 'hash' needs a secret key, but the key file '\(missing)' does not exist")
        let directory = FileManager.default.temporaryDirectory.path
        #expect(fitError(Parameters(["key_file": .text(directory)])) == "column 'id': strategy 'hash' needs a secret key, but the key file '\(directory)' is a directory")
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("doppel-empty-key-\(ProcessInfo.processInfo.processIdentifier)")
        try Data("\n".utf8).write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(fitError(Parameters(["key_file": .text(empty.path)])) == "column 'id': strategy 'hash' needs a secret key, but the key file '\(empty.path)' is empty")
    }

    @Test("the key check is salted and slow; the model holds neither key nor real values")
    func keyCheckAndExposure() throws {
        let plan = try fit(environment: ["DOPPEL_HASH_KEY": "Jefe"])
        let model = plan.columns[0].model as! HashStrategy.Model
        let check = try #require(model.keyCheck)
        #expect(check.algorithm == "pbkdf2-hmac-sha256")
        #expect(check.rounds >= 100_000)
        #expect(check.salt.count == 32 && check.derived.count == 64)
        // The salt comes from the model's own pseudonyms: a refit writes the same check (two fits
        // of a session give the same bytes), another key or data another salt, so no table of
        // precomputed guesses carries over.
        let again = try #require((try fit(environment: ["DOPPEL_HASH_KEY": "Jefe"]).columns[0].model as! HashStrategy.Model).keyCheck)
        #expect(again == check)
        let other = try #require((try fit(environment: ["DOPPEL_HASH_KEY": "Jefe2"]).columns[0].model as! HashStrategy.Model).keyCheck)
        #expect(other.salt != check.salt && other.derived != check.derived)
        #expect(model.exposure == .none)
        let json = String(decoding: try ModelCoding.encode(model), as: UTF8.self)
        for secret in ["Jefe", "alice", "bob", "carol"] { #expect(!json.contains(secret), "\(secret) in \(json)") }
        // The old unsalted fingerprint, SHA-256("doppel-key-fingerprint:Jefe") cut to 16 digits, is gone.
        #expect(!json.contains("51c4c13aefc0d3bd") && !json.contains("keyFingerprint"))
        // A check edited to be cheap is refused.
        var cheap = check
        cheap.rounds = 1
        #expect(throws: PlanError.self) { try cheap.matches(PseudonymKey(bytes: Array("Jefe".utf8))) }
    }

    @Test("a model written with the old fingerprint still decodes and samples; the fingerprint is dropped")
    func oldModelDecodes() throws {
        let plan = try fit(environment: ["DOPPEL_HASH_KEY": "Jefe"])
        let model = plan.columns[0].model as! HashStrategy.Model
        var object = try #require(try JSONSerialization.jsonObject(with: Data(try ModelCoding.encode(model))) as? [String: Any])
        object.removeValue(forKey: "keyCheck")
        object["keyFingerprint"] = "51c4c13aefc0d3bd"
        let old = try JSONSerialization.data(withJSONObject: object)
        let decoded = try #require(try ModelCoding.decode(strategy: "hash", from: old) as? HashStrategy.Model)
        #expect(decoded.keyCheck == nil)
        #expect(decoded.pseudonyms == model.pseudonyms)
        #expect(!String(decoding: try ModelCoding.encode(decoded), as: UTF8.self).contains("51c4c13aefc0d3bd"))
    }

    @Test("nulls stay nulls, row for row")
    func nullsPreserved() throws {
        let source = try Datasets.table("penguins").column(named: "sex")!
        #expect(source.nullCount > 0)
        let plan = try fit(Parameters(["key_file": .text(HashTestKey.path)]), column: "sex", kind: .categorical, table: try Datasets.table("penguins"))
        let output = try plan.sample()[0]
        #expect(output.count == source.count)
        for row in 0..<source.count { #expect(output.isNull(row) == source.isNull(row)) }
        // Two real values, two pseudonyms.
        #expect(Set(Fixture.texts(output).compactMap { $0 }).count == 2)
    }

    @Test("a column stored as numbers gets whole-number pseudonyms")
    func numericColumns() throws {
        let plan = try fit(column: "n", kind: .integer)
        let numbers = Fixture.texts(try plan.sample()[0])
        // HMAC-SHA256("Jefe", "101"): first 8 bytes as a big-endian integer, mod 10^15 (Python).
        #expect(numbers[0] == "375818651077646")
        #expect(numbers[2] == numbers[0])
        #expect(numbers[3] == nil)
        // HMAC-SHA256("Jefe", "102"), mod 10^8.
        #expect(Fixture.texts(try fit(Parameters(["length": 8]), column: "n", kind: .integer).sample()[0])[1] == "55148991")
        #expect(throws: ParameterError.self) { _ = try fit(Parameters(["prefix": "n-"]), column: "n", kind: .integer) }
    }

    @Test("more rows than the source needs cycle: true")
    func cycleRule() throws {
        let plan = try fit()
        do {
            _ = try plan.sample(rows: 7)
            Issue.record("7 rows from 6 without cycle")
        } catch let error as PlanError {
            #expect(error.message == "column 'id': strategy 'hash' has 6 real rows but 7 were asked for; set cycle: true to repeat them")
        }
        let cycled = Fixture.texts(try fit(Parameters(["cycle": true])).sample(rows: 13)[0])
        #expect(cycled[6] == cycled[0] && cycled[12] == cycled[0] && cycled[9] == nil)
    }

    @Test("length is checked against 8 ... 64")
    func lengthRange() throws {
        for bad: ParameterValue in [7, 65, 12.5] {
            #expect(throws: ParameterError.self) { _ = try fit(Parameters(["length": bad])) }
        }
    }
}
