import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import WebApp

extension BrowserTests {
    /// Every kind of page the app has, as a person at each screen size sees it: in Chinese, with
    /// nothing scrolling sideways, a screenshot each.
    static let pageKinds: [(user: String, name: String, path: String, expects: String)] = [
        ("lixia.supervisor", "alerts", "/alerts", "预警"),
        ("lixia.supervisor", "person-search", "/persons", "人员画像查询"),
        ("lixia.supervisor", "rules", "/rules", "规则库"),
        ("lixia.supervisor", "rule", "/rules/pension_after_death", "死亡后继续领取养老金"),
        ("lixia.supervisor", "imports", "/imports", "数据导入"),
        ("lixia.supervisor", "cases", "/cases", "案件"),
        ("lixia.supervisor", "collaboration", "/collaboration", "协查与线索"),
        ("lixia.supervisor", "risk-models", "/risk/models", "风险模型质量"),
        ("lixia.supervisor", "error", "/no-such-page", "出错了（404）"),
        // The national library's editor and the user administration: a national admin's pages.
        ("nation.admin", "rule-edit", "/rules/pension_after_death/edit", "死亡后继续领取养老金"),
        ("nation.admin", "admin", "/admin", "管理员"),
    ]

    @Test("every page kind at phone and desktop width: Chinese, no sideways scrolling, a screenshot", arguments: Viewport.both)
    func everyPageKind(viewport: Viewport) async throws {
        try await BrowserPage.run("pages", viewport: viewport) { page in
            var user: String? = nil
            for kind in Self.pageKinds {
                if user != kind.user {
                    if user != nil { try await page.signOut() }
                    try await page.signIn(kind.user)
                    user = kind.user
                }
                try await page.open(kind.path)
                try await page.waitForText(kind.expects)
                let text = try await page.bodyText()
                // The header's navigation is there and in Chinese, and no framework text leaks.
                #expect(text.contains("驾驶舱"), "\(kind.name): no navigation")
                #expect(!text.contains("Not Found") && !text.contains("Internal Server Error"), "\(kind.name)")
                #expect(try await page.horizontalOverflow() == 0, "\(kind.name) scrolls sideways at \(viewport.name)")
                try await page.screenshot(kind.name)
            }
        }
    }

    @Test("a ledger entry's inclusion is verified by the browser itself", arguments: Viewport.both)
    func ledgerInclusionVerifiedInTheBrowser(viewport: Viewport) async throws {
        let world = try await TestWorld()
        let alert = try #require(world.alerts["370102.yellow"])
        let token = try await world.token("lixia.auditor", scopes: ["read", "alerts:write"])
        // Two entries, so the proof of the first is not empty.
        try await world.test { client in
            for action in ["acknowledge", "assign"] {
                let body = action == "assign" ? #"{"action":"assign","assignee":"lixia.auditor2"}"# : #"{"action":"acknowledge"}"#
                try await client.execute(
                    uri: "/api/v1/alerts/\(alert)/actions", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: body)
                ) { #expect($0.status == .ok) }
            }
        }
        #expect(world.trail.size >= 2)
        try await BrowserPage.run("ledger", viewport: viewport, world: world) { page in
            try await page.signIn("lixia.auditor")
            try await page.open("/ledger-view?index=0")
            // The page's script hashes the entry and folds the proof up to the checkpoint's root.
            try await page.waitForText("包含证明有效（浏览器已核验）")
            #expect(try await page.horizontalOverflow() == 0)
            try await page.screenshot("1-verified")
        }
    }
}
