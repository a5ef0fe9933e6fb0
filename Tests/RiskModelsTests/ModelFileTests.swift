import Foundation
import Testing

@testable import RiskModels

@Suite struct ModelFileTests {
    @Test func sha256MatchesTheStandardVectors() {
        #expect(ModelFile.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ModelFile.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            ModelFile.sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    private func trainedModels() throws -> [RiskModel] {
        let (data, labels) = SyntheticData.classification(rows: 2000, seed: 21)
        var gbdt = GBDTParameters()
        gbdt.iterations = 15
        let trees = try GradientBoostedTrees.train(data, labels: labels, parameters: gbdt)
        let scores = try trees.probabilities(data)
        return [
            RiskModel(.gbdt(trees), calibration: try Calibration.fitIsotonic(scores: scores, labels: labels)),
            RiskModel(.logistic(try LogisticRegression.train(data, labels: labels)), calibration: nil),
            RiskModel(
                .isolationForest(try IsolationForest.train(data)),
                calibration: try Calibration.fitPlatt(scores: scores, labels: labels)),
        ]
    }

    @Test func roundTripsEveryModelWithTheSameScoresAndHash() throws {
        let (data, _) = SyntheticData.classification(rows: 500, seed: 22)
        for model in try trainedModels() {
            let (bytes, hash) = try ModelFile.encode(model)
            let (loaded, loadedHash) = try ModelFile.decode(bytes, file: "m.json")
            #expect(loadedHash == hash)
            #expect(loaded.kind == model.kind)
            #expect(try loaded.scores(data) == model.scores(data))
            // Encoding again gives the same bytes: the hash is stable.
            #expect(try ModelFile.encode(loaded).bytes == bytes)
        }
    }

    @Test func refusesTamperedAndNewerFiles() throws {
        let model = try trainedModels()[1]
        let text = String(decoding: try ModelFile.encode(model).bytes, as: UTF8.self)
        // Raise the intercept, keeping the recorded hash.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var body = try #require(object["model"] as? [String: Any])
        var logistic = try #require(body["logistic"] as? [String: Any])
        logistic["intercept"] = 42.0
        body["logistic"] = logistic
        object["model"] = body
        let tampered = try JSONSerialization.data(withJSONObject: object)
        let mismatch = #expect(throws: RiskModelError(.hashMismatch, "")) {
            try ModelFile.decode(Array(tampered), file: "m.json")
        }
        #expect(mismatch?.message.contains("m.json") == true)
        let newer = text.replacingOccurrences(of: "\"formatVersion\":1", with: "\"formatVersion\":2")
        #expect(throws: RiskModelError(.newerFormat, "")) { try ModelFile.decode(Array(newer.utf8), file: "m.json") }
        #expect(throws: RiskModelError(.badModelFile, "")) { try ModelFile.decode(Array("{}".utf8), file: "m.json") }
    }

    @Test func calibrationMapsScoresMonotonically() throws {
        var generator = SeededGenerator(seed: 8)
        let scores = (0..<2000).map { _ in generator.nextUnit() }
        // True probability is the square of the score: raw scores are over-confident.
        let labels = scores.map { generator.nextUnit() < $0 * $0 ? 1.0 : 0.0 }
        let isotonic = try Calibration.fitIsotonic(scores: scores, labels: labels)
        let platt = try Calibration.fitPlatt(scores: scores, labels: labels)
        for calibration in [isotonic, platt] {
            let mapped = stride(from: 0.0, through: 1.0, by: 0.05).map(calibration.apply)
            #expect(zip(mapped, mapped.dropFirst()).allSatisfy { $0 <= $1 + 1e-12 })
            #expect(abs(calibration.apply(0.5) - 0.25) < 0.08)
        }
        #expect(throws: RiskModelError(.oneClass, "")) { try Calibration.fitPlatt(scores: [0.1, 0.2], labels: [0, 0]) }
    }
}
