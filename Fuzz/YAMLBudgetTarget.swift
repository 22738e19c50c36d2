import Foundation

// libFuzzer target: criteria-set YAML as an attacker sends it. The budget reads libyaml's
// events first; whatever it lets through must compose in Yams within bounds (no alias, so no
// expansion), and nothing may crash. Built with Yams' sources in the same module, so Yams'
// `compose` is called unqualified.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let yaml = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let budget = YAMLBudget(maximumBytes: 64 * 1024, maximumNodes: 2_000, maximumDepth: 24)
    do {
        try budget.check(yaml)
    } catch {
        precondition(!error.issues.isEmpty)
        return 0
    }
    if let node = try? compose(yaml: yaml) {
        precondition(count(node) <= 2_000, "the budget let an expansion through")
    }
    return 0
}

private func count(_ node: Node) -> Int {
    switch node {
    case .scalar, .alias: return 1
    case .sequence(let sequence): return 1 + sequence.reduce(0) { $0 + count($1) }
    case .mapping(let mapping): return 1 + mapping.reduce(0) { $0 + count($1.key) + count($1.value) }
    }
}
