import Foundation
import HummingbirdTesting
#if canImport(Glibc)
import Glibc
#endif

/// A chromedriver child process, one per browser test, and the Chromium it drives.
///
/// Missing programs fail the test with what to install: the browser tests never skip silently.
final class ChromeDriver: @unchecked Sendable {
    /// Why the browser tests cannot run here, and what to do about it.
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static let installHint =
        "install Debian's chromium, chromium-driver and fonts-noto-cjk (`apt-get install -y chromium chromium-driver fonts-noto-cjk`, as .ci/run does)"

    let process: Process
    let port: Int
    let chromium: String

    private init(process: Process, port: Int, chromium: String) {
        self.process = process
        self.port = port
        self.chromium = chromium
    }

    /// Finds chromedriver, Chromium and a CJK font, starts chromedriver on a free loopback port
    /// and waits until it reports ready.
    static func launch() async throws -> ChromeDriver {
        let environment = ProcessInfo.processInfo.environment
        guard let driver = executable(environment["FUNDWATCH_CHROMEDRIVER"] ?? "chromedriver") else {
            throw Missing(description: "chromedriver not found (PATH or FUNDWATCH_CHROMEDRIVER): \(installHint)")
        }
        guard let chromium = executable(environment["FUNDWATCH_CHROMIUM"] ?? "chromium") else {
            throw Missing(description: "chromium not found (PATH or FUNDWATCH_CHROMIUM): \(installHint)")
        }
        // Without a CJK font Chromium draws every Chinese character as a box; the screenshots would lie.
        guard try run("fc-list", [":lang=zh-cn", "family"]).contains("CJK") else {
            throw Missing(description: "no CJK font (fc-list :lang=zh-cn lists no Noto CJK): \(installHint)")
        }
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1", "--log-level=SEVERE"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let launched = ChromeDriver(process: process, port: port, chromium: chromium)
        // Ready when /status says so; the loop is bounded by a deadline, not a guess.
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let client = WebDriver.client(port: port)
            let value = try? await WebDriver.send(client, port: port, "GET", "status", body: nil)
            try? await client.shutdown()
            if (value as? [String: Any])?["ready"] as? Bool == true { return launched }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        launched.stop()
        throw Missing(description: "chromedriver (\(driver)) did not become ready on port \(port) within 20 s")
    }

    /// Stops the driver process (its browsers end with their sessions).
    func stop() {
        // No waitUntilExit: it can block a test thread for good; the signal is enough.
        // SIGKILL, not `terminate()`'s SIGTERM: the driver inherits the signal mask of the
        // thread that spawned it, a worker thread that blocks SIGTERM, so SIGTERM stayed pending
        // and every browser test left its driver running after the suite. Its browser has
        // already ended with the session.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The path of an executable: as given when it contains a slash, else found on PATH.
    static func executable(_ name: String) -> String? {
        let fm = FileManager.default
        if name.contains("/") { return fm.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { fm.isExecutableFile(atPath: $0) }
    }

    /// Runs a small program and returns its standard output ("" when it cannot run).
    static func run(_ name: String, _ arguments: [String]) throws -> String {
        guard let path = executable(name) else { return "" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A loopback TCP port that is free now: bind port 0, read what the kernel chose, release it.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Missing(description: "cannot open a socket to find a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Missing(description: "cannot bind a loopback socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
