import Yams

/// A `fundwatch link` configuration, read from YAML:
///
/// ```yaml
/// mode: link                     # link (two inputs) | dedupe (one input)
/// inputs:
///   - { name: left,  path: a.csv, id: rec_id }
///   - { name: right, path: b.csv, id: rec_id }
/// blocking:
///   - [surname]
///   - [date_of_birth]
/// comparisons:
///   - { column: given_name, method: jaro_winkler, levels: [0.95, 0.88] }
///   - { column: surname, method: jaro_winkler, levels: [0.95, 0.88], tf_adjust: true }
///   - { column: date_of_birth, method: date, levels: [exact, transposed, 1_digit] }
/// threshold: 0.9                 # match probability
/// output: { pairs: pairs.csv, clusters: clusters.csv }
/// ```
///
/// Optional keys: `deterministic` (rules like blocking ones whose exact agreement is a match),
/// `u_sample`, `max_pairs`, `em_iterations`, `seed`, `cluster_guard`, and under `output`
/// `golden` (golden records) and `explanations` (the waterfall of each linked pair).
public struct LinkConfig: Sendable {
    /// One input file.
    public struct Input: Sendable, Hashable {
        public let name: String
        /// The path as written, relative to the configuration file's folder.
        public let path: String
        public let idColumn: String
    }

    /// Where results go (paths relative to the configuration file's folder).
    public struct Output: Sendable, Hashable {
        public let pairs: String?
        public let clusters: String?
        public let golden: String?
        public let explanations: String?
    }

    public let inputs: [Input]
    public let settings: LinkageSettings
    public let output: Output

    /// Parses YAML text; `file` names the file in errors.
    public init(yaml: String, file: String) throws(LinkageError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw LinkageError(.badConfig, "\(file): not valid YAML (\(error)); fix the syntax")
        }
        guard let root, let top = root.mapping else {
            throw LinkageError(
                .badConfig, "\(file): expected a mapping with mode, inputs, blocking, comparisons, threshold and output"
            )
        }
        let reader = ConfigReader(file: file)
        try reader.checkKeys(
            top, at: "",
            allowed: [
                "mode", "inputs", "blocking", "deterministic", "comparisons", "threshold", "output", "u_sample",
                "max_pairs", "em_iterations", "seed", "cluster_guard",
            ])

        let modeNode = try reader.required(top, "mode", at: "")
        guard let mode = LinkageSettings.Mode(rawValue: try reader.string(modeNode, at: "mode")) else {
            throw reader.error(modeNode, "mode", "must be link or dedupe", code: .badConfig)
        }

        let inputsNode = try reader.required(top, "inputs", at: "")
        var inputs = [Input]()
        for (i, node) in try reader.sequence(inputsNode, at: "inputs").enumerated() {
            let at = "inputs[\(i)]"
            guard let map = node.mapping else {
                throw reader.error(node, at, "must be a mapping { name, path, id }", code: .badConfig)
            }
            try reader.checkKeys(map, at: at, allowed: ["name", "path", "id"])
            let path = try reader.string(try reader.required(map, "path", at: at), at: at + ".path")
            let name =
                try map["name"].map { n throws(LinkageError) in try reader.string(n, at: at + ".name") }
                ?? "input\(i + 1)"
            let id = try reader.string(try reader.required(map, "id", at: at), at: at + ".id")
            if inputs.contains(where: { $0.name == name }) {
                throw reader.error(
                    node, at + ".name", "\"\(name)\" is used twice; give each input its own name", code: .badConfig)
            }
            inputs.append(Input(name: name, path: path, idColumn: id))
        }

        func rules(_ key: String) throws(LinkageError) -> [BlockingRule] {
            guard let node = top[key] else { return [] }
            var out = [BlockingRule]()
            for (i, ruleNode) in try reader.sequence(node, at: key).enumerated() {
                let at = "\(key)[\(i)]"
                let texts: [String]
                if ruleNode.scalar != nil {
                    texts = [try reader.string(ruleNode, at: at)]
                } else {
                    texts = try reader.sequence(ruleNode, at: at).enumerated().map { j, n throws(LinkageError) in
                        try reader.string(n, at: "\(at)[\(j)]")
                    }
                }
                // A flow list splits `prefix(name, 2)` at its comma: join the pieces again.
                var joined = [String]()
                for text in texts {
                    if let last = joined.last, last.contains("("), !last.contains(")") {
                        joined[joined.count - 1] = last + ", " + text
                    } else {
                        joined.append(text)
                    }
                }
                var keys = [BlockingRule.Key]()
                for text in joined {
                    guard let k = BlockingRule.Key(parsing: text) else {
                        throw reader.error(
                            ruleNode, at, "\"\(text)\" is not a column, prefix(column, n) or pinyin(column)",
                            code: .badConfig)
                    }
                    keys.append(k)
                }
                if keys.isEmpty {
                    throw reader.error(ruleNode, at, "a rule needs at least one column", code: .badConfig)
                }
                out.append(BlockingRule(keys: keys))
            }
            return out
        }
        let blocking = try rules("blocking")
        let deterministic = try rules("deterministic")
        if blocking.isEmpty && deterministic.isEmpty {
            throw LinkageError(
                .badConfig,
                "\(file): key blocking: at least one blocking rule is needed (comparing every pair does not scale)")
        }
        if blocking.count + deterministic.count > 32 {
            throw LinkageError(.badConfig, "\(file): at most 32 blocking and deterministic rules in all")
        }

        var comparisons = [Comparison]()
        for (i, node) in try reader.sequence(try reader.required(top, "comparisons", at: ""), at: "comparisons")
            .enumerated()
        {
            let at = "comparisons[\(i)]"
            guard let map = node.mapping else {
                throw reader.error(node, at, "must be a mapping { column, method, levels }", code: .badConfig)
            }
            try reader.checkKeys(map, at: at, allowed: ["column", "method", "levels", "tf_adjust", "q"])
            let column = try reader.string(try reader.required(map, "column", at: at), at: at + ".column")
            let methodNode = try reader.required(map, "method", at: at)
            let methodText = try reader.string(methodNode, at: at + ".method")
            guard let method = Comparison.Method(rawValue: methodText) else {
                throw reader.error(
                    methodNode, at + ".method",
                    "unknown method \"\(methodText)\"; use one of \(Comparison.Method.allCases.map(\.rawValue).joined(separator: ", "))",
                    code: .badConfig)
            }
            var levels: [Comparison.Level]?
            if let levelsNode = map["levels"] {
                levels = []
                for (j, levelNode) in try reader.sequence(levelsNode, at: at + ".levels").enumerated() {
                    let text = try reader.string(levelNode, at: "\(at).levels[\(j)]")
                    guard let level = Comparison.parseLevel(text, method: method) else {
                        throw reader.error(
                            levelNode, "\(at).levels[\(j)]",
                            "\"\(text)\" is not a level of \(method.rawValue); levels may be \(method.levelHelp)",
                            code: .badLevel)
                    }
                    levels!.append(level)
                }
            }
            let tf =
                try map["tf_adjust"].map { n throws(LinkageError) in try reader.bool(n, at: at + ".tf_adjust") }
                ?? false
            let q = try map["q"].map { n throws(LinkageError) in try reader.int(n, at: at + ".q", range: 1...8) } ?? 2
            do {
                comparisons.append(
                    try Comparison(column: column, method: method, levels: levels, termFrequencyAdjusted: tf, q: q))
            } catch {
                throw reader.error(map["levels"] ?? node, at + ".levels", error.message, code: .badLevel)
            }
        }

        var threshold = 0.9
        if let node = top["threshold"] {
            threshold = try reader.double(node, at: "threshold")
            guard threshold > 0 && threshold < 1 else {
                throw reader.error(
                    node, "threshold", "must be a match probability between 0 and 1 (e.g. 0.9)", code: .badConfig)
            }
        }

        var output = Output(pairs: nil, clusters: nil, golden: nil, explanations: nil)
        if let node = top["output"] {
            guard let map = node.mapping else {
                throw reader.error(node, "output", "must be a mapping { pairs, clusters }", code: .badConfig)
            }
            try reader.checkKeys(map, at: "output", allowed: ["pairs", "clusters", "golden", "explanations"])
            func path(_ key: String) throws(LinkageError) -> String? {
                try map[key].map { n throws(LinkageError) in try reader.string(n, at: "output." + key) }
            }
            output = Output(
                pairs: try path("pairs"), clusters: try path("clusters"), golden: try path("golden"),
                explanations: try path("explanations"))
        }

        var settings = LinkageSettings(
            mode: mode, blocking: blocking, comparisons: comparisons, deterministic: deterministic, threshold: threshold
        )
        if let n = top["u_sample"] {
            settings.uSampleSize = try reader.int(n, at: "u_sample", range: 1000...100_000_000)
        }
        if let n = top["max_pairs"] { settings.maxPairs = try reader.int(n, at: "max_pairs", range: 1...2_000_000_000) }
        if let n = top["em_iterations"] {
            settings.emIterations = try reader.int(n, at: "em_iterations", range: 1...10_000)
        }
        if let n = top["seed"] { settings.seed = UInt64(try reader.int(n, at: "seed", range: 0...Int.max)) }
        if let n = top["cluster_guard"] { settings.clusterGuard = try reader.bool(n, at: "cluster_guard") }
        switch mode {
        case .dedupe where inputs.count != 1:
            throw reader.error(
                inputsNode, "inputs", "mode dedupe takes exactly one input, not \(inputs.count)", code: .badConfig)
        case .link where inputs.count < 2:
            throw reader.error(
                inputsNode, "inputs", "mode link takes two or more inputs, not \(inputs.count)", code: .badConfig)
        default: break
        }
        self.inputs = inputs
        self.settings = settings
        self.output = output
    }
}

/// Reads typed values from YAML nodes and words errors as `file:line: key K: what; what to do`.
struct ConfigReader {
    let file: String

    func error(_ node: Node, _ key: String, _ what: String, code: LinkageError.Code) -> LinkageError {
        let line = node.mark.map { ":\($0.line)" } ?? ""
        return LinkageError(code, "\(file)\(line): key \(key.isEmpty ? "(top)" : key): \(what)")
    }

    func checkKeys(_ map: Node.Mapping, at: String, allowed: [String]) throws(LinkageError) {
        for (key, _) in map {
            let name = key.string ?? "?"
            if !allowed.contains(name) {
                let path = at.isEmpty ? name : "\(at).\(name)"
                throw error(
                    key, path, "unknown key; the keys here are \(allowed.joined(separator: ", ")) (check the spelling)",
                    code: .unknownKey)
            }
        }
    }

    func required(_ map: Node.Mapping, _ key: String, at: String) throws(LinkageError) -> Node {
        guard let node = map[key] else {
            let path = at.isEmpty ? key : "\(at).\(key)"
            let line = map.mark.map { ":\($0.line)" } ?? ""
            throw LinkageError(.badConfig, "\(file)\(line): key \(path): missing; add it")
        }
        return node
    }

    func string(_ node: Node, at: String) throws(LinkageError) -> String {
        guard let scalar = node.scalar else { throw error(node, at, "must be a single value", code: .badConfig) }
        let s = scalar.string.trimmingSpaces()
        if s.isEmpty { throw error(node, at, "must not be empty", code: .badConfig) }
        return s
    }

    func sequence(_ node: Node, at: String) throws(LinkageError) -> [Node] {
        guard let seq = node.sequence else {
            throw error(node, at, "must be a list ([a, b] or one '- item' per line)", code: .badConfig)
        }
        return Array(seq)
    }

    func double(_ node: Node, at: String) throws(LinkageError) -> Double {
        guard let v = Double(try string(node, at: at)) else {
            throw error(node, at, "must be a number", code: .badConfig)
        }
        return v
    }

    func int(_ node: Node, at: String, range: ClosedRange<Int>) throws(LinkageError) -> Int {
        let text = try string(node, at: at).replacingUnderscores()
        guard let v = Int(text), range.contains(v) else {
            throw error(
                node, at, "must be a whole number from \(range.lowerBound) to \(range.upperBound)", code: .badConfig)
        }
        return v
    }

    func bool(_ node: Node, at: String) throws(LinkageError) -> Bool {
        switch try string(node, at: at).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, at, "must be true or false", code: .badConfig)
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
