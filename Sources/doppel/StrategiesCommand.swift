import ArgumentParser
import Synthesis
import Tabular

struct StrategiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategies",
        abstract: "List the generation strategies, or show one strategy's parameters.",
        discussion: "Printed from the same parameter schemas that plan files are checked against."
    )

    @Argument(help: ArgumentHelp("A strategy id, to show its parameters.", valueName: "id"))
    var id: String?

    func run() throws {
        try failingWithStatus2 {
            guard let id else {
                try StandardOutput.write(Array(StrategyCatalog.list().utf8))
                return
            }
            if let joint = JointRegistry.strategy(id: id) {
                try StandardOutput.write(Array(StrategyCatalog.detail(joint.descriptor).utf8))
                return
            }
            guard let strategy = StrategyRegistry.strategy(id: id) else {
                throw BadInput("unknown strategy '\(id)'; known: " + (StrategyRegistry.ids + JointRegistry.allIDs).joined(separator: ", "))
            }
            try StandardOutput.write(Array(StrategyCatalog.detail(strategy.descriptor).utf8))
        }
    }
}

/// The text of `doppel strategies`.
enum StrategyCatalog {
    static func list() -> String {
        let families: [(StrategyFamily, String)] = [
            (.statistical, "Fitted to the real column"),
            (.synthetic, "Made up, no fitting"),
            (.partial, "Real values, transformed"),
            (.derived, "Computed from other columns"),
        ]
        var lines: [String] = []
        let width = StrategyRegistry.ids.map(\.count).max() ?? 0
        for (family, title) in families {
            lines.append(title + ":")
            for strategy in StrategyRegistry.all where strategy.descriptor.family == family {
                let descriptor = strategy.descriptor
                let marker = descriptor.exposure >= .values ? "  [keeps real values]" : ""
                lines.append("  " + descriptor.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + descriptor.help + marker)
            }
            lines.append("")
        }
        lines.append("Joint models (plan key joint:, over a group of columns; each member keeps its own strategy as its marginal):")
        let jointWidth = JointRegistry.allIDs.map(\.count).max() ?? 0
        for joint in JointRegistry.all {
            let descriptor = joint.descriptor
            let marker = descriptor.exposure >= .values ? "  [keeps real values]" : ""
            lines.append("  " + descriptor.id.padding(toLength: jointWidth + 2, withPad: " ", startingAt: 0) + descriptor.help + marker)
        }
        lines.append("")
        lines.append("doppel strategies ID shows a strategy's parameters.")
        return lines.joined(separator: "\n") + "\n"
    }

    static func detail(_ descriptor: JointDescriptor) -> String {
        var lines = ["\(descriptor.id): \(descriptor.help)", ""]
        lines.append("joint model over a group of columns (plan key joint:)")
        lines.append("kinds: " + descriptor.supportedKinds.map(\.rawValue).sorted().joined(separator: ", "))
        if descriptor.differentiallyPrivate {
            lines.append("keeps of the real data: only what passed a differential-privacy mechanism (levels through a noisy threshold, noisy counts); nothing of its members' own strategies (docs/PRIVACY.md)")
        } else {
            lines.append("keeps of the real data: \(descriptor.exposure.rawValue) (plus what each member's own strategy keeps)")
        }
        for (title, specs) in [("parameters", descriptor.parameters), ("member parameters (member_parameters: {COLUMN: {...}})", descriptor.memberParameters)] where !specs.isEmpty {
            lines.append("")
            lines.append(title + ":")
            for spec in specs {
                lines.append("  \(spec.name) (default \(spec.defaultValue.displayText)): \(spec.help)")
                lines.append("      \(spec.allowedDescription)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func detail(_ descriptor: StrategyDescriptor) -> String {
        var lines = ["\(descriptor.id): \(descriptor.help)", ""]
        lines.append("family: \(descriptor.family.rawValue)")
        lines.append("kinds: " + descriptor.supportedKinds.map(\.rawValue).sorted().joined(separator: ", "))
        lines.append("keeps of the real data: \(descriptor.exposure.rawValue)")
        lines.append("")
        lines.append("parameters:")
        for spec in descriptor.schema(for: .decimal(DecimalStyle())) {
            lines.append("  \(spec.name) (default \(spec.defaultValue.displayText)): \(spec.help)")
            lines.append("      \(spec.allowedDescription)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
