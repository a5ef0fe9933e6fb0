import Foundation
import Testing

@testable import Linkage

/// `fundwatch link` as a whole (LinkJob): files in, files out, progress for stderr, and errors
/// that name the file and what to change.
@Suite struct LinkJobTests {
    /// A fresh folder with `config.yaml` and `people.csv` (Latin names and street addresses).
    static func folder(yaml: String, csv: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linkjob-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try yaml.write(to: dir.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        try csv.write(to: dir.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    static let yaml = """
        mode: dedupe
        inputs:
          - { name: people, path: people.csv, id: rec_id }
        blocking:
          - [surname]
          - [postcode]
        comparisons:
          - { column: given_name, method: jaro_winkler, levels: [0.95, 0.88] }
          - { column: surname, method: jaro_winkler, levels: [0.95, 0.88] }
          - { column: address, method: levenshtein, levels: [2, 5] }
          - { column: postcode, method: exact }
        threshold: 0.9
        u_sample: 40000
        output: { pairs: pairs.csv, clusters: clusters.csv }
        """

    /// Records of people with English names and addresses; every third person twice, the copy
    /// with a typo in the name and an abbreviated street.
    static func people() -> (csv: String, truth: Set<[String]>) {
        let given = ["Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Charlotte", "James"]
        let surnames = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Taylor"]
        let streets = ["Maple Street", "Oak Avenue", "Cedar Road", "Pine Lane", "Elm Drive"]
        var lines = ["rec_id,given_name,surname,address,postcode"]
        var truth = Set<[String]>()
        var rng = SplitMix(seed: 3)
        for i in 0..<300 {
            let g = given[Int(rng.next() % 10)]
            let s = surnames[Int(rng.next() % 10)]
            let number = 1 + Int(rng.next() % 900)
            let street = streets[Int(rng.next() % 5)]
            let postcode = String(2000 + Int(rng.next() % 400))
            lines.append("p\(i),\(g),\(s),\(number) \(street),\(postcode)")
            if i % 3 == 0 {
                var typo = Array(g)
                typo.swapAt(1, 2)
                let short = street.replacingOccurrences(of: "Street", with: "St").replacingOccurrences(of: "Avenue", with: "Ave")
                lines.append("q\(i),\(String(typo)),\(s),\(number) \(short),\(postcode)")
                truth.insert(["p\(i)", "q\(i)"])
            }
        }
        return (lines.joined(separator: "\n") + "\n", truth)
    }

    @Test func latinNamesAndAddressesAreLinkedFileToFile() throws {
        let (csv, truth) = Self.people()
        let dir = try Self.folder(yaml: Self.yaml, csv: csv)
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = try LinkJob(configPath: dir.appendingPathComponent("config.yaml").path)
        let lines = Lines()
        let result = try job.run(progress: { lines.append($0) })
        try job.write(result, progress: { lines.append($0) })
        // Progress names each step: reading, blocking, the model, the outputs.
        #expect(lines.all.contains { $0.hasPrefix("read 400 records from people.csv") })
        #expect(lines.all.contains { $0.contains("candidate pairs from 2 rules") })
        #expect(lines.all.contains { $0.hasPrefix("model address:") })
        #expect(lines.all.contains { $0.hasSuffix("pairs.csv") })

        let written = try String(contentsOf: dir.appendingPathComponent("pairs.csv"), encoding: .utf8)
        var rows = written.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(rows.removeFirst() == ["left_id", "right_id", "match_probability", "match_weight"])
        let found = Set(rows.map { [$0[0], $0[1]].sorted() })
        let correct = Double(found.intersection(truth).count)
        #expect(correct / Double(max(found.count, 1)) >= 0.95, "precision \(correct)/\(found.count)")
        #expect(correct / Double(truth.count) >= 0.9, "recall \(correct)/\(truth.count)")
        let clusters = try String(contentsOf: dir.appendingPathComponent("clusters.csv"), encoding: .utf8)
        #expect(clusters.split(separator: "\n").count == 401)
    }

    @Test func aMissingColumnNamesTheFileTheColumnAndTheFix() throws {
        let csv = "rec_id,given_name,surname,postcode\n1,Ann,Lee,2000\n2,Anne,Lee,2000\n"
        let dir = try Self.folder(yaml: Self.yaml, csv: csv)
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = try LinkJob(configPath: dir.appendingPathComponent("config.yaml").path)
        let error = #expect(throws: LinkageError(.missingColumn, "")) { try job.run() }
        let message = error?.message ?? ""
        #expect(message.contains("people.csv: input people: no column \"address\""), "\(message)")
        #expect(message.contains("add the column or change the configuration"))
    }

    @Test func aMissingIDColumnAndAnUnreadableConfigurationAreNamed() throws {
        let dir = try Self.folder(yaml: Self.yaml, csv: "id,given_name\n1,Ann\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = try LinkJob(configPath: dir.appendingPathComponent("config.yaml").path)
        let error = #expect(throws: LinkageError(.missingColumn, "")) { try job.run() }
        #expect(error?.message.contains("people.csv: input people: no id column \"rec_id\"") == true, "\(error?.message ?? "")")
        let missing = #expect(throws: LinkageError(.unreadableFile, "")) {
            try LinkJob(configPath: dir.appendingPathComponent("nope.yaml").path)
        }
        #expect(missing?.message.contains("nope.yaml") == true)
    }
}

private final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines = [String]()
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
