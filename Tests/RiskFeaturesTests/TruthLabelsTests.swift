import FundWatchCore
import RiskFeatures
import Testing

@Suite("Truth labels")
struct TruthLabelsTests {
    @Test("fraud schemes are 1, noise schemes and unlisted persons 0")
    func labels() throws {
        let fraud = Town.id("1950-01-01", 1)
        let noise = Town.id("1950-01-01", 2)
        let csv = """
            id_number,scheme,rule_ids,first_period
            \(fraud.value),pension_after_death,pension_after_death,2025-02
            \(noise.value),noise_name_typo,,2025-01

            """
        let truth = try TruthLabels(csv: Array(csv.utf8), file: "truth.csv")
        #expect(truth.label(fraud) == 1)
        #expect(truth.label(noise) == 0)
        #expect(truth.label(Town.id("1950-01-01", 3)) == 0)
        #expect(truth.fraudScheme.count == 1)
    }

    @Test("a file that is not a truth.csv names the file, the line and what is missing")
    func badHeader() {
        let error = #expect(throws: TruthLabelsError.self) {
            try TruthLabels(csv: Array("id,label\n1,0\n".utf8), file: "t.csv")
        }
        #expect(error?.description.contains("t.csv:1") == true)
        #expect(error?.description.contains("id_number and scheme") == true)
    }

    @Test("an empty scheme is an error with its line")
    func emptyScheme() {
        let error = #expect(throws: TruthLabelsError.self) {
            try TruthLabels(csv: Array("id_number,scheme\n370102195001010011,\n".utf8), file: "t.csv")
        }
        #expect(error?.description.contains("t.csv:2") == true)
    }
}
