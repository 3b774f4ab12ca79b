import Glibc
import Synchronization

/// UTC offsets of a time zone: `UTC`, a fixed offset (`+05:30`, `-04:00`) or an IANA zone read
/// from the system's tzdata (TZif files under /usr/share/zoneinfo, or `$TZDIR`).
///
/// Hand-written rather than Foundation's `TimeZone` because it is asked once per row (337k
/// rows of flights for one rule) and Tabular stays free of Foundation: a lookup here is a
/// binary search over the zone's transitions. Times after the file's last transition keep its
/// last offset (the files Debian ships run to 2037); the footer's POSIX rule is not read.
public struct TimeZoneRules: Hashable, Sendable {
    /// As written: `UTC`, `+05:30` or `America/New_York`.
    public let identifier: String
    /// Transition instants (seconds since 1970, UTC), ascending.
    let transitions: [Int64]
    /// Offset in seconds in force from each transition on; `initialOffset` before the first.
    let offsets: [Int32]
    let initialOffset: Int32

    public static let utc = TimeZoneRules(identifier: "UTC", transitions: [], offsets: [], initialOffset: 0)

    /// The offset east of UTC, in seconds, in force at `seconds` (UTC).
    @inline(__always)
    public func offset(at seconds: Double) -> Double {
        guard !transitions.isEmpty, seconds.isFinite else { return Double(initialOffset) }
        let instant = Int64(max(-9.2e18, min(9.2e18, seconds.rounded(.down))))
        var low = 0, high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        return Double(low == 0 ? initialOffset : offsets[low - 1])
    }

    /// Local wall-clock seconds (as if UTC) for a UTC instant.
    @inline(__always)
    public func local(_ seconds: Double) -> Double { seconds + offset(at: seconds) }

    /// True when the zone is UTC itself.
    public var isUTC: Bool { transitions.isEmpty && initialOffset == 0 }

    // MARK: Loading

    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    private static let cache = Mutex<[String: TimeZoneRules]>([:])

    /// The zone named `identifier`, loaded once per process.
    public static func named(_ identifier: String) throws(LoadError) -> TimeZoneRules {
        if let known = cache.withLock({ $0[identifier] }) { return known }
        let rules = try load(identifier)
        cache.withLock { $0[identifier] = rules }
        return rules
    }

    /// A fixed offset such as `+05:30` or `-04:00`.
    public static func fixed(seconds: Int) -> TimeZoneRules {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds) / 60
        let text = "\(sign)\(pad(magnitude / 60)):\(pad(magnitude % 60))"
        return TimeZoneRules(identifier: seconds == 0 ? "UTC" : text, transitions: [], offsets: [], initialOffset: Int32(seconds))
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func load(_ identifier: String) throws(LoadError) -> TimeZoneRules {
        if identifier == "UTC" || identifier == "Z" { return .utc }
        if let fixed = parseFixed(identifier) { return fixed }
        // A zone name is letters, digits, `_`, `-`, `+` and `/` between parts; never `..`.
        let allowed = identifier.utf8.allSatisfy { byte in
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 95 || byte == 45 || byte == 43 || byte == 47
        }
        guard allowed, !identifier.isEmpty, identifier.count <= 64, !identifier.hasPrefix("/"),
              !identifier.split(separator: "/").contains(where: { $0.isEmpty || $0.hasPrefix(".") }) else {
            throw LoadError(description: "'\(identifier)' is not a time zone name (expected UTC, an offset such as +05:30, or an IANA name such as America/New_York)")
        }
        let directory = getenv("TZDIR").map { String(cString: $0) } ?? "/usr/share/zoneinfo"
        guard let bytes = readSmallFile(directory + "/" + identifier) else {
            throw LoadError(description: "time zone '\(identifier)' is not in the system's tzdata (\(directory)); install the tzdata package or use a fixed offset such as -05:00")
        }
        guard let rules = parseTZif(bytes, identifier: identifier) else {
            throw LoadError(description: "\(directory)/\(identifier) is not a TZif time zone file")
        }
        return rules
    }

    static func parseFixed(_ text: String) -> TimeZoneRules? {
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes[0] == 43 || bytes[0] == 45, bytes[3] == 58 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let hours = digits(1..<3), let minutes = digits(4..<6), hours <= 18, minutes < 60 else { return nil }
        let seconds = (hours * 3600 + minutes * 60) * (bytes[0] == 45 ? -1 : 1)
        return fixed(seconds: seconds)
    }

    private static func readSmallFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while result.count <= 1 << 20 {
            let read = fread(&buffer, 1, buffer.count, file)
            if read <= 0 { break }
            result.append(contentsOf: buffer[0..<read])
        }
        return result.count > 1 << 20 ? nil : result
    }

    /// RFC 8536: the version 1 block with 32-bit times, then (version 2 and later) a second
    /// header and block with 64-bit times, which is the one used when present.
    static func parseTZif(_ bytes: [UInt8], identifier: String) -> TimeZoneRules? {
        func be(_ offset: Int, _ width: Int) -> Int64? {
            guard offset >= 0, offset + width <= bytes.count else { return nil }
            var value: UInt64 = 0
            for index in 0..<width { value = value << 8 | UInt64(bytes[offset + index]) }
            if width == 4 { return Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: value))) }
            return Int64(bitPattern: value)
        }
        struct Header { var isut, isstd, leap, time, type, char: Int }
        func header(at offset: Int) -> Header? {
            guard offset + 44 <= bytes.count, bytes[offset..<offset + 4].elementsEqual("TZif".utf8) else { return nil }
            var counts: [Int] = []
            for index in 0..<6 {
                guard let count = be(offset + 20 + 4 * index, 4), count >= 0, count < 1 << 20 else { return nil }
                counts.append(Int(count))
            }
            return Header(isut: counts[0], isstd: counts[1], leap: counts[2], time: counts[3], type: counts[4], char: counts[5])
        }
        guard let first = header(at: 0) else { return nil }
        var start = 44, timeWidth = 4, counts = first
        if bytes[4] >= 50 { // '2' or later: skip the version 1 block
            let v1Size = first.time * 5 + first.type * 6 + first.char + first.leap * 8 + first.isstd + first.isut
            guard let second = header(at: 44 + v1Size) else { return nil }
            start = 44 + v1Size + 44
            timeWidth = 8
            counts = second
        }
        guard counts.type >= 1 else { return nil }
        var transitions: [Int64] = [], indices: [Int] = []
        for index in 0..<counts.time {
            guard let time = be(start + index * timeWidth, timeWidth) else { return nil }
            transitions.append(time)
        }
        let indexStart = start + counts.time * timeWidth
        for index in 0..<counts.time {
            guard indexStart + index < bytes.count else { return nil }
            indices.append(Int(bytes[indexStart + index]))
        }
        let typeStart = indexStart + counts.time
        var typeOffsets: [Int32] = []
        for index in 0..<counts.type {
            guard let offset = be(typeStart + index * 6, 4), abs(offset) < 26 * 3600 else { return nil }
            typeOffsets.append(Int32(offset))
        }
        guard indices.allSatisfy({ $0 < typeOffsets.count }), zip(transitions, transitions.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        return TimeZoneRules(identifier: identifier, transitions: transitions, offsets: indices.map { typeOffsets[$0] },
                             initialOffset: typeOffsets[0])
    }

    /// Zone names under the tzdata directory's regions, for discovery to try.
    public static func systemZoneNames() -> [String] {
        let directory = getenv("TZDIR").map { String(cString: $0) } ?? "/usr/share/zoneinfo"
        var names: [String] = []
        for region in ["America", "Europe", "Asia", "Australia", "Africa", "Pacific", "Atlantic", "Indian"] {
            names.append(contentsOf: listFiles(directory + "/" + region, prefix: region, depth: 2))
        }
        return names.sorted()
    }

    private static func listFiles(_ path: String, prefix: String, depth: Int) -> [String] {
        guard depth > 0, let handle = opendir(path) else { return [] }
        defer { closedir(handle) }
        var result: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            if entry.pointee.d_type == UInt8(DT_DIR) {
                result.append(contentsOf: listFiles(path + "/" + name, prefix: prefix + "/" + name, depth: depth - 1))
            } else {
                result.append(prefix + "/" + name)
            }
        }
        return result
    }
}
