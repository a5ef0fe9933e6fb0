import HTTPTypes

extension HTTPField.Name {
    /// `X-Frame-Options`, for browsers that predate CSP `frame-ancestors`.
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    /// The header an API call made from a page repeats its session's CSRF token in.
    static let xCSRFToken = HTTPField.Name("X-CSRF-Token")!
}
