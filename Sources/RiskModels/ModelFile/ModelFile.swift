import Crypto
import Foundation

/// Models saved as versioned JSON: `{"format", "formatVersion", "sha256", "model"}`, where
/// `sha256` is the SHA-256 of the canonical JSON of `model` (keys sorted, no spaces).
///
/// Loading refuses a file from a newer format version (upgrade FundWatch) and a file whose
/// content does not match its hash (edited or damaged), each with a clear error.
public enum ModelFile {
    /// The format name in every file.
    public static let formatName = "fundwatch-risk-model"
    /// The format version this build writes and the newest it reads.
    public static let formatVersion = 1

    /// The file's bytes for `model`, and the hash of its content.
    public static func encode(_ model: RiskModel) throws(RiskModelError) -> (bytes: [UInt8], sha256: String) {
        let payload = ModelPayload(model)
        let canonical = try canonicalJSON(payload)
        let hash = sha256Hex(canonical)
        let envelope = Envelope(format: formatName, formatVersion: formatVersion, sha256: hash, model: payload)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return (Array(try encoder.encode(envelope)), hash)
        } catch {
            throw RiskModelError(.badModelFile, "model file: cannot encode the model: \(error)")
        }
    }

    /// Reads a model file; `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(RiskModelError) -> (model: RiskModel, sha256: String) {
        let decoder = JSONDecoder()
        let data = Data(bytes)
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw RiskModelError(
                .badModelFile, "\(file): not a FundWatch risk model file (no format and formatVersion fields)")
        }
        guard header.format == formatName else {
            throw RiskModelError(.badModelFile, "\(file): format '\(header.format)' is not '\(formatName)'")
        }
        guard header.formatVersion <= formatVersion else {
            throw RiskModelError(
                .newerFormat,
                "\(file): model format version \(header.formatVersion) is newer than this FundWatch reads "
                    + "(\(formatVersion)); upgrade FundWatch, or retrain the model with this version")
        }
        let envelope: Envelope
        do {
            envelope = try decoder.decode(Envelope.self, from: data)
        } catch {
            throw RiskModelError(.badModelFile, "\(file): the model content cannot be read: \(error)")
        }
        let actual = sha256Hex(try canonicalJSON(envelope.model))
        guard actual == envelope.sha256 else {
            throw RiskModelError(
                .hashMismatch,
                "\(file): the model content does not match its SHA-256 (recorded \(envelope.sha256.prefix(12))…, "
                    + "content \(actual.prefix(12))…); the file was edited or damaged — use the original or retrain")
        }
        return (try envelope.model.model(file: file), actual)
    }

    static func canonicalJSON(_ payload: ModelPayload) throws(RiskModelError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(payload))
        } catch {
            throw RiskModelError(.badModelFile, "model file: cannot encode the model: \(error)")
        }
    }

    private struct Header: Decodable {
        var format: String
        var formatVersion: Int
    }

    private struct Envelope: Codable {
        var format: String
        var formatVersion: Int
        var sha256: String
        var model: ModelPayload
    }
}

extension ModelFile {
    /// SHA-256 of a model's canonical content as 64 lower-case hex digits (swift-crypto).
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
