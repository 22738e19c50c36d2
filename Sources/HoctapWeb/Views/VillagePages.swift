import HoctapDomain
import HoctapServices
import Plot

/// The form that creates or edits a village.
enum VillageFormPage {
    struct Model {
        var commune: Area
        /// Present when editing.
        var village: Area?
        var name = ""
        var kind = AreaKind.thon
        var localCode = ""
        var version: Int?
        var issues: [FieldIssue] = []
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let editing = model.village != nil
        let action = editing ? SiteURL.editVillage(model.village!.id).path : SiteURL.newVillage(commune: model.commune.id).path
        return Layout.page(
            title: editing ? "Sửa \(model.village!.fullName)" : "Thêm thôn, tổ dân phố",
            chrome: model.chrome,
            breadcrumbs: [(model.commune.fullName, SiteURL.area(model.commune.id).path)],
            [
                Notice.formErrors(model.issues),
                Tag.form(action: action, csrf: model.chrome.csrfToken, [
                    Tag.select("kind", label: "Loại", options: AreaKind.kinds(of: .village).map { ($0.rawValue, $0.label) },
                               selected: model.kind.rawValue, error: model.issues.message(for: "kind")),
                    Tag.field("name", label: "Tên", value: model.name, hint: "Chỉ ghi tên, không ghi loại: \"Đông\", không ghi \"Thôn Đông\".",
                              error: model.issues.message(for: "name"), required: true),
                    .if(!editing, Tag.field("code", label: "Mã thôn (không bắt buộc)", value: model.localCode,
                                            hint: "Để trống để hệ thống tự đánh số 01, 02…", error: model.issues.message(for: "code"))),
                    .unwrap(model.version) { Tag.hidden("version", String($0)) },
                    .div(.class("actions"), Tag.submit(editing ? "Lưu thay đổi" : "Thêm"),
                         Tag.link("Hủy", SiteURL.area(model.village?.id ?? model.commune.id).path, classes: "button secondary")),
                ]),
            ])
    }
}

/// Uploading a CSV of villages, and the result: counts, or every bad line.
enum VillageImportPage {
    struct Model {
        var commune: Area
        var report: VillageImportReport?
        var failure: ImportFailure?
        var fileName: String?
        var error: String?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        // Multipart bodies are not parsed before the CSRF check, so the token rides in the URL.
        let action = SiteURL.importVillages(commune: model.commune.id).path
        return Layout.page(
            title: "Nhập thôn, tổ dân phố từ tệp CSV", chrome: model.chrome,
            breadcrumbs: [(model.commune.fullName, SiteURL.area(model.commune.id).path)],
            [
                .unwrap(model.report) { report in
                    Notice.ok("Đã nhập \(model.fileName ?? "tệp"): thêm \(report.created), sửa \(report.updated), giữ nguyên \(report.unchanged).")
                },
                .unwrap(model.error) { Notice.error($0) },
                .unwrap(model.failure) { failure in
                    .group(
                        Notice.error("Tệp \(model.fileName ?? "") có \(failure.issues.count)\(failure.truncated ? "+" : "") lỗi; chưa ghi gì. Sửa các dòng dưới đây rồi tải lên lại."),
                        .div(.class("table-wrap"), .table(
                            .thead(.tr(.th(.class("num"), .text("Dòng")), .th(.text("Cột")), .th(.text("Lỗi")))),
                            .tbody(.forEach(failure.issues) { issue in
                                .tr(.td(.class("num"), .text(String(issue.line))),
                                    .td(.text([issue.column.map(String.init), issue.columnName].compactMap { $0 }.joined(separator: " · "))),
                                    .td(.text(issue.message)))
                            })
                        ))
                    )
                },
                .div(.class("card"),
                     .p(.text("Tệp CSV (UTF-8, dấu phẩy) có dòng tiêu đề với các cột:")),
                     .ul(
                        .li(.element(named: "code", nodes: [BodyNode.text("name")]), .text(" – tên thôn, tổ dân phố (bắt buộc)")),
                        .li(.element(named: "code", nodes: [BodyNode.text("kind")]), .text(" – loại: Thôn, Bản, Ấp, Tổ dân phố… (bắt buộc)")),
                        .li(.element(named: "code", nodes: [BodyNode.text("code")]), .text(" – mã thôn trong xã (không bắt buộc)"))
                     ),
                     .p(.class("hint"), .text("Ví dụ: name,kind,code ⏎ Đông,Thôn,01 ⏎ Tây,Thôn,02. Chạy lại cùng tệp không tạo trùng: thôn đã có được giữ nguyên hoặc cập nhật."))),
                Tag.form(action: action, csrf: model.chrome.csrfToken, multipart: true, [
                    Tag.field("file", label: "Tệp CSV", type: "file", required: true,
                              extra: [Tag.attribute("accept", ".csv,text/csv")]),
                    .div(Tag.submit("Tải lên và nhập")),
                ]),
            ])
    }
}
