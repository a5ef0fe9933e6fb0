import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A small W3C WebDriver client over HTTP: enough of the protocol to drive Chromium through
/// chromedriver in the browser tests (navigate, find, click, type, read, run script, screenshot).
///
/// It speaks HTTP through Hummingbird's NIO test client: chromedriver writes its headers without a
/// space after the colon, which FoundationNetworking's URLSession rejects ("Failed writing header").
struct WebDriver: Sendable {
    /// A failed WebDriver command: the command, the driver's error code and its message.
    struct Failure: Error, CustomStringConvertible {
        let command: String
        let error: String
        let message: String
        var description: String { "WebDriver \(command): \(error): \(message)" }
    }

    /// An element of the page, as the driver names it.
    struct Element: Sendable {
        let id: String
        let selector: String
    }

    /// The W3C key under which an element reference travels.
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    let client: TestClient
    let port: Int
    let session: String

    /// A client of the chromedriver listening on `port` of the loopback interface.
    static func client(port: Int) -> TestClient {
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(60)))
        client.connect()
        return client
    }

    /// Starts a browser session with `capabilities` (the `alwaysMatch` object).
    static func start(driverPort port: Int, capabilities: [String: Any]) async throws -> WebDriver {
        let client = client(port: port)
        let value = try await send(client, port: port, "POST", "session", body: ["capabilities": ["alwaysMatch": capabilities]])
        guard let object = value as? [String: Any], let id = object["sessionId"] as? String else {
            try? await client.shutdown()
            throw Failure(command: "new session", error: "bad answer", message: "\(value ?? "nil")")
        }
        return WebDriver(client: client, port: port, session: id)
    }

    /// Ends the session and closes the browser.
    func quit() async {
        _ = try? await command("DELETE", "")
        try? await client.shutdown()
    }

    // MARK: Commands

    func navigate(to url: String) async throws {
        try await command("POST", "/url", ["url": url])
    }

    func currentURL() async throws -> String {
        try await command("GET", "/url") as? String ?? ""
    }

    /// The first element matching a CSS selector, or nil when there is none yet.
    func find(_ selector: String) async throws -> Element? {
        do {
            let value = try await command("POST", "/element", ["using": "css selector", "value": selector])
            guard let object = value as? [String: Any], let id = object[Self.elementKey] as? String else { return nil }
            return Element(id: id, selector: selector)
        } catch let failure as Failure where failure.error == "no such element" {
            return nil
        }
    }

    func findAll(_ selector: String) async throws -> [Element] {
        let value = try await command("POST", "/elements", ["using": "css selector", "value": selector])
        return (value as? [[String: Any]] ?? []).compactMap { ($0[Self.elementKey] as? String).map { Element(id: $0, selector: selector) } }
    }

    func click(_ element: Element) async throws {
        try await command("POST", "/element/\(element.id)/click", [:])
    }

    func type(_ text: String, into element: Element) async throws {
        try await command("POST", "/element/\(element.id)/value", ["text": text])
    }

    func text(of element: Element) async throws -> String {
        try await command("GET", "/element/\(element.id)/text") as? String ?? ""
    }

    func attribute(_ name: String, of element: Element) async throws -> String? {
        try await command("GET", "/element/\(element.id)/attribute/\(name)") as? String
    }

    /// Runs a script in the page (`return …` gives its value) with JSON arguments.
    @discardableResult
    func execute(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await command("POST", "/execute/sync", ["script": script, "args": arguments])
    }

    /// The text of an open `window.confirm`/`alert` dialog, nil when none is open.
    func dialogText() async throws -> String? {
        do {
            return try await command("GET", "/alert/text") as? String
        } catch let failure as Failure where failure.error == "no such alert" {
            return nil
        }
    }

    func acceptDialog() async throws {
        try await command("POST", "/alert/accept", [:])
    }

    func deleteAllCookies() async throws {
        try await command("DELETE", "/cookie")
    }

    /// A PNG of the whole page (beyond the viewport), through the DevTools protocol chromedriver
    /// forwards; the plain W3C screenshot only covers the viewport.
    func fullPageScreenshot() async throws -> Data {
        let value = try await command(
            "POST", "/goog/cdp/execute",
            ["cmd": "Page.captureScreenshot", "params": ["format": "png", "captureBeyondViewport": true]])
        guard let object = value as? [String: Any], let base64 = object["data"] as? String,
            let png = Data(base64Encoded: base64)
        else { throw Failure(command: "screenshot", error: "bad answer", message: "no PNG data") }
        return png
    }

    // MARK: Waiting

    /// Polls `condition` until it gives a value or `timeout` passes; the failure names `what`
    /// was awaited and the page it was awaited on.
    func wait<T>(
        for what: String, timeout: Duration = .seconds(15), _ condition: () async throws -> T?
    ) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if let value = try await condition() { return value }
            if clock.now >= deadline {
                let url = (try? await currentURL()) ?? "?"
                throw Failure(command: "wait", error: "timeout", message: "\(what) did not happen within \(timeout) on \(url)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits for an element matching `selector` to be present.
    func waitForElement(_ selector: String, timeout: Duration = .seconds(15)) async throws -> Element {
        try await wait(for: "an element \(selector)", timeout: timeout) { try await find(selector) }
    }

    /// Waits for the document to have finished loading at a URL whose path satisfies `path`.
    func waitForPage(_ description: String, timeout: Duration = .seconds(15), path: @escaping (String) -> Bool) async throws {
        // A page between two documents may refuse a command for a moment: that is "not yet".
        _ = try await wait(for: "the page \(description)", timeout: timeout) { () -> Bool? in
            guard let url = try? await currentURL(), let p = URLComponents(string: url)?.path, path(p) else { return nil }
            return (try? await execute("return document.readyState")) as? String == "complete" ? true : nil
        }
    }

    // MARK: Transport

    @discardableResult
    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        try await Self.send(client, port: port, method, "session/\(session)\(path)", body: body)
    }

    /// Sends one command and unwraps `value`; a W3C error answer becomes a `Failure`.
    static func send(_ client: TestClient, port: Int, _ method: String, _ path: String, body: [String: Any]?) async throws -> Any? {
        var headers: HTTPFields = [:]
        var buffer: ByteBuffer?
        if let body {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
            headers[.contentType] = "application/json; charset=utf-8"
        }
        let response = try await client.execute(
            TestClient.Request(
                "/" + path, method: HTTPRequest.Method(rawValue: method) ?? .get, authority: "127.0.0.1:\(port)",
                headers: headers, body: buffer))
        let data = response.body.map { Data($0.readableBytesView) } ?? Data()
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let value = object?["value"]
        let status = Int(response.status.code)
        if status >= 400 {
            let error = value as? [String: Any]
            throw Failure(
                command: "\(method) \(path)", error: error?["error"] as? String ?? "HTTP \(status)",
                message: error?["message"] as? String ?? String(decoding: data.prefix(500), as: UTF8.self))
        }
        return value is NSNull ? nil : value
    }
}
