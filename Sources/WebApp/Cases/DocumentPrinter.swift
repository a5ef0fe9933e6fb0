import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns a document's HTML into a PDF. The HTML stays the document of record (its SHA-256 is in
/// the ledger); the PDF is a print of it for mailing and signing.
protocol DocumentPrinter: Sendable {
    /// The PDF of `html` (with the document style sheet beside it), or nil when printing failed.
    func pdf(html: [UInt8]) -> [UInt8]?
}

/// Prints with headless Chromium (`chromium --headless --print-to-pdf`), when it is installed.
struct ChromiumPrinter: DocumentPrinter {
    let executable: String
    /// How long a print may take before it is abandoned (Chromium under load starts slowly).
    var timeout: TimeInterval = 60

    /// The printer if a Chromium executable is on the usual paths or `PATH`, else nil (the app
    /// then offers the HTML only).
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> ChromiumPrinter? {
        let names = ["chromium", "chromium-browser", "google-chrome"]
        let folders = (environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":").map(String.init)
        for folder in folders {
            for name in names where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return ChromiumPrinter(executable: folder + "/" + name)
            }
        }
        return nil
    }

    func pdf(html: [UInt8]) -> [UInt8]? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-print-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let page = folder.appendingPathComponent("document.html")
            try Data(html).write(to: page)
            try Data(DocumentStyle.css.utf8).write(to: folder.appendingPathComponent(DocumentStyle.fileName))
            let out = folder.appendingPathComponent("document.pdf")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--print-to-pdf=\(out.path)",
                page.absoluteString,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning {
                // SIGKILL, not `terminate()`'s SIGTERM: a child inherits the signal mask of the
                // thread that spawned it, and libdispatch's worker threads (Swift concurrency's
                // pool) block SIGTERM, so a hung Chromium could ignore it and stay behind (the
                // browser tests' chromedriver did).
                kill(process.processIdentifier, SIGKILL)
                return nil
            }
            let bytes = [UInt8](try Data(contentsOf: out))
            return bytes.starts(with: Array("%PDF-".utf8)) ? bytes : nil
        } catch {
            return nil
        }
    }
}
