import NIOCore
import HTTPTypes
import Foundation
import Hummingbird

/// Builds JSON responses with one encoder setting for the whole API: snake_case keys, sorted,
/// ISO 8601 dates.
enum JSONOutput {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder().encode(value)) ?? Data("{\"code\":\"internal\",\"message\":\"编码失败\"}".utf8)
        return response(json: data, status: status)
    }

    /// A response of JSON already encoded (with `encoder()`'s settings).
    static func response(json data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
