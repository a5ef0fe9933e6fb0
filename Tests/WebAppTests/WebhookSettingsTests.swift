import Dashboard
import Foundation
import Testing
import WebApp

@Suite("serve's webhook configuration")
struct WebhookSettingsTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fw-hooks-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/keys", withIntermediateDirectories: true)
        return path
    }

    @Test func endpointsAreReadWithTheirSecretsFromFiles() throws {
        let data = try Self.folder()
        try "0123456789abcdef0123\n".write(toFile: data + "/keys/sms.secret", atomically: true, encoding: .utf8)
        let text = """
            # 短信网关
            sms https://sms.example.gov.cn/hook keys/sms.secret

            im  http://10.0.0.5:9000/alerts   \(data)/keys/sms.secret  # absolute path
            """
        let endpoints = try WebhookSettings.parse(text, file: "webhooks.conf", data: data)
        #expect(endpoints.map(\.name) == ["sms", "im"])
        #expect(endpoints[0].url.absoluteString == "https://sms.example.gov.cn/hook")
        #expect(endpoints[0].secret == Data("0123456789abcdef0123".utf8))
        #expect(try WebhookSettings.load(data: data).isEmpty)
    }

    @Test func mistakesNameTheFileAndLine() throws {
        let data = try Self.folder()
        try "short".write(toFile: data + "/keys/short.secret", atomically: true, encoding: .utf8)
        let cases = [
            ("a https://x.example/h", "webhooks.conf:1"),
            ("a https://x.example/h keys/missing.secret", "webhooks.conf:1"),
            ("\na ftp://x.example/h keys/short.secret", "webhooks.conf:2"),
            ("a https://x.example/h keys/short.secret", "at least 16"),
        ]
        for (text, expected) in cases {
            let error = #expect(throws: (any Error).self) { try WebhookSettings.parse(text, file: "webhooks.conf", data: data) }
            #expect("\(error.map { "\($0)" } ?? "")".contains(expected), "\(String(describing: error))")
        }
    }
}
