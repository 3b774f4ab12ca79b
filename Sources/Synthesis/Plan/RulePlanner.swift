import Tabular

/// Puts the rules found in the data (`RuleDiscovery`) into a plan, enforced by transformation
/// wherever one exists:
/// - a derivation makes its column a `formula` (arithmetic, datetime parts, clock sums) or a
///   `lookup` (functional dependency) computed from the generated columns, which leaves any
///   joint model; its inputs stay modelled;
/// - an order becomes `less_equal` / `less`, swapped when both columns are modelled and of one
///   kind, else kept by rejection;
/// - a null implication becomes `null_implies`, which blanks the implied value.
/// Each is marked `discovered: true` with its support, so that a reader sees where it came from
/// and can delete it.
public enum RulePlanner {
    public static func apply(_ rules: [DataRule], to plan: Plan, table: Table) -> Plan {
        var result = plan
        var derived = Set<String>()
        // Columns some derivation reads: swapping their values would break it.
        var read = Set<String>()
        let derivedByRules = Set(rules.compactMap(\.derivedColumn))
        for rule in rules {
            guard var target = rule.derivedColumn, rule.columns.allSatisfy({ name in result.outputColumns.contains { $0.name == name } }) else { continue }
            var replacement: ColumnPlan?
            if let reversed = reversedDependency(rule, plan: result, derivedByRules: derivedByRules) {
                replacement = reversed
                target = reversed.name
            } else if let column = result.column(named: target), canReplace(column) {
                replacement = derivation(rule, column: column, plan: result, table: table)
            }
            guard let replacement, let index = result.columns.firstIndex(where: { $0.name == target }) else { continue }
            result.columns[index] = replacement
            derived.insert(target)
            read.formUnion(rule.columns.filter { $0 != target })
            if case .functionalDependency(let determinants, _) = rule.form, determinants.count > 1 {
                // Only real keys reach the lookup.
                let combination = ConstraintPlan(type: .fixedCombinations, columns: determinants, discovered: true, support: rule.support)
                if !result.constraints.contains(where: { $0.type == .fixedCombinations && $0.columns == determinants }) {
                    result.constraints.append(combination)
                }
            }
        }
        // Derived columns leave the joint groups; groups left with one column end.
        for index in result.joint.indices {
            result.joint[index].columns.removeAll { derived.contains($0) }
        }
        result.joint.removeAll { $0.columns.count < 2 }

        for rule in rules {
            switch rule.form {
            case .order(let smaller, let larger, let strict):
                guard let first = result.column(named: smaller), let second = result.column(named: larger),
                      result.outputColumns.contains(first), result.outputColumns.contains(second) else { continue }
                // An order compares numbers or datetimes: a column planned as categories (decades
                // 20, 30, … inferred categorical) cannot take part, whatever its values look like.
                let ordered: Set<ColumnKind> = [.integer, .decimal, .datetime]
                guard ordered.contains(first.kind), ordered.contains(second.kind) else { continue }
                let swappable = first.kind == second.kind && !derived.contains(smaller) && !derived.contains(larger)
                    && !read.contains(smaller) && !read.contains(larger)
                result.constraints.append(ConstraintPlan(type: strict ? .less : .lessEqual, columns: [smaller, larger],
                                                         enforce: swappable ? .swap : .reject, discovered: true, support: rule.support))
            default:
                continue
            }
        }
        let implications = rules.compactMap { rule -> (String, String, Double)? in
            guard case .nullImplication(let source, let target) = rule.form,
                  [source, target].allSatisfy({ name in result.outputColumns.contains { $0.name == name } }) else { return nil }
            return (source, target, rule.support)
        }
        for (source, target, support) in sourcesFirst(implications) {
            result.constraints.append(ConstraintPlan(type: .nullImplies, columns: [source, target], discovered: true, support: support))
        }
        return result
    }

    /// Strategies a derivation may replace: models of the data, not a person's choice of fake
    /// values, kept columns or keys.
    static func canReplace(_ column: ColumnPlan) -> Bool {
        guard let strategy = StrategyRegistry.strategy(id: column.strategy) else { return false }
        return strategy.descriptor.family == .statistical
    }

    /// Strategies whose values are real values of the column (so a lookup finds them).
    static let drawsRealValues: Set<String> = [
        CategoricalStrategy.descriptor.id, EmpiricalStrategy.descriptor.id, BooleanStrategy.descriptor.id,
        ConstantStrategy.descriptor.id, KeepStrategy.descriptor.id, ShuffleStrategy.descriptor.id,
        LookupStrategy.descriptor.id,
    ]

    static func derivation(_ rule: DataRule, column: ColumnPlan, plan: Plan, table: Table) -> ColumnPlan? {
        func formula(_ expression: String) -> ColumnPlan {
            ColumnPlan(name: column.name, kind: column.kind, strategy: FormulaStrategy.descriptor.id,
                       parameters: Parameters(["expression": .text(expression)]), discovered: true, support: rule.support)
        }
        let digits = fractionDigits(of: column.name, in: table)
        func rounded(_ expression: String) -> String {
            digits.map { "round(\(expression), \($0))" } ?? expression
        }
        switch rule.form {
        case .linear(_, let terms):
            var text = ""
            for (index, term) in terms.enumerated() {
                let magnitude = abs(term.coefficient)
                text += term.coefficient < 0 ? (index == 0 ? "-" : " - ") : (index == 0 ? "" : " + ")
                text += magnitude == 1 ? reference(term.column) : "\(number(magnitude)) * \(reference(term.column))"
            }
            let whole = terms.allSatisfy { $0.coefficient == $0.coefficient.rounded() }
            return formula(whole && digits == nil ? text : rounded(text))
        case .ratio(_, let numerator, let denominator):
            return formula(rounded("\(reference(numerator)) / \(reference(denominator))"))
        case .datetimePart(_, let source, let part, let zone):
            let zoneArgument = zone == "UTC" ? "" : ", \"\(zone)\""
            switch part {
            case .weekdayFromZero: return formula("weekday(\(reference(source))\(zoneArgument)) - 1")
            case .fractionalYear, .yearFraction: return formula(rounded("\(part.rawValue)(\(reference(source))\(zoneArgument))"))
            default: return formula("\(part.rawValue)(\(reference(source))\(zoneArgument))")
            }
        case .clockSum(_, let clock, let minutes, let midnight):
            return formula("clock_add(\(reference(clock)), \(reference(minutes))\(midnight == 2400 ? ", 2400" : ""))")
        case .functionalDependency(let determinants, _):
            // A key made up fresh (codes, fakes) would never be found.
            for name in determinants {
                guard let key = plan.column(named: name) else { return nil }
                let numeric = key.kind == .integer || key.kind == .decimal
                let modelled = StrategyRegistry.strategy(id: key.strategy)?.descriptor.family == .statistical
                guard drawsRealValues.contains(key.strategy) || (numeric && modelled && determinants.count == 1) else { return nil }
            }
            return ColumnPlan(name: column.name, kind: column.kind, strategy: LookupStrategy.descriptor.id,
                              parameters: Parameters(["keys": .list(determinants.map { .text($0) })]), discovered: true, support: rule.support)
        case .order, .nullImplication:
            return nil
        }
    }

    /// A dependency whose determinant has too many levels to model (a code such as a tail
    /// number, which joint models leave out) is kept the other way round: the dependent stays
    /// modelled and the determinant is drawn among the real levels that go with it.
    static func reversedDependency(_ rule: DataRule, plan: Plan, derivedByRules: Set<String>) -> ColumnPlan? {
        guard case .functionalDependency(let determinants, let dependent) = rule.form, determinants.count == 1,
              let key = plan.column(named: determinants[0]), let value = plan.column(named: dependent),
              [.code, .text].contains(key.kind), key.strategy == CategoricalStrategy.descriptor.id,
              !derivedByRules.contains(key.name), canReplace(value) else { return nil }
        var parameters = Parameters(["given": .list([.text(dependent)])])
        if let threshold = key.parameters["rare_threshold"]?.number, key.parameters["rare_action"]?.text == "drop" {
            parameters["rare_threshold"] = .number(threshold)
        }
        return ColumnPlan(name: key.name, kind: key.kind, strategy: GivenCategoricalStrategy.descriptor.id,
                          parameters: parameters, discovered: true, support: rule.support)
    }

    /// Digits after the point of a decimal column (nil for whole numbers).
    static func fractionDigits(of name: String, in table: Table) -> Int? {
        guard case .decimals(_, let style)? = table.column(named: name)?.values, style.maxFractionDigits > 0 else { return nil }
        return style.maxFractionDigits
    }

    /// A column as a formula names it: bare when it reads as a name, else in backquotes.
    static func reference(_ name: String) -> String {
        let bare = name.first.map { $0.isLetter || $0 == "_" } == true
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && FormulaFunction(name: name) == nil && !["and", "or", "not", "true", "false", "null"].contains(name.lowercased())
        return bare ? name : "`" + name.reduce(into: "") { $0 += $1 == "`" ? "``" : String($1) } + "`"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// Null implications with each source blanked before it is read as another's source.
    static func sourcesFirst(_ implications: [(String, String, Double)]) -> [(String, String, Double)] {
        var depth: [String: Int] = [:]
        for _ in 0..<implications.count {
            var changed = false
            for (source, target, _) in implications where (depth[source] ?? 0) + 1 > (depth[target] ?? 0) && (depth[source] ?? 0) < implications.count {
                depth[target] = (depth[source] ?? 0) + 1
                changed = true
            }
            if !changed { break }
        }
        return implications.enumerated().sorted { a, b in
            let (x, y) = (depth[a.element.0] ?? 0, depth[b.element.0] ?? 0)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }
}
