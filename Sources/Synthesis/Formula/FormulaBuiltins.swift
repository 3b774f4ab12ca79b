import Tabular
import RealModule

/// Compiled function calls. Unless a function says otherwise, a null argument gives null;
/// `if`, `coalesce` and `concat` are the ones that look past nulls.
enum FormulaBuiltins {
    static func call(_ function: FormulaFunction, _ arguments: [CompiledNode]) -> CompiledNode {
        switch function {
        case .if: return choose(arguments)
        case .coalesce: return coalesce(arguments)
        case .min: return extremum(arguments, smallest: true)
        case .max: return extremum(arguments, smallest: false)
        case .round:
            guard arguments.count == 2 else { return number(arguments[0]) { round($0, digits: 0) } }
            return number(arguments[0], arguments[1]) { value, digits in round(value, digits: digits) }
        case .floor: return number(arguments[0]) { $0.rounded(.down) }
        case .ceil: return number(arguments[0]) { $0.rounded(.up) }
        case .abs: return number(arguments[0]) { $0.magnitude }
        case .sqrt: return number(arguments[0]) { $0 < 0 ? nil : $0.squareRoot() }
        case .exp: return number(arguments[0]) { finiteOrNull(Double.exp($0)) }
        case .log:
            guard arguments.count == 2 else { return number(arguments[0]) { $0 > 0 ? finiteOrNull(Double.log($0)) : nil } }
            return number(arguments[0], arguments[1]) { value, base in
                guard value > 0, base > 0, base != 1 else { return nil }
                return finiteOrNull(Double.log(value) / Double.log(base))
            }
        case .len: return text(arguments[0], to: Double.self) { Double($0.count) }
        case .upper: return text(arguments[0], to: String.self) { $0.uppercased() }
        case .lower: return text(arguments[0], to: String.self) { $0.lowercased() }
        case .concat:
            let parts = arguments.map(\.textFunction)
            return .text { row in parts.reduce(into: "") { text, part in text += part(row) ?? "" } }
        case .substr: return substring(arguments)
        case .str: return .text(arguments[0].textFunction)
        case .num: return number(from: arguments[0])
        case .year: return datetimePart(.year, arguments)
        case .month: return datetimePart(.month, arguments)
        case .day: return datetimePart(.day, arguments)
        case .hour: return datetimePart(.hour, arguments)
        case .minute: return datetimePart(.minute, arguments)
        case .weekday: return datetimePart(.weekday, arguments)
        case .dayOfYear: return datetimePart(.dayOfYear, arguments)
        case .fractionalYear: return datetimePart(.fractionalYear, arguments)
        case .yearFraction: return datetimePart(.yearFraction, arguments)
        case .clockAdd:
            let midnight = arguments.count == 3 ? Int(arguments[2].function(Double.self)(0) ?? 0) : 0
            return number(arguments[0], arguments[1]) { clock, minutes in
                guard let start = ClockTime.minutes(clock) else { return nil }
                return ClockTime.hhmm(minutes: start + minutes, midnight: midnight == 2400 ? 2400 : 0)
            }
        case .date:
            let (year, month, day) = (arguments[0].function(Double.self), arguments[1].function(Double.self), arguments[2].function(Double.self))
            return .number { row in
                guard let y = year(row), let m = month(row), let d = day(row) else { return nil }
                return FormulaCalendar.date(year: y, month: m, day: d)
            }
        case .daysBetween: return number(arguments[0], arguments[1], FormulaCalendar.daysBetween)
        case .addDays: return number(arguments[0], arguments[1], FormulaCalendar.addDays)
        }
    }

    // MARK: Helpers

    /// A part of a datetime on the wall clock of the zone named by the second argument (a text
    /// constant, checked by the type checker), or UTC: the definition rule checks use too.
    private static func datetimePart(_ part: DataRule.DatetimePart, _ arguments: [CompiledNode]) -> CompiledNode {
        var named = TimeZoneRules.utc
        if arguments.count == 2 {
            guard case .constant(.text(let name)) = arguments[1], let rules = try? TimeZoneRules.named(name) else { return .constant(.null) }
            named = rules
        }
        let zone = named
        return number(arguments[0]) { DatetimeParts.value(part, of: $0, in: zone) }
    }

    private static func number(_ argument: CompiledNode, _ body: @escaping @Sendable (Double) -> Double?) -> CompiledNode {
        let value = argument.function(Double.self)
        return .number { row in value(row).flatMap(body) }
    }

    private static func number(_ first: CompiledNode, _ second: CompiledNode, _ body: @escaping @Sendable (Double, Double) -> Double?) -> CompiledNode {
        let a = first.function(Double.self), b = second.function(Double.self)
        return .number { row in
            guard let x = a(row), let y = b(row) else { return nil }
            return body(x, y)
        }
    }

    private static func text<T: FormulaScalar>(_ argument: CompiledNode, to _: T.Type, _ body: @escaping @Sendable (String) -> T) -> CompiledNode {
        let value = argument.function(String.self)
        return T.node { row in value(row).map(body) }
    }

    /// Half away from zero, as `FittedColumn`'s rounding and spreadsheets do. Digits are
    /// truncated to a whole number and held to ±300 (beyond that rounding changes nothing).
    static func round(_ value: Double, digits: Double) -> Double? {
        let places = Int(max(-300, min(300, digits.rounded(.towardZero))))
        if places >= 0 {
            let scale = NumberScale.powerOfTen(places)
            let scaled = value * scale
            // Too large to have digits that far right: already rounded.
            guard scaled.isFinite else { return value }
            return scaled.rounded() / scale
        }
        let scale = NumberScale.powerOfTen(-places)
        return finiteOrNull((value / scale).rounded() * scale)
    }

    private static func choose(_ arguments: [CompiledNode]) -> CompiledNode {
        let condition = arguments[0].function(Bool.self)
        func make<T: FormulaScalar>(_: T.Type) -> CompiledNode {
            let then = arguments[1].function(T.self), otherwise = arguments[2].function(T.self)
            return T.node { row in condition(row) == true ? then(row) : otherwise(row) }
        }
        return typed(shared(arguments.dropFirst()), number: make(Double.self), text: make(String.self), boolean: make(Bool.self))
    }

    private static func coalesce(_ arguments: [CompiledNode]) -> CompiledNode {
        func make<T: FormulaScalar>(_: T.Type) -> CompiledNode {
            let candidates = arguments.filter { !$0.isNullConstant }.map { $0.function(T.self) }
            return T.node { row in
                for candidate in candidates { if let value = candidate(row) { return value } }
                return nil
            }
        }
        return typed(shared(arguments[...]), number: make(Double.self), text: make(String.self), boolean: make(Bool.self))
    }

    private static func extremum(_ arguments: [CompiledNode], smallest: Bool) -> CompiledNode {
        if arguments.contains(where: \.isNullConstant) { return .constant(.null) }
        func make<T: FormulaScalar & Comparable>(_: T.Type) -> CompiledNode {
            let values = arguments.map { $0.function(T.self) }
            return T.node { row in
                guard var best = values[0](row) else { return nil }
                for value in values.dropFirst() {
                    guard let next = value(row) else { return nil }
                    if smallest ? next < best : next > best { best = next }
                }
                return best
            }
        }
        switch shared(arguments[...]) {
        case .number: return make(Double.self)
        case .text: return make(String.self)
        default: return .constant(.null)
        }
    }

    /// `length` characters from 1-based `start`, as SQL's SUBSTRING: positions before 1 count
    /// towards the length (substr("abc", 0, 2) is "a"); a negative length is null.
    private static func substring(_ arguments: [CompiledNode]) -> CompiledNode {
        let text = arguments[0].function(String.self), start = arguments[1].function(Double.self)
        let length = arguments.count == 3 ? arguments[2].function(Double.self) : nil
        return .text { row in
            guard let text = text(row), let startValue = start(row), startValue.magnitude < 1e15 else { return nil }
            let first = Int(startValue.rounded(.towardZero))
            var last = Int.max // exclusive, 1-based
            if let length {
                guard let count = length(row), count >= 0, count.magnitude < 1e15 else { return nil }
                last = first + Int(count.rounded(.towardZero))
            }
            let characters = Array(text)
            let lower = max(first, 1) - 1, upper = min(last - 1, characters.count)
            return lower < upper ? String(characters[lower..<upper]) : ""
        }
    }

    private static func number(from argument: CompiledNode) -> CompiledNode {
        switch argument.type {
        case .number: return argument
        case .boolean:
            let flag = argument.function(Bool.self)
            return .number { row in flag(row).map { $0 ? 1 : 0 } }
        case .text:
            let text = argument.function(String.self)
            return .number { row in text(row).flatMap(parseNumber) }
        default: return .constant(.null)
        }
    }

    /// Decimal text with an optional sign and exponent, surrounding spaces allowed; not the
    /// hexadecimal, `nan` or `inf` forms that `Double.init` also reads.
    static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmed(of: " \t\n\r")
        guard !trimmed.isEmpty, trimmed.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
        return Double(trimmed).flatMap(finiteOrNull)
    }

    /// The type the value arguments share after type checking (null when all are null).
    private static func shared(_ arguments: ArraySlice<CompiledNode>) -> FormulaType {
        arguments.reduce(FormulaType.null) { FormulaType.unify($0, $1.type) ?? $0 }
    }

    private static func typed(_ type: FormulaType, number: @autoclosure () -> CompiledNode, text: @autoclosure () -> CompiledNode,
                              boolean: @autoclosure () -> CompiledNode) -> CompiledNode {
        switch type {
        case .number: number()
        case .text: text()
        case .boolean: boolean()
        default: .constant(.null)
        }
    }
}

extension String {
    /// Without Foundation: trims the given characters from both ends.
    fileprivate func trimmed(of set: String) -> Substring {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return slice
    }
}
