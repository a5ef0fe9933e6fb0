import CEL
public import Foundation

/// Reads cel-spec conformance files (the JSON form of `SimpleTestFile`).
public enum ConformanceLoader {
    /// The conformance files bundled with this module (cel-spec tests/simple).
    public static func bundledFiles() -> [URL] {
        guard let directory = Bundle.module.url(forResource: "Fixtures/cel", withExtension: nil) else { return [] }
        return jsonFiles(in: directory)
    }

    /// The `.json` files in a directory, sorted by name.
    public static func jsonFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Loads every test in a file.
    public static func load(_ url: URL) throws -> [ConformanceCase] {
        let data = try Data(contentsOf: url)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        let file = root["name"] as? String ?? url.deletingPathExtension().lastPathComponent
        var cases: [ConformanceCase] = []
        for section in root["section"] as? [[String: Any]] ?? [] {
            let sectionName = section["name"] as? String ?? ""
            for test in section["test"] as? [[String: Any]] ?? [] {
                cases.append(makeCase(test, file: file, section: sectionName))
            }
        }
        return cases
    }

    static func makeCase(_ test: [String: Any], file: String, section: String) -> ConformanceCase {
        let name = test["name"] as? String ?? ""
        var skipReason = protobufReason(test)
        var expectation = ConformanceCase.Expectation.value(.bool(true))
        if let value = test["value"] as? [String: Any] {
            do {
                expectation = .value(try decodeValue(value))
            } catch {
                skipReason = skipReason ?? "expected value needs protobuf messages"
            }
        } else if let evalError = test["eval_error"] as? [String: Any] {
            let errors = evalError["errors"] as? [[String: Any]] ?? []
            expectation = .error(errors.compactMap { $0["message"] as? String }.joined(separator: "; "))
        }
        var declarations: [(String, CELType)] = []
        for declaration in test["type_env"] as? [[String: Any]] ?? [] {
            guard let declName = declaration["name"] as? String,
                let ident = declaration["ident"] as? [String: Any], let type = ident["type"] as? [String: Any]
            else { continue }
            if let decoded = decodeType(type) {
                declarations.append((declName, decoded))
            } else {
                skipReason = skipReason ?? "declaration of '\(declName)' needs protobuf message types"
            }
        }
        var bindings: [String: CELValue] = [:]
        for (bindingName, binding) in test["bindings"] as? [String: [String: Any]] ?? [:] {
            guard let value = binding["value"] as? [String: Any] else { continue }
            if let decoded = try? decodeValue(value) {
                bindings[bindingName] = decoded
            } else {
                skipReason = skipReason ?? "binding '\(bindingName)' needs protobuf messages"
            }
        }
        return ConformanceCase(
            file: file, section: section, name: name, expression: test["expr"] as? String ?? "",
            expectation: expectation, container: test["container"] as? String ?? "",
            disableCheck: test["disable_check"] as? Bool ?? false, disableMacros: test["disable_macros"] as? Bool ?? false,
            declarations: declarations, bindings: bindings, skipReason: skipReason)
    }

    /// Non-nil when the test mentions protobuf message types other than Duration and Timestamp.
    static func protobufReason(_ test: [String: Any]) -> String? {
        guard let data = try? JSONSerialization.data(withJSONObject: test), let text = String(data: data, encoding: .utf8)
        else { return nil }
        if text.contains("TestAllTypes") { return "needs protobuf message TestAllTypes" }
        let pattern = #"google\.protobuf\.(?!Duration\b|Timestamp\b)([A-Za-z0-9]+)"#
        if let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range, in: text)
        {
            return "needs protobuf message \(text[range])"
        }
        return nil
    }

    struct Unsupported: Error {}

    static func decodeValue(_ json: [String: Any]) throws -> CELValue {
        if let text = json["int64_value"] {
            guard let value = Int64("\(text)") else { throw Unsupported() }
            return .int(value)
        }
        if let text = json["uint64_value"] {
            guard let value = UInt64("\(text)") else { throw Unsupported() }
            return .uint(value)
        }
        if let value = json["double_value"] {
            if let number = value as? NSNumber { return .double(number.doubleValue) }
            switch value as? String {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default: throw Unsupported()
            }
        }
        if let value = json["string_value"] as? String { return .string(value) }
        if let value = json["bytes_value"] as? String {
            guard let data = Data(base64Encoded: value) else { throw Unsupported() }
            return .bytes(Array(data))
        }
        if let value = json["bool_value"] as? Bool { return .bool(value) }
        if json.keys.contains("null_value") { return .null }
        if let list = json["list_value"] as? [String: Any] {
            return .list(try (list["values"] as? [[String: Any]] ?? []).map(decodeValue))
        }
        if let map = json["map_value"] as? [String: Any] {
            var entries: [(CELValue, CELValue)] = []
            for entry in map["entries"] as? [[String: Any]] ?? [] {
                guard let key = entry["key"] as? [String: Any], let value = entry["value"] as? [String: Any] else {
                    throw Unsupported()
                }
                entries.append((try decodeValue(key), try decodeValue(value)))
            }
            guard case .success(let result) = CELMap.make(entries) else { throw Unsupported() }
            return .map(result)
        }
        if let typeName = json["type_value"] as? String {
            let types: [String: CELType] = [
                "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string, "bytes": .bytes,
                "null_type": .null, "list": .list(.dyn), "map": .map(.dyn, .dyn), "type": .type(nil),
                "google.protobuf.Duration": .duration, "google.protobuf.Timestamp": .timestamp,
            ]
            guard let type = types[typeName] else { throw Unsupported() }
            return .type(type)
        }
        if let object = json["object_value"] as? [String: Any], let typeURL = object["@type"] as? String,
            let text = object["value"] as? String
        {
            if typeURL.hasSuffix("google.protobuf.Duration") {
                let program = try CELEnvironment().compile("duration('\(text)')")
                if case .duration = program.evaluate([:]) { return program.evaluate([:]) }
            }
            if typeURL.hasSuffix("google.protobuf.Timestamp") {
                let program = try CELEnvironment().compile("timestamp('\(text)')")
                if case .timestamp = program.evaluate([:]) { return program.evaluate([:]) }
            }
        }
        throw Unsupported()
    }

    static func decodeType(_ json: [String: Any]) -> CELType? {
        if let primitive = json["primitive"] as? String {
            switch primitive {
            case "BOOL": return .bool
            case "INT64": return .int
            case "UINT64": return .uint
            case "DOUBLE": return .double
            case "STRING": return .string
            case "BYTES": return .bytes
            default: return nil
            }
        }
        if json.keys.contains("null") { return .null }
        if json.keys.contains("dyn") { return .dyn }
        if let list = json["list_type"] as? [String: Any] {
            guard let element = (list["elem_type"] as? [String: Any]).flatMap(decodeType) else { return nil }
            return .list(element)
        }
        if let map = json["map_type"] as? [String: Any] {
            guard let key = (map["key_type"] as? [String: Any]).flatMap(decodeType),
                let value = (map["value_type"] as? [String: Any]).flatMap(decodeType)
            else { return nil }
            return .map(key, value)
        }
        if let message = json["message_type"] as? String {
            switch message {
            case "google.protobuf.Duration": return .duration
            case "google.protobuf.Timestamp": return .timestamp
            default: return nil
            }
        }
        if let wellKnown = json["well_known"] as? String {
            switch wellKnown {
            case "DURATION": return .duration
            case "TIMESTAMP": return .timestamp
            default: return nil
            }
        }
        return nil
    }
}
