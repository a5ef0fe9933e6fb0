public import Foundation
import CEL
import Yams

/// Reads rule files: YAML into ``RuleSpec``, then compiles the CEL so a bad rule is refused at load
/// time with the line and column of the mistake in the YAML file.
public enum RuleSpecLoader {
    /// Parses and compiles one rule file's text.
    public static func load(yaml: String, file: String = "<rule>") throws(RuleLoadError) -> CompiledRule {
        var (spec, marks) = try parse(yaml: yaml, file: file)
        spec.source = yaml
        do {
            return try CompiledRule(spec)
        } catch {
            let (line, column) = marks.position(of: error, in: yaml)
            throw RuleLoadError(
                file: file, line: line, column: column,
                reason: "\(error.key): \(error.error.reason) (in `\(error.expression)`)")
        }
    }

    /// Loads every `*.yaml` / `*.yml` file in a folder, in name order. Returns the rules that
    /// compiled and the errors of those that did not; duplicate ids are errors too.
    public static func loadFolder(_ folder: URL) throws -> (rules: [CompiledRule], errors: [RuleLoadError]) {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        var rules = [CompiledRule]()
        var errors = [RuleLoadError]()
        var seen = Set<String>()
        for name in names {
            let url = folder.appendingPathComponent(name)
            do {
                let text = try String(contentsOf: url, encoding: .utf8)
                let rule = try load(yaml: text, file: url.path)
                if !seen.insert(rule.spec.id).inserted {
                    errors.append(RuleLoadError(file: url.path, line: 1, column: 1, reason: "duplicate rule id \(rule.spec.id)"))
                    continue
                }
                rules.append(rule)
            } catch let error as RuleLoadError {
                errors.append(error)
            } catch {
                errors.append(RuleLoadError(file: url.path, line: nil, column: nil, reason: "\(error)"))
            }
        }
        return (rules, errors)
    }

    /// Positions of the expression-bearing keys, to place CEL errors in the YAML file.
    struct Marks {
        var nodes: [String: Node] = [:]

        func position(of failure: CompiledRule.CompileFailure, in yaml: String) -> (Int?, Int?) {
            guard let node = nodes[failure.key], let mark = node.mark else { return (nil, nil) }
            guard let location = failure.error.location else { return (mark.line, mark.column) }
            guard failure.key != "explain", let scalar = node.scalar else { return (mark.line, mark.column) }
            switch scalar.style {
            case .literal, .folded:
                // The value starts on the next line; each content line joins with one character.
                let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
                var offset = 0
                var lineIndex = mark.line  // 0-based index of the first content line
                while lineIndex < lines.count {
                    let line = lines[lineIndex]
                    let indent = line.prefix { $0 == " " }.utf8.count
                    let length = line.utf8.count - indent
                    if location.offset <= offset + length { return (lineIndex + 1, indent + location.offset - offset + 1) }
                    offset += length + 1
                    lineIndex += 1
                }
                return (mark.line, mark.column)
            case .singleQuoted, .doubleQuoted:
                return (mark.line, mark.column + location.offset + 1)
            default:
                return (mark.line, mark.column + location.offset)
            }
        }
    }

    static func parse(yaml: String, file: String) throws(RuleLoadError) -> (RuleSpec, Marks) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            var mark: Mark?
            switch error {
            case .scanner(_, _, let m, _), .parser(_, _, let m, _), .composer(_, _, let m, _): mark = m
            default: mark = nil
            }
            throw RuleLoadError(file: file, line: mark?.line, column: mark?.column, reason: "YAML: \(error)")
        } catch {
            throw RuleLoadError(file: file, line: nil, column: nil, reason: "YAML: \(error)")
        }
        guard let mapping = root?.mapping else {
            throw RuleLoadError(file: file, line: 1, column: 1, reason: "a rule file is a YAML mapping (id: …, when: …)")
        }
        var marks = Marks()
        func fail(_ node: Node?, _ reason: String) -> RuleLoadError {
            RuleLoadError(file: file, line: node?.mark?.line ?? root?.mark?.line, column: node?.mark?.column, reason: reason)
        }
        let known: Set<String> = [
            "id", "title", "category", "scope", "severity", "thresholds", "when", "explain", "basis", "amount", "version",
            "status", "kind",
        ]
        for (key, _) in mapping {
            guard let name = key.string, known.contains(name) else {
                throw fail(key, "unknown key '\(key.string ?? "?")'; expected one of \(known.sorted().joined(separator: ", "))")
            }
        }
        func string(_ key: String, required: Bool = true) throws(RuleLoadError) -> String? {
            guard let node = mapping[key] else {
                if required { throw fail(root, "missing required key '\(key)'") }
                return nil
            }
            marks.nodes[key] = node
            guard let text = node.scalar?.string, !text.isEmpty else { throw fail(node, "'\(key)' must be a non-empty text") }
            return text
        }
        let id = try string("id")!
        guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw fail(mapping["id"], "id '\(id)' must be lower_snake_case ASCII")
        }
        let scopeText = try string("scope")!
        guard let scope = RuleScope(rawValue: scopeText) else {
            throw fail(mapping["scope"], "unknown scope '\(scopeText)'; one of \(RuleScope.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var severity = Severity.yellow
        if let text = try string("severity", required: false) {
            guard let s = Severity(rawValue: text) else { throw fail(mapping["severity"], "severity must be red, orange or yellow") }
            severity = s
        }
        var thresholds: RuleSpec.Thresholds?
        if let node = mapping["thresholds"] {
            guard let t = node.mapping, let score = t["score"]?.scalar?.string, let levels = t["levels"]?.mapping else {
                throw fail(node, "thresholds need 'score' (a CEL expression) and 'levels' ({yellow: 2.0, …})")
            }
            marks.nodes["thresholds.score"] = t["score"]
            var values = [Severity: Double]()
            for (k, v) in levels {
                guard let s = k.string.flatMap(Severity.init(rawValue:)), let x = v.string.flatMap(Double.init) else {
                    throw fail(k, "a threshold level is red, orange or yellow with a number")
                }
                values[s] = x
            }
            thresholds = .init(score: score, levels: values)
        } else if mapping["severity"] == nil {
            throw fail(root, "give either 'severity' or 'thresholds'")
        }
        var basis = [String]()
        if let node = mapping["basis"] {
            if let s = node.sequence {
                basis = s.compactMap(\.string)
            } else if let text = node.string {
                basis = [text]
            }
        }
        var version = 1
        if let node = mapping["version"] {
            guard let v = node.string.flatMap(Int.init), v >= 1 else { throw fail(node, "version must be a positive integer") }
            version = v
        }
        var status = RuleSpec.Status.active
        if let text = try string("status", required: false) {
            guard let s = RuleSpec.Status(rawValue: text) else {
                throw fail(mapping["status"], "status must be draft, shadow, active or retired")
            }
            status = s
        }
        var kind = FindingKind.fraud
        if let text = try string("kind", required: false) {
            guard let k = FindingKind(rawValue: text) else {
                throw fail(mapping["kind"], "kind must be fraud or data_conflict")
            }
            kind = k
        }
        var spec = RuleSpec(
            id: id, title: try string("title")!, category: try string("category")!, scope: scope, severity: severity,
            thresholds: thresholds, when: try string("when")!, explain: try string("explain")!, basis: basis,
            amount: try string("amount", required: false), version: version, status: status)
        spec.findingKind = kind
        return (spec, marks)
    }
}
