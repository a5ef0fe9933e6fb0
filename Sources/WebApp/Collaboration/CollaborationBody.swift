import Foundation
import Hummingbird
import NIOCore

/// JSON request bodies of the collaboration API: snake_case keys, dates as `YYYY-MM-DD`. A body
/// that does not decode is refused with the field that failed and what was expected.
enum CollaborationBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext, example: String)
        async throws -> T
    {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw AppError.badRequest("请求体有误（\(describe(error))）；格式示例：\(example)", code: "invalid_body")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map(String.init) ?? snake($0.stringValue) }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let c): return "缺少字段 \(path(c.codingPath + [key]))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "字段 \(path(c.codingPath)) 的类型不对"
        case .dataCorrupted(let c):
            return c.codingPath.isEmpty ? "不是有效的 JSON" : "字段 \(path(c.codingPath)) 的值无效：\(c.debugDescription)"
        @unknown default: return "无法解析"
        }
    }

    static func snake(_ key: String) -> String {
        var out = ""
        for ch in key {
            if ch.isUppercase {
                out += "_" + ch.lowercased()
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
