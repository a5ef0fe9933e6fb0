import Collaboration
import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import WebApp

/// The collaboration pages through the router, signed in as people are: a request sent from the
/// case page, answered on the liaison's form, clues sent and accepted or returned, and the
/// feedback page's precision — each side seeing only its own.
@Suite struct CollaborationPagesTests {
    static func form(_ browser: Browser, _ fields: [(String, String)]) -> ByteBuffer {
        let pairs = [("_csrf", browser.csrf)] + fields
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.~"))
        return ByteBuffer(
            string: pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
                .joined(separator: "&"))
    }

    @Test func aRequestSentFromTheCasePageIsAnsweredOnTheLiaisonsForm() async throws {
        let c = try await CollaborationWorld()
        let auditor = try await CaseAPITests.token(c.world, "lixia.auditor", seed: 800, scopes: CaseCollaborationWiringTests.allScopes)
        let alert = try #require(c.world.alerts["370102.red"])
        let person = try #require(c.world.persons["370102"]).value
        try await c.world.test { client in
            try await c.assignDepartments(client)
            let (_, opened) = try await CaseAPITests.post(client, "/api/v1/cases", auditor, #"{"alert_ids": [\#(alert)]}"#)
            let caseID = try #require(opened["id"] as? String)
            let sender = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: sender.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("发起协查") && html.contains("/collaboration/requests"))
                #expect(html.contains("/cases/\(caseID)/documents") && html.contains("/cases/\(caseID)/evidence-pack"))
            }
            // Sent from the case: the subject is the case's person, typed by nobody.
            let location = try await client.execute(
                uri: "/collaboration/requests", method: .post, headers: sender.formHeaders(),
                body: Self.form(sender, [("case_id", caseID), ("kind", "death_status"), ("addressee_region", "370202"), ("questions", "请核实死亡日期")])
            ) { response in
                #expect(response.status == .seeOther)
                return try #require(response.headers[.location])
            }
            #expect(location.hasPrefix("/collaboration/requests/"))
            try await client.execute(uri: location, method: .get, headers: sender.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("死亡状态核查") && html.contains("民政") && html.contains("请核实死亡日期"))
                #expect(!html.contains(person))
                // The sender sees no answer form.
                #expect(!html.contains("answer-form"))
            }
            // Another county's auditor does not see it; the police liaison neither.
            let outsider = try await client.signIn("shizhong.auditor")
            try await client.execute(uri: location, method: .get, headers: outsider.headers) { #expect($0.status == .notFound) }
            let police = try await client.signIn("qingdao.police")
            try await client.execute(uri: location, method: .get, headers: police.headers) { #expect($0.status == .notFound) }

            let civil = try await client.signIn("qingdao.civil")
            try await client.execute(uri: "/collaboration", method: .get, headers: civil.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("民政联络员") && html.contains(location))
                #expect(!html.contains("移送线索"))
            }
            let version = try await client.execute(uri: location, method: .get, headers: civil.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("answer-form"))
                let marker = "name=\"expected_version\" value=\""
                let start = try #require(html.range(of: marker)).upperBound
                return String(html[start...].prefix { $0 != "\"" })
            }
            // A death without its date is refused, naming the field.
            try await client.execute(
                uri: location + "/answer", method: .post, headers: civil.formHeaders(),
                body: Self.form(civil, [("expected_version", version), ("kind", "death_status"), ("status", "dead"), ("officer", "王科员"), ("source_document", "死亡证明 No.17")])
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("date"))
            }
            try await client.execute(
                uri: location + "/answer", method: .post, headers: civil.formHeaders(),
                body: Self.form(civil, [("expected_version", version), ("kind", "death_status"), ("status", "dead"), ("date", "2026-05-03"), ("officer", "王科员"), ("source_document", "死亡证明 No.17")])
            ) { #expect($0.status == .seeOther) }
            try await client.execute(uri: location, method: .get, headers: sender.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("已死亡，死亡日期 2026-05-03") && html.contains("王科员"))
            }
            // The answer is in the case's evidence chain.
            try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: sender.headers) { response in
                #expect(String(buffer: response.body).contains("民政协查答复"))
            }
        }
    }

    @Test func cluesAreSentAndAcceptedOrReturnedOnThePages() async throws {
        let c = try await CollaborationWorld()
        let person = try #require(c.world.persons["370102"]).value
        try await c.world.test { client in
            let sender = try await client.signIn("lixia.auditor")
            for summary in ["在青岛领取待遇，户籍地已死亡", "疑似重复领取"] {
                try await client.execute(
                    uri: "/collaboration/clues", method: .post, headers: sender.formHeaders(),
                    body: Self.form(sender, [("to_region", "370202"), ("subject_id_number", person), ("subject_name", "张三丰"), ("summary", summary), ("amount_yuan", "4800.50")])
                ) { #expect($0.status == .seeOther) }
            }
            // An unknown region is refused with what to type.
            try await client.execute(
                uri: "/collaboration/clues", method: .post, headers: sender.formHeaders(),
                body: Self.form(sender, [("to_region", "379999"), ("subject_id_number", person), ("summary", "x")])
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("379999"))
            }
            let clues = try await c.world.database.clues(in: RegionScope(code: "370202")!, direction: .incoming)
            #expect(clues.count == 2)
            #expect(clues.allSatisfy { $0.amountFen == 480_050 })
            let receiver = try await client.signIn("shinan.auditor")
            try await client.execute(uri: "/collaboration", method: .get, headers: receiver.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("接收并立案") && html.contains("疑似重复领取"))
                #expect(!html.contains(person) && !html.contains("张三丰"))
            }
            let accepted = try #require(clues.first { $0.summary.contains("死亡") })
            let returned = try #require(clues.first { $0.summary.contains("重复") })
            let caseURL = try await client.execute(
                uri: "/collaboration/clues/\(accepted.id)/action", method: .post, headers: receiver.formHeaders(),
                body: Self.form(receiver, [("action", "accept"), ("expected_version", "1")])
            ) { response in
                #expect(response.status == .seeOther)
                return try #require(response.headers[.location])
            }
            #expect(caseURL.hasPrefix("/cases/370202-"))
            try await client.execute(uri: caseURL, method: .get, headers: receiver.headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("移送线索"))
            }
            // Returning needs a reason.
            try await client.execute(
                uri: "/collaboration/clues/\(returned.id)/action", method: .post, headers: receiver.formHeaders(),
                body: Self.form(receiver, [("action", "return"), ("reason", " ")])
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(
                uri: "/collaboration/clues/\(returned.id)/action", method: .post, headers: receiver.formHeaders(),
                body: Self.form(receiver, [("action", "return"), ("reason", "当事人不在本区")])
            ) { #expect($0.status == .seeOther) }
            // Both sides see the outcome.
            let sender2 = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/collaboration", method: .get, headers: sender2.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("已接收") && html.contains("已退回") && html.contains("当事人不在本区"))
                #expect(html.contains(caseURL.replacingOccurrences(of: "/cases/", with: "")))
            }
            // The sender's region cannot open the receiver's case.
            try await client.execute(uri: caseURL, method: .get, headers: sender2.headers) { #expect($0.status == .notFound) }
        }
    }

    @Test func theFeedbackPageShowsPrecisionFromDecisions() async throws {
        let c = try await CollaborationWorld()
        let supervisor = try await CaseAPITests.token(c.world, "lixia.supervisor", seed: 801, scopes: CaseCollaborationWiringTests.allScopes)
        let auditor = try await CaseAPITests.token(c.world, "lixia.auditor", seed: 802, scopes: CaseCollaborationWiringTests.allScopes)
        let reviewer = try await CaseAPITests.token(c.world, "lixia.reviewer", seed: 803, scopes: CaseCollaborationWiringTests.allScopes)
        let alert = try #require(c.world.alerts["370102.red"])
        try await c.world.test { client in
            let (_, opened) = try await CaseAPITests.post(client, "/api/v1/cases", auditor, #"{"alert_ids": [\#(alert)]}"#)
            let id = try #require(opened["id"] as? String)
            for (token, json) in [
                (auditor, #""action": "start_verification""#), (reviewer, #""action": "file_case""#),
                (supervisor, #""action": "decide", "outcome": "confirmed_fraud", "summary": "查实冒领""#),
            ] {
                let (_, current) = try await CaseAPITests.get(client, "/api/v1/cases/\(id)", auditor)
                let version = try #require((current["case"] as? [String: Any])?["version"] as? Int)
                let (s, body) = try await CaseAPITests.post(
                    client, "/api/v1/cases/\(id)/transitions", token, "{\(json), \"expected_version\": \(version)}")
                #expect(s == .ok, "\(json) → \(body)")
            }
            let browser = try await client.signIn("jinan.leader")
            try await client.execute(uri: "/collaboration/feedback", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("规则查实率") && html.contains("pension_after_death") && html.contains("100.0%"))
                // Only a supervisor turns suggestions into rectification tasks.
                #expect(!html.contains("立为整改任务"))
            }
            let outsider = try await client.signIn("shinan.auditor")
            try await client.execute(uri: "/collaboration/feedback", method: .get, headers: outsider.headers) { response in
                #expect(!String(buffer: response.body).contains("pension_after_death"))
            }
        }
    }
}
