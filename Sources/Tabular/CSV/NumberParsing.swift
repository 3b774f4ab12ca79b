#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a field's text is as a number.
enum ParsedNumber: Equatable {
    /// A whole number; `trailingZeroDigits` counts the zeros of a `517.0`-style spelling.
    case integer(Int64, trailingZeroDigits: Int)
    case decimal(Double, fractionDigits: Int)
    case notNumber
}

/// Parses numbers straight from bytes. Hand-written because Foundation and `Double(String)`
/// need a `String` per field, which costs more than the parse itself on a large file.
///
/// Accepted: `-?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][+-]?[0-9]+)?` and `-?\.[0-9]+...`. Leading zeros
/// (`007`, zip codes), a leading `+`, spaces, integers beyond Int64, and literals beyond Double's
/// range (`1e309`, `1e-400`) are not numbers: reading them as such would change the text on the
/// way out.
enum NumberParser {
    /// Exact powers of ten: every one up to 1e22 is representable, which makes the fast path exact.
    static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedNumber {
        let count = bytes.count
        guard count > 0 else { return .notNumber }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < count else { return .notNumber }

        // Integer part.
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var droppedIntegerDigits = 0
        let integerStart = index
        while index < count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            if digit > 9 { break }
            if significantDigits < 19 {
                if mantissa != 0 || digit != 0 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significantDigits += 1
                }
            } else {
                droppedIntegerDigits += 1
            }
            index += 1
        }
        let integerDigits = index - integerStart
        if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") { return .notNumber }

        // Fraction part.
        var fractionDigits = 0
        var fractionAllZero = true
        var hasPoint = false
        var droppedFractionDigits = 0
        if index < count && bytes[index] == UInt8(ascii: ".") {
            hasPoint = true
            index += 1
            while index < count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                if digit > 9 { break }
                if digit != 0 { fractionAllZero = false }
                if significantDigits < 19 {
                    if mantissa != 0 || digit != 0 {
                        mantissa = mantissa &* 10 &+ UInt64(digit)
                        significantDigits += 1
                    }
                    fractionDigits += 1
                } else {
                    droppedFractionDigits += 1
                }
                index += 1
            }
        }
        let totalFractionDigits = fractionDigits + droppedFractionDigits
        if integerDigits == 0 && totalFractionDigits == 0 { return .notNumber }

        // Exponent.
        var exponent = 0
        var hasExponent = false
        if index < count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            hasExponent = true
            index += 1
            var exponentNegative = false
            if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                if digit > 9 { break }
                if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
                index += 1
            }
            if index == exponentStart { return .notNumber }
            if exponentNegative { exponent = -exponent }
        }
        guard index == count else { return .notNumber }

        // Whole numbers: `42`, and `42.0` as data tools write integer columns with gaps.
        if !hasExponent && (!hasPoint || (fractionAllZero && totalFractionDigits > 0)) && integerDigits > 0 {
            guard droppedIntegerDigits == 0, integerDigits <= 19 else { return .notNumber }
            let integerValue = mantissa / power10Integer(fractionDigits)
            if negative {
                guard integerValue <= UInt64(Int64.max) + 1 else { return .notNumber }
                return .integer(integerValue == UInt64(Int64.max) + 1 ? Int64.min : -Int64(integerValue), trailingZeroDigits: totalFractionDigits)
            }
            guard integerValue <= UInt64(Int64.max) else { return .notNumber }
            return .integer(Int64(integerValue), trailingZeroDigits: totalFractionDigits)
        }

        // Digits after the point that the value needs: `1.5e-3` is 0.0015 (4), `4.9e-324` needs 325,
        // `6.02e23` none. This is the column's precision when it is rounded.
        let precision = hasExponent ? max(0, totalFractionDigits - exponent) : totalFractionDigits

        // Clinger's fast path: an exact mantissa times an exact power of ten rounds once, correctly.
        let decimalExponent = exponent + droppedIntegerDigits - fractionDigits
        if droppedIntegerDigits == 0 && droppedFractionDigits == 0 && mantissa <= (1 << 53)
            && decimalExponent >= -22 && decimalExponent <= 22 {
            var value = Double(mantissa)
            if decimalExponent < 0 {
                value /= exactPowersOfTen[-decimalExponent]
            } else {
                value *= exactPowersOfTen[decimalExponent]
            }
            return .decimal(negative ? -value : value, fractionDigits: precision)
        }
        // A literal beyond the largest Double (1e309) or below the smallest subnormal (1e-400)
        // has no faithful Double: it is not read as a number, so the column keeps it as text,
        // written back exactly as it came. (Infinity could not be generated, and 0 or the largest
        // Double would change the value.)
        let value = slowParse(bytes)
        guard value.isFinite, value != 0 || mantissa == 0 else { return .notNumber }
        return .decimal(value, fractionDigits: precision)
    }

    @inline(__always)
    private static func power10Integer(_ exponent: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<exponent { result &*= 10 }
        return result
    }

    /// The C library's correctly rounded conversion, for the rare numbers outside the fast path.
    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for index in 0..<bytes.count { buffer[index] = CChar(bitPattern: bytes[index]) }
            buffer[bytes.count] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }
}
