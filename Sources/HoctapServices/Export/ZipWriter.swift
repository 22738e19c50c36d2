/// A ZIP archive written front to back, entry by entry, without knowing sizes in advance
/// (each entry's CRC and sizes follow its data in a descriptor), so a large export can be sent
/// while it is being produced. Entries are stored, not deflated: the standard library has no
/// deflate, and every spreadsheet reader accepts stored entries.
public struct ZipWriter {
    private var sink: (ArraySlice<UInt8>) throws -> Void
    private var offset: UInt32 = 0
    private var central: [UInt8] = []
    private var count: UInt16 = 0
    private var current: (name: [UInt8], start: UInt32, crc: CRC32, size: UInt32)?

    /// `sink` receives the archive's bytes in order.
    public init(sink: @escaping (ArraySlice<UInt8>) throws -> Void) {
        self.sink = sink
    }

    public mutating func beginEntry(_ name: String) throws {
        try finishEntry()
        let nameBytes = Array(name.utf8)
        var header: [UInt8] = []
        header.append(le32: 0x0403_4B50)
        header.append(le16: 20)          // version needed
        header.append(le16: 0x0808)      // data descriptor follows; names are UTF-8
        header.append(le16: 0)           // stored
        header.append(le16: 0); header.append(le16: 0x21)  // time, date (1980-01-01)
        header.append(le32: 0); header.append(le32: 0); header.append(le32: 0)
        header.append(le16: UInt16(nameBytes.count)); header.append(le16: 0)
        header += nameBytes
        current = (nameBytes, offset, CRC32(), 0)
        try emit(header[...])
    }

    public mutating func write(_ bytes: some Collection<UInt8>) throws {
        guard current != nil else { preconditionFailure("write before beginEntry") }
        let array = Array(bytes)
        current!.crc.update(array)
        current!.size &+= UInt32(array.count)
        try emit(array[...])
    }

    public mutating func write(_ text: String) throws { try write(text.utf8) }

    private mutating func finishEntry() throws {
        guard let entry = current else { return }
        current = nil
        var descriptor: [UInt8] = []
        descriptor.append(le32: 0x0807_4B50)
        descriptor.append(le32: entry.crc.value); descriptor.append(le32: entry.size); descriptor.append(le32: entry.size)
        try emit(descriptor[...])
        central.append(le32: 0x0201_4B50)
        central.append(le16: 20); central.append(le16: 20); central.append(le16: 0x0808); central.append(le16: 0)
        central.append(le16: 0); central.append(le16: 0x21)
        central.append(le32: entry.crc.value); central.append(le32: entry.size); central.append(le32: entry.size)
        central.append(le16: UInt16(entry.name.count)); central.append(le16: 0); central.append(le16: 0)
        central.append(le16: 0); central.append(le16: 0); central.append(le32: 0)
        central.append(le32: entry.start)
        central += entry.name
        count += 1
    }

    /// Writes the central directory; the archive is complete after this.
    public mutating func finish() throws {
        try finishEntry()
        let start = offset
        try emit(central[...])
        var end: [UInt8] = []
        end.append(le32: 0x0605_4B50)
        end.append(le16: 0); end.append(le16: 0); end.append(le16: count); end.append(le16: count)
        end.append(le32: UInt32(central.count)); end.append(le32: start); end.append(le16: 0)
        try emit(end[...])
    }

    private mutating func emit(_ bytes: ArraySlice<UInt8>) throws {
        offset &+= UInt32(bytes.count)
        try sink(bytes)
    }
}

/// CRC-32 (IEEE), as ZIP needs it.
struct CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }
    private var state: UInt32 = 0xFFFF_FFFF

    mutating func update(_ bytes: [UInt8]) {
        for byte in bytes { state = Self.table[Int((state ^ UInt32(byte)) & 0xFF)] ^ (state >> 8) }
    }

    var value: UInt32 { state ^ 0xFFFF_FFFF }
}

extension Array where Element == UInt8 {
    mutating func append(le16 value: UInt16) { append(UInt8(value & 0xFF)); append(UInt8(value >> 8)) }
    mutating func append(le32 value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
}
