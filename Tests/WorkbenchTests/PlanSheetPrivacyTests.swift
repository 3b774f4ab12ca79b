import Synthesis
import Tabular
import Testing
@testable import Workbench

/// Issue 17: the plan sheet says when a differentially private group sits beside columns that
/// read the data, and says nothing for plans without a private group.
@Suite struct PlanSheetPrivacyTests {
    static func plan(incomeStrategy: String, inGroup: Bool) -> Plan {
        var plan = Plan(seed: 1, columns: [
            ColumnPlan(name: "city", kind: .categorical, strategy: "categorical"),
            ColumnPlan(name: "income", kind: .decimal, strategy: incomeStrategy),
        ])
        plan.joint = [JointPlan(name: "private", model: "mst", columns: inGroup ? ["city", "income"] : ["city"])]
        return plan
    }

    @Test func aMixedPlanIsFlaggedOnThePlanSheet() {
        let mixed = PlanSummary.lines(Self.plan(incomeStrategy: "keep", inGroup: false)).map(\.text)
        #expect(mixed.contains("Differential privacy (docs/PRIVACY.md)"))
        #expect(mixed.contains { $0.contains("not differentially private as a whole") })
        #expect(mixed.contains("  income: keep reads the real column without noise"))
        let whole = PlanSummary.lines(Self.plan(incomeStrategy: "kde", inGroup: true)).map(\.text)
        #expect(!whole.contains("Differential privacy (docs/PRIVACY.md)"))
        var none = Self.plan(incomeStrategy: "keep", inGroup: false)
        none.joint = []
        #expect(!PlanSummary.lines(none).map(\.text).contains { $0.contains("Differential privacy") })
    }
}
