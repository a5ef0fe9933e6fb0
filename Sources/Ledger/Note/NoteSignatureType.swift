/// Signature type bytes of the signed-note registry.
public enum NoteSignatureType {
    /// Ed25519 over the note text (C2SP signed-note).
    public static let ed25519: UInt8 = 0x01
    /// Timestamped Ed25519 checkpoint cosignatures (C2SP tlog-cosignature, cosignature/v1).
    public static let cosignatureV1: UInt8 = 0x04
}
