public import Dashboard
import Foundation

/// The webhooks `serve` delivers new red alerts to, read from the data folder's `webhooks.conf`
/// and the command line.
///
/// One endpoint per line: `<name> <url> <secret-file>`; `#` starts a comment. The secret file
/// (relative to the data folder, or absolute) holds the shared HMAC secret, at least 16 bytes
/// (surrounding whitespace ignored); keep it mode 0600. The secret never sits in the
/// configuration itself, so the file can be shown and versioned.
public enum WebhookSettings {
    /// Where a data folder keeps its webhook list.
    public static func path(data: String) -> String { data + "/webhooks.conf" }

    /// The endpoints of the configuration text; errors name the file, the line and what to fix.
    public static func parse(_ text: String, file: String, data: String) throws -> [WebhookEndpoint] {
        var endpoints = [WebhookEndpoint]()
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if words.isEmpty { continue }
            let at = "\(file):\(number + 1)"
            guard words.count == 3 else {
                throw WebSetupError("\(at): expected '<name> <url> <secret-file>', found \(words.count) fields")
            }
            guard !endpoints.contains(where: { $0.name == words[0] }) else {
                throw WebSetupError("\(at): webhook name '\(words[0])' is used twice")
            }
            endpoints.append(try endpoint(name: words[0], url: words[1], secretFile: words[2], data: data, at: at))
        }
        return endpoints
    }

    /// One endpoint from a URL and a secret file.
    public static func endpoint(name: String, url: String, secretFile: String, data: String, at: String) throws
        -> WebhookEndpoint
    {
        guard let parsed = URL(string: url) else { throw WebSetupError("\(at): '\(url)' is not a URL") }
        let secretPath = secretFile.hasPrefix("/") ? secretFile : data + "/" + secretFile
        guard let bytes = FileManager.default.contents(atPath: secretPath) else {
            throw WebSetupError("\(at): cannot read the secret file \(secretPath); create it with at least 16 random bytes (mode 0600)")
        }
        let secret = Data(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        do {
            return try WebhookEndpoint(name: name, url: parsed, secret: secret)
        } catch {
            throw WebSetupError("\(at): \(error)")
        }
    }

    /// The data folder's endpoints (none when `webhooks.conf` is absent).
    public static func load(data: String) throws -> [WebhookEndpoint] {
        let file = path(data: data)
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [] }
        return try parse(text, file: file, data: data)
    }
}
