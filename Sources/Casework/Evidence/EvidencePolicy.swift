/// What evidence files a deployment accepts: a size limit and a set of types (by content).
public struct EvidencePolicy: Sendable, Hashable {
    public var maxBytes: Int
    public var allowed: Set<EvidenceFileType>

    public init(maxBytes: Int = 20 * 1024 * 1024, allowed: Set<EvidenceFileType> = Set(EvidenceFileType.allCases).subtracting([.html])) {
        self.maxBytes = maxBytes
        self.allowed = allowed
    }

    /// The file's type, or why it is refused: too large (`evidence_too_large`) or not an allowed
    /// type by its content (`evidence_type`). `name` only labels the message.
    public func check(_ bytes: [UInt8], name: String) -> Result<EvidenceFileType, CaseRefusal> {
        guard bytes.count <= maxBytes else {
            return .failure(
                CaseRefusal(
                    .evidenceTooLarge,
                    "文件“\(name)”大小 \(bytes.count) 字节，超过上限 \(maxBytes) 字节；请压缩或拆分后再上传"))
        }
        guard let type = EvidenceFileType.sniff(bytes), allowed.contains(type) else {
            let list = allowed.map(\.rawValue).sorted().joined(separator: "、")
            return .failure(
                CaseRefusal(.evidenceType, "文件“\(name)”的内容不是允许的类型（\(list)）；请转换为 PDF 或图片后再上传"))
        }
        return .success(type)
    }
}
