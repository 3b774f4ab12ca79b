import Testing
@testable import Fidelity
import Tabular

@Suite("Fidelity data")
struct FidelityDataTests {
    @Test("columns are matched by name; ids, text and personal data are left out")
    func columnSelection() throws {
        let real = try CSVReader.read(.bytes(Array("id,email,size,colour\n1,a@example.com,1.5,red\n2,b@example.com,2.5,blue\n".utf8), name: "r.csv")).table
        let synthetic = try CSVReader.read(.bytes(Array("size,colour,extra\n1.0,red,x\n".utf8), name: "s.csv")).table
        let data = FidelityData(real: real, synthetic: synthetic, kinds: ["id": .identifier, "email": .email, "size": .decimal, "colour": .categorical])
        #expect(data.columns == ["size", "colour"])
        #expect(data.missingFromSynthetic == ["id", "email"])
        #expect(data.extraInSynthetic == ["extra"])
    }
}
