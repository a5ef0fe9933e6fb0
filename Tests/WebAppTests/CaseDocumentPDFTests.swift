import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WebApp

/// A document printed to PDF by headless Chromium (`/cases/{id}/documents/{n}/pdf`), as staff
/// print it for mailing and signing. Chromium is installed in CI (.ci/run); the test is skipped
/// only where it is absent, since the app then offers the HTML instead.
@Suite struct CaseDocumentPDFTests {
    /// Whether a Chromium the app's printer would find is on `PATH`.
    static let chromiumInstalled: Bool = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":")
        return folders.contains { folder in
            ["chromium", "chromium-browser", "google-chrome"].contains { FileManager.default.isExecutableFile(atPath: "\(folder)/\($0)") }
        }
    }()

    @Test(.enabled(if: chromiumInstalled, "headless Chromium is not installed")) func aDocumentPrintsToPDF() async throws {
        let world = try await TestWorld()
        let t = try await CaseAPITests.Tokens(world)
        try await world.test { client in
            let (id, issued) = try await CaseDocumentsAndPackTests.walk(world, t, client)
            let report = try #require(issued.first { $0["kind"] as? String == "closing_report" })
            let url = try #require(report["url"] as? String)
            #expect(url.hasPrefix("/cases/\(id)/documents/"))
            let browser = try await client.signIn("lixia.reviewer")
            let pdf = try await client.execute(uri: url + "/pdf", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/pdf")
                #expect(response.headers[.contentDisposition]?.contains(".pdf") == true)
                return Array(response.body.readableBytesView)
            }
            #expect(pdf.starts(with: Array("%PDF-".utf8)))
            #expect(String(decoding: pdf.suffix(64), as: UTF8.self).contains("%%EOF"))
            // One A4 page or more, with the CJK font embedded: far more than an empty print.
            #expect(pdf.count > 10_000)
            // Another county cannot print it.
            let outsider = try await client.signIn("shizhong.auditor")
            try await client.execute(uri: url + "/pdf", method: .get, headers: outsider.headers) { #expect($0.status == .notFound) }
            // A document number the case does not have.
            try await client.execute(uri: "/cases/\(id)/documents/999/pdf", method: .get, headers: browser.headers) {
                #expect($0.status == .notFound)
            }
        }
    }
}
