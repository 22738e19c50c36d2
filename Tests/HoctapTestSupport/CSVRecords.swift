import HoctapDomain

/// The fields of every record of a CSV file, read with the importers' own parser.
public func csvRecords(_ bytes: [UInt8]) throws -> [[String]] {
    var records: [[String]] = []
    var parser = CSVParser()
    try parser.feed(bytes) { records.append($0.fields) }
    try parser.finish { records.append($0.fields) }
    return records
}
