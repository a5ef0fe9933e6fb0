import Casework
import Testing

@Suite struct EvidencePolicyTests {
    static let zipHeader: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]

    @Test func sniffsByContent() {
        #expect(EvidenceFileType.sniff(Array("%PDF-1.7\n".utf8)) == .pdf)
        #expect(EvidenceFileType.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(EvidenceFileType.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(EvidenceFileType.sniff(Array("死亡证明：2025-01-03\r\n\t备注".utf8)) == .text)
        #expect(EvidenceFileType.sniff(Self.zipHeader + Array("[Content_Types].xmlword/document.xml".utf8)) == .docx)
        #expect(EvidenceFileType.sniff(Self.zipHeader + Array("xl/workbook.xml".utf8)) == .xlsx)
        #expect(EvidenceFileType.sniff(Self.zipHeader + Array("payload.exe".utf8)) == nil)
        #expect(EvidenceFileType.sniff([0x4D, 0x5A, 0x90, 0x00]) == nil)  // a Windows executable
        #expect(EvidenceFileType.sniff([0xC3, 0x28]) == nil)  // not UTF-8
        #expect(EvidenceFileType.sniff([]) == nil)
    }

    @Test func refusesOversizedAndWrongTypes() {
        let policy = EvidencePolicy(maxBytes: 16, allowed: [.pdf, .text])
        #expect((try? policy.check(Array("%PDF-1.4".utf8), name: "a.pdf").get()) == .pdf)
        let big = policy.check([UInt8](repeating: 0x41, count: 17), name: "big.txt")
        #expect(big.refusal?.code == .evidenceTooLarge)
        #expect(big.refusal?.reason.contains("big.txt") == true)
        let png = policy.check([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], name: "photo.pdf")
        #expect(png.refusal?.code == .evidenceType)
        #expect(png.refusal?.reason.contains("photo.pdf") == true)
    }
}
