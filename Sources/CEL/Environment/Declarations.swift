/// What an environment declares: container, variables, host object types and functions.
struct Declarations: Sendable {
    var container = ""
    /// Declared variables in declaration order.
    var variableOrder: [String] = []
    var variables: [String: CELType] = [:]
    var objects: [String: [String: CELType]] = [:]
    var functions: [String: CELFunction] = [:]

    /// Names a (possibly dotted) identifier may refer to, most qualified first
    /// (`y` in container `a.b` → `a.b.y`, `a.y`, `y`; `.y` → `y`).
    func candidates(for name: String) -> [String] {
        guard !container.isEmpty else { return name.hasPrefix(".") ? [String(name.dropFirst())] : [name] }
        if name.hasPrefix(".") { return [String(name.dropFirst())] }
        var result: [String] = []
        var prefix = Substring(container)
        while true {
            result.append(prefix + "." + name)
            guard let dot = prefix.lastIndex(of: ".") else { break }
            prefix = prefix[..<dot]
        }
        result.append(name)
        return result
    }

    /// Dotted prefixes of a name chain, longest first: `a.b.c`, `a.b`, `a` with the remaining fields.
    static func prefixes(_ root: String, _ fields: [String]) -> [(name: String, rest: ArraySlice<String>)] {
        if fields.isEmpty { return [(root, [])] }
        var names = [root]
        names.reserveCapacity(fields.count + 1)
        for field in fields { names.append(names[names.count - 1] + "." + field) }
        var result: [(name: String, rest: ArraySlice<String>)] = []
        result.reserveCapacity(names.count)
        for index in stride(from: names.count - 1, through: 0, by: -1) {
            result.append((names[index], fields[index...]))
        }
        return result
    }

    /// A built-in or declared type by name.
    func type(named name: String) -> CELType? {
        if let builtin = CELType.namedTypes[name] { return builtin }
        if objects[name] != nil { return .object(name) }
        return nil
    }
}
