import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Gzip for text-like responses above a small size, when the client accepts it (issue 18):
/// `/thong-ke` went over the wire as 421 KB of HTML, nine seconds on a slow 3G link.
///
/// Bodies of known length are compressed at once; streamed ones (exports) chunk by chunk as they
/// are written, so memory stays flat. Already-compressed types (XLSX, images, PDF) pass as they
/// are. Compressing pages that carry a secret next to reflected input would open BREACH; the
/// secret on hoctap's pages, the CSRF token, is masked afresh for every response (`CSRFToken`).
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Below this, gzip's header and checksum outweigh what it saves.
    var minimumBytes = 1_024

    static var compressibleTypes: [String] {
        ["text/", "application/json", "application/xml", "application/yaml", "application/rss+xml", "application/atom+xml",
         "application/problem+json", "image/svg+xml", "application/javascript"]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        let type = response.headers[.contentType]?.lowercased() ?? ""
        guard Self.compressibleTypes.contains(where: type.hasPrefix) else { return response }
        // The answer differs by Accept-Encoding from here on, whatever this client sent.
        response.headers.append(HTTPField(name: .vary, value: "Accept-Encoding"))
        guard Self.acceptsGzip(request.headers[values: .acceptEncoding]), request.method != .head,
              response.headers[.contentEncoding] == nil, response.status != .noContent, response.status != .notModified,
              (response.body.contentLength ?? Int.max) >= minimumBytes else { return response }
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        let body = response.body
        response.body = ResponseBody { writer in
            let compressor = CompressionAlgorithm.gzip().compressor
            try compressor.startStream()
            try await body.write(GzipBodyWriter(parent: writer, compressor: compressor))
        }
        return response
    }

    /// Whether `Accept-Encoding` names gzip (or `*`) without `q=0`.
    static func acceptsGzip(_ values: [String]) -> Bool {
        for entry in values.flatMap({ $0.split(separator: ",") }) {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0 { return true }
        }
        return false
    }
}

/// Deflates what the body writes and hands it to the real writer; `finish` writes gzip's tail
/// before finishing the response.
struct GzipBodyWriter: ResponseBodyWriter {
    var parent: any ResponseBodyWriter
    let compressor: any NIOCompressor

    mutating func write(_ buffer: ByteBuffer) async throws {
        var input = buffer
        guard input.readableBytes > 0 else { return }
        var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: input))
        try compressor.streamDeflate(from: &input, to: &output, flush: .no)
        // Never an empty write: in chunked encoding an empty chunk would end the body.
        if output.readableBytes > 0 { try await parent.write(output) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        var empty = ByteBuffer()
        var output = ByteBufferAllocator().buffer(capacity: 64 * 1024)
        // zlib may hold more than one buffer's worth: drain it until `finish` completes.
        while true {
            do {
                try compressor.streamDeflate(from: &empty, to: &output, flush: .finish)
                break
            } catch let error as CompressNIOError where error == .bufferOverflow {
                if output.readableBytes > 0 { try await parent.write(output) }
                output = ByteBufferAllocator().buffer(capacity: 64 * 1024)
            }
        }
        try compressor.finishStream()
        if output.readableBytes > 0 { try await parent.write(output) }
        try await parent.finish(trailingHeaders)
    }
}
