/// The app cannot start: a rule library that does not load, a key file that cannot be read or
/// written. The description says which file and what to do.
public struct WebSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
