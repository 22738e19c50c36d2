// libFuzzer target: the streaming CSV parser every import reads through. Bytes are fed in the
// chunk sizes the first byte chooses, so chunk boundaries fall everywhere; every record must
// stay within the parser's limits and any refusal must name a real position.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let chunk = max(1, Int(bytes.first ?? 1))
    var parser = CSVParser(maximumFields: 64, maximumFieldBytes: 256)
    do {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            try parser.feed(bytes[start..<end]) { record in
                precondition(record.fields.count <= 64 && record.line >= 1)
                precondition(record.fields.allSatisfy { $0.utf8.count <= 256 })
            }
            start = end
        }
        try parser.finish { record in precondition(record.fields.count <= 64) }
    } catch let error as CSVParser.SyntaxError {
        precondition(error.line >= 1 && error.column >= 1 && !error.message.isEmpty)
    } catch {
        preconditionFailure("unexpected error \(error)")
    }
    return 0
}
