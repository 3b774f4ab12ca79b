import Testing
@testable import Workbench

@Suite struct WorkbenchSmokeTests {
    @Test func moduleLinks() { _ = Workbench.self }
}
