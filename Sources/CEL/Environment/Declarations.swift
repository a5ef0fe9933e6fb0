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
        if name.hasPrefix(".") { return [String(name.dropFirst())] }
        guard !container.isEmpty else { return [name] }
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

    /// A built-in or declared type by name.
    func type(named name: String) -> CELType? {
        if let builtin = CELType.namedTypes[name] { return builtin }
        if objects[name] != nil { return .object(name) }
        return nil
    }
}
