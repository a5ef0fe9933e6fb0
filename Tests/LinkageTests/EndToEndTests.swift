import Foundation
import Testing

@testable import Linkage

@Suite struct EndToEndTests {
    static let yaml = """
        mode: link                     # link (two inputs) | dedupe (one input)
        inputs:
          - { name: left,  path: a.csv, id: rec_id }
          - { name: right, path: b.csv, id: rec_id }
        blocking:
          - [surname]
          - [date_of_birth]
          - [postcode, prefix(given_name, 2)]
        comparisons:
          - { column: given_name, method: jaro_winkler, levels: [0.95, 0.88] }
          - { column: surname, method: jaro_winkler, levels: [0.95, 0.88], tf_adjust: true }
          - { column: date_of_birth, method: date, levels: [exact, transposed, 1_digit] }
          - { column: postcode, method: levenshtein, levels: [1, 3] }
          - { column: name, method: pinyin }
        threshold: 0.9                 # match probability
        output: { pairs: pairs.csv, clusters: clusters.csv }
        """

    /// Two files of 600 records, 450 people in both (the second copy noisy): precision and
    /// recall of the links against the truth.
    @Test func linkRecoversKnownTruth() throws {
        var generator = SyntheticPeople(seed: 11)
        var left = [[String]]()
        var right = [[String]]()
        var truth = Set<[String]>()
        for i in 0..<600 {
            let p = generator.person()
            left.append(SyntheticPeople.row("L\(i)", p))
            if i < 450 {
                right.append(SyntheticPeople.row("R\(i)", generator.noisy(p)))
                truth.insert(["L\(i)", "R\(i)"])
            } else {
                right.append(SyntheticPeople.row("R\(i)", generator.person()))
            }
        }
        let config = try LinkConfig(yaml: Self.yaml, file: "link.yaml")
        let a = try Table(name: "left", columnNames: SyntheticPeople.header, idColumn: "rec_id", rows: left)
        let b = try Table(name: "right", columnNames: SyntheticPeople.header, idColumn: "rec_id", rows: right)
        var settings = config.settings
        settings.uSampleSize = 50_000  // a debug build samples slowly; u is stable well before a million
        let result = try Linker(settings: settings, inputs: [a, b]).run()
        let found = Set(result.links.map { [result.id(of: Int($0.left)), result.id(of: Int($0.right))] })
        let truePositives = Double(found.intersection(truth).count)
        let precision = truePositives / Double(max(found.count, 1))
        let recall = truePositives / Double(truth.count)
        print("link fixture: precision \(precision), recall \(recall), \(found.count) links")
        #expect(precision >= 0.97, "precision \(precision)")
        #expect(recall >= 0.95, "recall \(recall)")
        // Every linked pair shares a cluster, and the waterfall adds up to the weight.
        for link in result.links.prefix(50) {
            #expect(result.clusterOf[Int(link.left)] == result.clusterOf[Int(link.right)])
            let e = result.explain(Int(link.left), Int(link.right))
            #expect(abs(e.matchWeight - link.weight) < 1e-6)
            #expect(e.terms.first?.name == "prior")
        }
        // m of an exact surname is high, u of an exact date of birth small.
        #expect(result.model.m[1][0] > 0.6)
        #expect(result.model.u[2][0] < 0.01)
        #expect(result.blockingReport.count == 3)
        #expect(result.blockingReport[0].pairs >= result.blockingReport[0].newPairs)
    }

    /// Dedupe with a deterministic first pass: an exact ID joins records whatever the names say.
    @Test func deterministicFirstPassAndGoldenRecord() throws {
        let rows = [
            ["1", "11010519491231002X", "王芳", "1949-12-31", "female"],
            ["2", "110105491231002", "王芳", "1949-12-31", "female"],
            ["3", "11010519491231002X", "汪芳", "", "female"],
            ["4", "370102198001011234", "李强", "1980-01-01", "male"],
            ["5", "", "李强", "1980-01-01", "male"],
        ]
        let table = try Table(
            name: "people", columnNames: ["id", "id_number", "name", "birth_date", "sex"], idColumn: "id", rows: rows)
        let settings = LinkageSettings(
            mode: .dedupe, blocking: [BlockingRule(columns: ["birth_date"])],
            comparisons: [
                try Comparison(column: "id_number", method: .idNumber),
                try Comparison(column: "name", method: .pinyin),
            ],
            deterministic: [
                BlockingRule(columns: ["id_number"]), BlockingRule(columns: ["name", "birth_date", "sex"]),
            ],
            uSampleSize: 1000)
        let result = try Linker(settings: settings, inputs: [table]).run()
        let c = result.clusterOf
        #expect(c[0] == c[2])
        #expect(c[3] == c[4])
        #expect(c[0] != c[3])
        let golden = result.goldenRecords()[Int(c[3])]
        let id = golden.fields.first { $0.column == "id_number" }
        #expect(id?.value == "370102198001011234")
        #expect(id?.recordID == "4")
        let e = result.explain(0, 2)
        #expect(e.deterministicRule == "[id_number]")
        #expect(e.matchProbability == 1)
    }
}

@Suite struct ConfigTests {
    @Test func readsTheIssueExample() throws {
        let config = try LinkConfig(yaml: EndToEndTests.yaml, file: "link.yaml")
        #expect(config.settings.mode == .link)
        #expect(config.inputs.map(\.name) == ["left", "right"])
        #expect(config.settings.blocking.count == 3)
        #expect(config.settings.comparisons.count == 5)
        #expect(config.settings.comparisons[1].termFrequencyAdjusted)
        #expect(config.settings.comparisons[2].levels == [.transposed, .oneDigit])
        #expect(config.settings.threshold == 0.9)
        #expect(config.output.pairs == "pairs.csv")
    }

    @Test func unknownKeyNamesFileLineAndKey() {
        let yaml = EndToEndTests.yaml.replacingFirst("threshold: 0.9", with: "treshold: 0.9")
        let error = #expect(throws: LinkageError(.unknownKey, "")) { try LinkConfig(yaml: yaml, file: "cfg.yaml") }
        #expect(error?.message.hasPrefix("cfg.yaml:15: key treshold: unknown key") == true, "\(error?.message ?? "")")
        let nested = EndToEndTests.yaml.replacingFirst("tf_adjust: true", with: "tf_ajust: true")
        let e2 = #expect(throws: LinkageError(.unknownKey, "")) { try LinkConfig(yaml: nested, file: "cfg.yaml") }
        #expect(e2?.message.contains("comparisons[1].tf_ajust") == true)
    }

    @Test func badLevelsAndMethods() {
        let yaml = EndToEndTests.yaml.replacingFirst("[exact, transposed, 1_digit]", with: "[exact, sideways]")
        let error = #expect(throws: LinkageError(.badLevel, "")) { try LinkConfig(yaml: yaml, file: "cfg.yaml") }
        #expect(error?.message.contains("comparisons[2].levels[1]") == true)
        #expect(error?.message.contains("\"sideways\" is not a level of date") == true)
        let order = EndToEndTests.yaml.replacingFirst("[0.95, 0.88] }", with: "[0.88, 0.95] }")
        #expect(throws: LinkageError(.badLevel, "")) { try LinkConfig(yaml: order, file: "cfg.yaml") }
        let method = EndToEndTests.yaml.replacingFirst("method: pinyin", with: "method: soundex")
        #expect(throws: LinkageError(.badConfig, "")) { try LinkConfig(yaml: method, file: "cfg.yaml") }
    }

    @Test func missingColumnIsNamed() throws {
        let config = try LinkConfig(yaml: EndToEndTests.yaml, file: "link.yaml")
        let a = try Table(name: "left", columnNames: SyntheticPeople.header, idColumn: "rec_id", rows: [])
        let b = try Table(name: "right", columnNames: ["rec_id", "surname"], idColumn: "rec_id", rows: [])
        let error = #expect(throws: LinkageError(.missingColumn, "")) {
            try Linker(settings: config.settings, inputs: [a, b])
        }
        #expect(error?.message.contains("input right: no column \"given_name\"") == true)
    }

    @Test func csvProblemsNameTheLine() {
        let bytes = Array("id,name\n1,a\n2,\"b\n".utf8)
        let error = #expect(throws: LinkageError(.badCSV, "")) {
            try Table(csv: bytes, file: "x.csv", name: "x", idColumn: "id")
        }
        #expect(error?.message.hasPrefix("x.csv:3:") == true)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

@Suite struct TermFrequencyTests {
    /// An exact match on a rare surname is stronger evidence than one on a common surname.
    @Test func rareValuesWeighMore() throws {
        var rows = [[String]]()
        for i in 0..<200 { rows.append(["\(i)", "wang", "19\(50 + i % 40)-01-0\(1 + i % 9)"]) }
        rows.append(["r1", "zhuge", "1960-05-05"])
        rows.append(["r2", "zhuge", "1960-05-05"])
        rows.append(["c1", "wang", "1961-06-06"])
        rows.append(["c2", "wang", "1961-06-06"])
        let table = try Table(name: "t", columnNames: ["id", "surname", "dob"], idColumn: "id", rows: rows)
        let settings = LinkageSettings(
            mode: .dedupe, blocking: [BlockingRule(columns: ["dob"])],
            comparisons: [
                try Comparison(column: "surname", method: .jaroWinkler, termFrequencyAdjusted: true),
                try Comparison(column: "dob", method: .date),
            ], uSampleSize: 5000)
        let result = try Linker(settings: settings, inputs: [table]).run()
        let rare = result.explain(200, 201)
        let common = result.explain(202, 203)
        let rareTF = rare.terms.first { $0.name == "tf surname" }?.weight ?? 0
        let commonTF = common.terms.first { $0.name == "tf surname" }?.weight ?? 0
        #expect(rareTF > 2)
        #expect(commonTF < 0.5)
        #expect(rare.matchWeight > common.matchWeight + 2)
    }
}
