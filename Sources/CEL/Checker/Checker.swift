/// Type checker placeholder (replaced below).
struct Checker {
    let source: SourceText
    let declarations: Declarations
    mutating func check(_ expr: Expr) throws(CELError) -> CELType { .dyn }
}
