import Yams

/// The keys a session file may have, as a tree, and the check that finds any other key with the
/// line it is on. YAMLDecoder ignores unknown keys; a typo must not be silently ignored.
indirect enum SessionKeys: Sendable {
    /// Any value (parameters, a fitted model).
    case any
    /// A mapping with exactly these keys allowed.
    case mapping([String: SessionKeys])
    /// A sequence whose items follow the spec.
    case sequence(SessionKeys)
    /// A mapping with free keys (column names, metric names) whose values follow the spec.
    case dictionary(SessionKeys)

    static let session: SessionKeys = .mapping([
        "format": .any, "doppel_version": .any,
        "source": .mapping([
            "path": .any, "rows": .any, "sha256": .any,
            "read": .mapping(["delimiter": .any, "header": .any, "null_tokens": .any, "ragged": .any]),
            "columns": .sequence(.mapping(["name": .any, "kind": .any])),
        ]),
        "plan": .mapping([
            "columns": .sequence(.mapping(["name": .any, "kind": .any, "strategy": .any, "parameters": .any, "real_values": .any])),
            "joint": .sequence(.mapping(["name": .any, "model": .any, "columns": .any, "parameters": .any, "member_parameters": .dictionary(.any)])),
            "constraints": .sequence(.mapping(["type": .any, "column": .any, "columns": .any, "min": .any, "max": .any, "formula": .any, "enforce": .any])),
        ]),
        "run": .mapping([
            "seed": .any, "rows": .any, "output": .any, "format": .any,
            "conditions": .mapping(["where": .dictionary(.any), "rebalance": .mapping(["column": .any, "proportions": .dictionary(.any)])]),
        ]),
        "require": .mapping(["min": .dictionary(.any), "max": .dictionary(.any)]),
        "model": .mapping([
            "columns": .dictionary(.mapping([
                "strategy": .any, "real_values": .any, "fitted": .any,
                "options": .mapping([
                    "kind": .any, "shape": .any, "null_rate": .any, "edge_rate": .any, "edge_numbers": .any,
                    "clip_min": .any, "clip_max": .any, "round_digits": .any,
                ]),
            ])),
            "joint": .dictionary(.mapping(["model": .any, "columns": .any, "real_values": .any, "fitted": .any])),
            "constraints": .sequence(.mapping(["plan": .any, "combinations": .any])),
        ]),
        "view": .mapping(["cursor_column": .any, "panel": .any]),
    ])

    /// The first key that the spec does not allow: its path (e.g. `plan.columns[2].stratgy`) and line.
    func firstUnknownKey(in node: Node, path: String = "") -> (path: String, line: Int?, allowed: [String])? {
        switch (self, node) {
        case (.any, _):
            return nil
        case (.mapping(let allowed), .mapping(let mapping)):
            for (key, value) in mapping {
                let name = key.string ?? "?"
                let keyPath = path.isEmpty ? name : "\(path).\(name)"
                guard let spec = allowed[name] else { return (keyPath, key.mark?.line, allowed.keys.sorted()) }
                if let found = spec.firstUnknownKey(in: value, path: keyPath) { return found }
            }
            return nil
        case (.dictionary(let spec), .mapping(let mapping)):
            for (key, value) in mapping {
                let keyPath = path.isEmpty ? (key.string ?? "?") : "\(path).\(key.string ?? "?")"
                if let found = spec.firstUnknownKey(in: value, path: keyPath) { return found }
            }
            return nil
        case (.sequence(let spec), .sequence(let sequence)):
            for (index, item) in sequence.enumerated() {
                if let found = spec.firstUnknownKey(in: item, path: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            // A wrong shape (a list where a mapping belongs) is reported by the decoder, with its path.
            return nil
        }
    }

    /// The line of the node at `path` (segments: keys and indices), for errors found after decoding.
    static func line(of path: [String], in node: Node) -> Int? {
        var current = node
        var line = node.mark?.line
        for segment in path {
            switch current {
            case .mapping(let mapping):
                guard let (key, value) = mapping.first(where: { $0.key.string == segment }) else { return line }
                line = key.mark?.line
                current = value
            case .sequence(let sequence):
                guard let index = Int(segment), index < sequence.count else { return line }
                current = sequence[index]
                line = current.mark?.line
            default:
                return line
            }
        }
        return line
    }
}
