import AuditRules
import Foundation

/// The check of a rule draft on the rules page: the YAML and CEL checker every rule file goes
/// through (`RuleSpecLoader`), plus what an edit of an existing rule must keep: the same id, and
/// a version above every version already known (the ledger identifies a rule by id and version).
struct RuleDraftCheck: Sendable {
    /// One problem, at a 1-based line and column of the draft when known.
    struct Problem: Sendable, Codable, Hashable {
        let line: Int?
        let column: Int?
        let message: String
    }

    /// The compiled draft, when it has no problem.
    let rule: CompiledRule?
    let problems: [Problem]

    /// Checks `yaml` as the next version of `ruleID`, whose highest known version is `highestVersion`.
    init(yaml: String, ruleID: String, highestVersion: Int) {
        guard !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            rule = nil
            problems = [Problem(line: 1, column: 1, message: "规则内容为空")]
            return
        }
        guard yaml.utf8.count <= 64 * 1024 else {
            rule = nil
            problems = [Problem(line: nil, column: nil, message: "规则超过 64 KB，请精简")]
            return
        }
        let compiled: CompiledRule
        do {
            compiled = try RuleSpecLoader.load(yaml: yaml, file: "rule/\(ruleID)")
        } catch {
            rule = nil
            problems = [Problem(line: error.line, column: error.column, message: error.reason)]
            return
        }
        var found = [Problem]()
        if compiled.spec.id != ruleID {
            let (line, column) = Self.position(ofKey: "id", in: yaml)
            found.append(
                Problem(line: line, column: column, message: "id 必须保持为 \(ruleID)（改名请新建规则文件），现为 \(compiled.spec.id)"))
        }
        if compiled.spec.version <= highestVersion {
            let (line, column) = Self.position(ofKey: "version", in: yaml)
            found.append(
                Problem(
                    line: line, column: column,
                    message: "version 须大于已有的第 \(highestVersion) 版：请改为 \(highestVersion + 1)"))
        }
        rule = found.isEmpty ? compiled : nil
        problems = found
    }

    /// The line and column of a top-level key's value (the line of the key when the value is
    /// on the next lines), or the first line when the key is absent.
    static func position(ofKey key: String, in yaml: String) -> (Int?, Int?) {
        for (number, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.hasPrefix(key + ":") {
            let rest = line.dropFirst(key.count + 1)
            let spaces = rest.prefix { $0 == " " }.count
            return (number + 1, key.count + 2 + spaces)
        }
        return (1, 1)
    }
}
