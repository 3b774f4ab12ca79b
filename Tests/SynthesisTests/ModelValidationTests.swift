import Foundation
import Testing
@testable import Synthesis
import Tabular

/// A fitted model's JSON as a tree, with every place a hostile edit could go: each number (set
/// to -1, 2, a huge number, UInt32.max), each array (emptied, one element dropped), each
/// lower/upper pair (swapped). Long arrays are mutated at their ends and middle only, so a run
/// stays fast.
enum ModelCorruption {
    enum Key: CustomStringConvertible {
        case key(String)
        case index(Int)

        var description: String {
            switch self {
            case .key(let key): key
            case .index(let index): String(index)
            }
        }
    }

    struct Mutation: CustomStringConvertible {
        var path: [Key]
        var change: String
        var apply: (Any) -> Any

        var description: String { path.map(\.description).joined(separator: ".") + ": " + change }
    }

    static func tree(_ data: Data) throws -> Any {
        try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    static func data(_ tree: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: tree, options: [.fragmentsAllowed])
    }

    /// Every mutation of the tree.
    static func mutations(of root: Any) -> [Mutation] {
        var result: [Mutation] = []
        func visit(_ value: Any, _ path: [Key]) {
            if let object = value as? [String: Any] {
                if let lower = object["lower"], let upper = object["upper"] {
                    result.append(Mutation(path: path, change: "lower and upper swapped") { node in
                        var node = node as! [String: Any]
                        node["lower"] = upper
                        node["upper"] = lower
                        return node
                    })
                }
                for key in object.keys.sorted() { visit(object[key]!, path + [.key(key)]) }
            } else if let array = value as? [Any] {
                if !array.isEmpty {
                    result.append(Mutation(path: path, change: "emptied") { _ in [Any]() })
                    result.append(Mutation(path: path, change: "last element dropped") { node in Array((node as! [Any]).dropLast()) })
                }
                let picked = array.count <= 4 ? Array(array.indices) : [0, array.count / 2, array.count - 1]
                for index in picked { visit(array[index], path + [.index(index)]) }
            } else if value is NSNumber {
                for replacement: Double in [-1, 2, 1e18, 4_294_967_295] {
                    result.append(Mutation(path: path, change: "set to \(replacement)") { _ in NSNumber(value: replacement) })
                }
            }
        }
        visit(root, [])
        return result
    }

    /// The tree with `mutation` applied at its path.
    static func applying(_ mutation: Mutation, to root: Any) -> Any {
        func rebuild(_ node: Any, _ rest: ArraySlice<Key>) -> Any {
            guard let first = rest.first else { return mutation.apply(node) }
            switch first {
            case .key(let key):
                var object = node as! [String: Any]
                object[key] = rebuild(object[key]!, rest.dropFirst())
                return object
            case .index(let index):
                var array = node as! [Any]
                array[index] = rebuild(array[index], rest.dropFirst())
                return array
            }
        }
        return rebuild(root, mutation.path[...])
    }

    /// Sets the value at `path` (keys and indices as text).
    static func setting(_ path: [String], to newValue: Any, in root: Any) -> Any {
        guard let first = path.first else { return newValue }
        if var array = root as? [Any], let index = Int(first) {
            array[index] = setting(Array(path.dropFirst()), to: newValue, in: array[index])
            return array
        }
        var object = root as! [String: Any]
        object[first] = setting(Array(path.dropFirst()), to: newValue, in: object[first] as Any)
        return object
    }

    static func value(at path: [String], in root: Any) -> Any? {
        var node: Any? = root
        for key in path {
            if let array = node as? [Any], let index = Int(key) { node = array.indices.contains(index) ? array[index] : nil } else { node = (node as? [String: Any])?[key] }
        }
        return node
    }
}

/// A fitted model of every strategy and every joint model validates; copies corrupted in every
/// field are refused by decoding or by `validate()`, or still sample without trouble.
@Suite("Fitted models are validated")
struct ModelValidationTests {
    /// What happened to one corrupted copy.
    enum Outcome: Equatable { case notDecoded, refused, sampled }

    private static func smallTable(_ name: String) throws -> Table {
        let table = try Datasets.table(name)
        return table.slice(0..<min(table.rowCount, 200))
    }

    @Test("a fitted model validates, and a corrupted one is refused or samples safely", arguments: StrategyExample.all)
    func columnModels(_ example: StrategyExample) throws {
        let table = try Self.smallTable(example.dataset)
        let plan = Plan(seed: 42, columns: example.companions + [ColumnPlan(name: example.column, kind: example.kind, strategy: example.strategy, parameters: example.parameters)])
        let fitted = try FittedPlan.fit(plan, on: table)
        let index = example.companions.count // the example's column, after the columns it reads
        guard fitted.columns.count > index else { return } // drop: nothing is generated
        let column = fitted.columns[index]
        try column.model.validate()
        try column.validate()
        let root = try ModelCorruption.tree(try ModelCoding.encode(column.model, packed: false))
        var outcomes: [Outcome: Int] = [:]
        for mutation in ModelCorruption.mutations(of: root) {
            let outcome = try Self.outcome(of: mutation, root: root) { data in
                let model = try ModelCoding.decode(strategy: example.strategy, from: data)
                return ({ try model.validate() }, {
                    var copy = fitted
                    copy.columns[index].model = model
                    _ = try copy.sample(rows: 100)
                })
            }
            outcomes[outcome, default: 0] += 1
        }
        // Strategies that store something were actually put to the test.
        if !["constant", "formula", "pattern", "drop", "fake"].contains(example.strategy) {
            #expect(outcomes[.refused, default: 0] > 0, "\(example.strategy): \(outcomes)")
        }
    }

    @Test("a fitted joint model validates, and a corrupted one is refused or samples safely", arguments: JointRegistry.allIDs)
    func jointModels(_ id: String) throws {
        let (plan, table) = try Self.jointPlan(id)
        let fitted = try FittedPlan.fit(plan, on: table)
        let model = fitted.joints[0].model
        try model.validate()
        let root = try ModelCorruption.tree(try ModelCoding.encode(model, packed: false))
        var outcomes: [Outcome: Int] = [:]
        for mutation in ModelCorruption.mutations(of: root) {
            let outcome = try Self.outcome(of: mutation, root: root) { data in
                let model = try ModelCoding.decodeJoint(strategy: id, from: data)
                return ({
                    try model.validate()
                    // The session loader also refuses a model over other columns than its group's.
                    if model.columnNames != fitted.joints[0].model.columnNames {
                        throw ModelValidationError(path: [], message: "other columns")
                    }
                }, {
                    var copy = fitted
                    copy.joints[0].model = model
                    _ = try copy.sample(rows: 100)
                })
            }
            outcomes[outcome, default: 0] += 1
        }
        #expect(outcomes[.refused, default: 0] > 0, "\(id): \(outcomes)")
        #expect(outcomes[.refused, default: 0] + outcomes[.notDecoded, default: 0] > 10, "\(id): \(outcomes)")
    }

    /// The penguins plan with one joint group over a few columns (categories and numbers with
    /// nulls), fitted on a slice of the rows.
    static func jointPlan(_ id: String) throws -> (Plan, Table) {
        var (plan, table) = try JointPlans.penguins(model: id)
        table = table.slice(0..<120)
        plan.joint[0].columns = ["species", "island", "bill_length_mm", "flipper_length_mm", "sex"]
        return (plan, table)
    }

    /// Decodes the mutated model, validates it, and samples it when it passes.
    private static func outcome(of mutation: ModelCorruption.Mutation, root: Any,
                                _ load: (Data) throws -> (validate: () throws -> Void, sample: () throws -> Void)) throws -> Outcome {
        let data = try ModelCorruption.data(ModelCorruption.applying(mutation, to: root))
        let loaded: (validate: () throws -> Void, sample: () throws -> Void)
        do {
            loaded = try load(data)
        } catch {
            return .notDecoded
        }
        do {
            try loaded.validate()
        } catch is ModelValidationError {
            return .refused
        }
        do {
            try loaded.sample()
        } catch {
            Issue.record("\(mutation): passed validation, then sampling failed: \(error)")
        }
        return .sampled
    }

    // MARK: - Known defects: these must be refused by validate()

    /// The fitted CART of the joint plan as a JSON tree, with the position of a member whose
    /// conditional is a regression tree with a split.
    private func cartTree() throws -> (root: Any, member: Int) {
        let (plan, table) = try Self.jointPlan("cart")
        let model = try FittedPlan.fit(plan, on: table).joints[0].model
        let root = try ModelCorruption.tree(try ModelCoding.encode(model, packed: false))
        let members = ModelCorruption.value(at: ["members"], in: root) as! [Any]
        for index in members.indices {
            let tree = ["members", String(index), "conditional", "tree", "_0"]
            guard let features = ModelCorruption.value(at: tree + ["feature"], in: root) as? [Int], features.count > 1,
                  let values = ModelCorruption.value(at: tree + ["values"], in: root) as? [Any], !values.isEmpty else { continue }
            return (root, index)
        }
        Issue.record("no member of the fitted cart has a regression tree with a split")
        throw CancellationError()
    }

    private func refusal(_ id: String, _ root: Any) throws -> ModelValidationError? {
        let model = try ModelCoding.decodeJoint(strategy: id, from: try ModelCorruption.data(root))
        do {
            try model.validate()
            return nil
        } catch let error as ModelValidationError {
            return error
        }
    }

    @Test("cart: a leaf pool index past the values, a child out of range, a child pointing to itself")
    func cartDefects() throws {
        let (root, member) = try cartTree()
        let tree = ["members", String(member), "conditional", "tree", "_0"]
        let values = (ModelCorruption.value(at: tree + ["values"], in: root) as! [Any]).count
        let nodes = (ModelCorruption.value(at: tree + ["feature"], in: root) as! [Any]).count

        let pool = try refusal("cart", ModelCorruption.setting(tree + ["pool", "0"], to: values, in: root))
        #expect(pool?.path == tree + ["pool", "0"])
        #expect(pool?.message.contains("out of range") == true)

        let outside = try refusal("cart", ModelCorruption.setting(tree + ["child", "0"], to: nodes + 100, in: root))
        #expect(outside?.path == tree + ["child", "0"])
        #expect(outside?.message.contains("the tree has \(nodes) nodes") == true)

        let loop = try refusal("cart", ModelCorruption.setting(tree + ["child", "0"], to: 0, in: root))
        #expect(loop?.path == tree + ["child", "0"])

        let missingLeaf = try refusal("cart", ModelCorruption.setting(tree + ["leafStart", "1"], to: 0, in: root))
        #expect(missingLeaf != nil)
    }

    private func categorical(levels: [String], probabilities: [Double]) -> CategoricalStrategy.Model {
        CategoricalStrategy.Model(levels: levels, probabilities: probabilities)
    }

    @Test("categorical: more probabilities than levels, no levels, probabilities that are no probabilities")
    func categoricalDefects() {
        #expect(throws: ModelValidationError.self) { try categorical(levels: ["a"], probabilities: [0.5, 0.5]).validate() }
        #expect(throws: ModelValidationError.self) { try categorical(levels: [], probabilities: []).validate() }
        #expect(throws: ModelValidationError.self) { try categorical(levels: ["a", "b"], probabilities: [.nan, 1]).validate() }
        #expect(throws: ModelValidationError.self) { try categorical(levels: ["a", "b"], probabilities: [-1, 2]).validate() }
        #expect(throws: ModelValidationError.self) { try categorical(levels: ["a", "b"], probabilities: [0.5, 0.6]).validate() }
        #expect(throws: Never.self) { try categorical(levels: ["a", "b"], probabilities: [0.25, 0.75]).validate() }
        let error = #expect(throws: ModelValidationError.self) { try categorical(levels: ["a"], probabilities: [0.5, 0.5]).validate() }
        #expect(error?.path == ["probabilities"])
    }

    @Test("ranges: min above max, non-finite ends; empirical and kde with nothing to draw")
    func rangeDefects() {
        #expect(throws: ModelValidationError.self) { try UniformStrategy.Model(lower: 2, upper: 1).validate() }
        #expect(throws: ModelValidationError.self) { try UniformStrategy.Model(lower: 0, upper: .infinity).validate() }
        #expect(throws: ModelValidationError.self) { try EmpiricalStrategy.Model(numbers: [], levels: [], weights: nil).validate() }
        #expect(throws: ModelValidationError.self) {
            try EmpiricalStrategy.Model(numbers: [], levels: [], weights: WeightedIndex(weights: [1])).validate()
        }
        #expect(throws: ModelValidationError.self) { try KDEStrategy.Model(points: [], bandwidth: 1, resolution: nil).validate() }
        #expect(throws: ModelValidationError.self) { try KDEStrategy.Model(points: [1], bandwidth: .nan, resolution: nil).validate() }
        #expect(throws: ModelValidationError.self) {
            try SequenceStrategy.Model(start: 1, step: 1, prefix: "", width: 1 << 40, asText: true).validate()
        }
    }

    @Test("bayesian_network: negative weights and tables that do not fit their parents are refused")
    func bayesianNetworkDefects() throws {
        let (plan, table) = try Self.jointPlan("bayesian_network")
        let model = try FittedPlan.fit(plan, on: table).joints[0].model
        let root = try ModelCorruption.tree(try ModelCoding.encode(model, packed: false))
        let tables = ModelCorruption.value(at: ["network"], in: root) as! [[String: Any]]
        // Negative weight in the first table.
        let first = ModelCorruption.value(at: ["network", "0", "weights"], in: root) as! [Any]
        #expect(!first.isEmpty)
        let negative = ModelCorruption.setting(["network", "0", "weights", "0"], to: -1, in: root)
        #expect(throws: (any Error).self) { try ModelCoding.decodeJoint(strategy: "bayesian_network", from: try ModelCorruption.data(negative)).validate() }
        // The last table's parents repeated: its weights no longer fit the configurations.
        var huge = root
        let last = tables.count - 1
        huge = ModelCorruption.setting(["network", String(last), "parents"], to: Array(0..<last) + Array(0..<last), in: huge)
        #expect(throws: (any Error).self) { try ModelCoding.decodeJoint(strategy: "bayesian_network", from: try ModelCorruption.data(huge)).validate() }
    }

    @Test("the error names the field inside an embedded marginal")
    func embeddedMarginalPath() throws {
        let (root, _) = try cartTree()
        // The first member is drawn from its own strategy, kept as an embedded marginal.
        let marginal = ["members", "0", "conditional", "marginal", "_0"]
        guard ModelCorruption.value(at: marginal, in: root) != nil else { return }
        let error = try refusal("cart", ModelCorruption.setting(marginal + ["edge_rate"], to: 2, in: root))
        #expect(error?.path == marginal + ["edge_rate"])
    }
}

@Suite("packed number arrays")
struct PackedArrayTests {
    struct Holder: Codable, Equatable {
        @Packed var doubles: [Double]
        @Packed var ints: [Int32]
        @Packed var flags: [Bool]
        @PackedIfPresent var codes: [UInt32]?
    }

    @Test("bits survive exactly; plain arrays are read; bad packed text is refused")
    func roundTrip() throws {
        let value = Holder(doubles: [0.1, -0.0, .infinity, 5e-324, .nan], ints: [-1, 0, .max], flags: [true, false], codes: nil)
        let data = try JSONEncoder().encode(value)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("codes"))
        let back = try JSONDecoder().decode(Holder.self, from: data)
        #expect(back.doubles.map(\.bitPattern) == value.doubles.map(\.bitPattern))
        #expect(back.ints == value.ints && back.flags == value.flags && back.codes == nil)
        let plain = try JSONDecoder().decode(Holder.self, from: Data(#"{"doubles":[1.5],"ints":[2],"flags":[true],"codes":[7]}"#.utf8))
        #expect(plain.doubles == [1.5] && plain.ints == [2] && plain.codes == [7])
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(Holder.self, from: Data(#"{"doubles":"AAAA","ints":[],"flags":[]}"#.utf8)) }
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(Holder.self, from: Data(#"{"doubles":"not base64!","ints":[],"flags":[]}"#.utf8)) }
    }
}
