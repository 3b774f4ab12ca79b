import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12, end to end: hostile input is refused with exit status 2 and a message, and numbers
/// at the edges of Double come out faithfully.
@Suite("Hostile input, end to end")
struct HostileInputCLITests {
    private func write(_ text: String, named name: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a FIFO, /dev/zero and an empty path are refused at once, exit 2")
    func nonRegularSources() throws {
        let fifo = DoppelProcess.temporaryDirectory().appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let hint = "not a regular file (to read a stream, give - and send it to standard input)"
        for (arguments, message) in [
            (["inspect", fifo], "\(fifo): is a FIFO, \(hint)"),
            (["sample", "/dev/zero"], "/dev/zero: is a character device, \(hint)"),
            (["inspect", ""], "'': empty path (give a file name, or - for standard input)"),
        ] {
            let outcome = try DoppelProcess.run(arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.stderr == "doppel: error: \(message)\n")
            #expect(outcome.stdout.isEmpty)
        }
    }

    @Test("a formula nested 6,000 deep in a plan is bad input, not a crash")
    func deepFormula() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let data = try write("a\n1\n2\n", named: "data.csv", in: directory)
        let expression = String(repeating: "(", count: 6000) + "a" + String(repeating: ")", count: 6000)
        let plan = try write("seed: 1\ncolumns:\n- name: a\n  kind: integer\n  strategy: keep\n- name: b\n  kind: decimal\n  strategy: formula\n  parameters:\n    expression: '\(expression)'\n",
                             named: "plan.yaml", in: directory)
        let outcome = try DoppelProcess.run(["sample", data, "--plan", plan])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("formula nests deeper than 256 levels at 257"), "\(outcome.stderr.prefix(300))")
    }

    private static let edges = """
        x,tiny,big
        -1.7976931348623157e308,4.9406564584124654e-324,1e309
        1.7976931348623157e308,1e-320,2
        -1.5e308,2.5e-322,3
        1.5e308,4.9406564584124654e-324,-1e309
        0,1e-320,5
        1e308,2.5e-322,6

        """

    @Test("±1.8e308 and subnormals are generated faithfully by uniform, histogram, parametric and kde; 1e309 stays text",
          arguments: ["uniform", "histogram", "parametric", "kde"])
    func numbersAtTheEdges(_ strategy: String) throws {
        let directory = DoppelProcess.temporaryDirectory()
        let data = try write(Self.edges, named: "edges.csv", in: directory)
        let plan = try write("""
            seed: 1
            columns:
            - name: x
              kind: decimal
              strategy: \(strategy)
            - name: tiny
              kind: decimal
              strategy: \(strategy)
            - name: big
              kind: categorical
              strategy: categorical

            """, named: "plan.yaml", in: directory)
        let outcome = try DoppelProcess.run(["sample", data, "--plan", plan, "--rows", "500"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let rows = outcome.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 500)
        let x = rows.compactMap { Double($0[0]) }
        let tiny = rows.compactMap { Double($0[1]) }
        #expect(x.count == 500 && tiny.count == 500, "empty values")
        #expect(x.allSatisfy(\.isFinite) && Set(x).count > 50, "\(strategy): \(Set(x).count) distinct x")
        #expect(x.contains { $0 < -1e307 } && x.contains { $0 > 1e307 })
        #expect(tiny.allSatisfy { $0 > 0 && $0 <= 1e-320 } && Set(tiny).count > 1, "\(strategy): tiny \(Set(tiny).sorted().prefix(5))")
        #expect(Set(rows.map { String($0[2]) }).isSubset(of: ["1e309", "-1e309", "2", "3", "5", "6"]))
    }
}
