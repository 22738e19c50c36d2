import Foundation

// libFuzzer target: the OAI-PMH answer parser, fed whatever a library (or an attacker posing as
// one) could send. It must answer or refuse, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOAI(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Data(bytes: data, count: size)
    do {
        let response = try OAIParser.parse(input)
        _ = response.records.count
    } catch {
        precondition(!error.description.isEmpty)
    }
    return 0
}
