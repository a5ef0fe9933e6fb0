public import Foundation

/// The built-in rule library: the YAML files shipped in the `Rules` resource folder.
public enum BuiltinRules {
    /// The folder holding the built-in rule files.
    public static var folder: URL? { Bundle.module.url(forResource: "Rules", withExtension: nil) }

    /// Loads and compiles the built-in rules. A built-in rule that fails to load is a bug, so the
    /// errors are returned for tests to assert empty.
    public static func load() -> (rules: [CompiledRule], errors: [RuleLoadError]) {
        guard let folder else {
            return ([], [RuleLoadError(file: "Rules", line: nil, column: nil, reason: "the built-in rule folder is missing")])
        }
        do {
            return try RuleSpecLoader.loadFolder(folder)
        } catch {
            return ([], [RuleLoadError(file: folder.path, line: nil, column: nil, reason: "\(error)")])
        }
    }
}
