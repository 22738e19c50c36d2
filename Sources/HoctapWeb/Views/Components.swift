import HoctapDomain
import HoctapServices
import Plot

typealias BodyNode = Node<HTML.BodyContext>

/// Small building blocks shared by every page. They build elements by name so that forms can
/// mix freely with body content, and every attribute value goes through `HTMLEscape`.
enum Tag {
    static func attribute(_ name: String, _ value: String) -> Attribute<HTML.BodyContext> {
        .attribute(named: name, value: HTMLEscape.attribute(value))
    }

    /// A form; POST forms carry the CSRF token as their first field.
    static func form(action: String, method: String = "post", csrf: String?, multipart: Bool = false,
                     classes: String = "stack", _ children: [BodyNode]) -> BodyNode {
        var nodes: [BodyNode] = [.attr("action", action), .attr("method", method), .class(classes)]
        if multipart { nodes.append(.attr("enctype", "multipart/form-data")) }
        if method == "post", let csrf { nodes.append(hidden("_csrf", csrf)) }
        return .element(named: "form", nodes: nodes + children)
    }

    static func hidden(_ name: String, _ value: String) -> BodyNode {
        .selfClosedElement(named: "input", attributes: [attribute("type", "hidden"), attribute("name", name), attribute("value", value)])
    }

    /// A labelled input with its hint and error, wired with `aria-describedby` for screen readers.
    static func field(
        _ name: String, label: String, value: String = "", type: String = "text", hint: String? = nil,
        error: String? = nil, required: Bool = false, autocomplete: String? = nil, extra: [Attribute<HTML.BodyContext>] = []
    ) -> BodyNode {
        let id = "f-\(name)"
        var attributes = [attribute("type", type), attribute("id", id), attribute("name", name)] + extra
        if type != "password" && type != "file" { attributes.append(attribute("value", value)) }
        if required { attributes.append(attribute("required", "required")) }
        if let autocomplete { attributes.append(attribute("autocomplete", autocomplete)) }
        var described: [String] = []
        if hint != nil { described.append("\(id)-hint") }
        if error != nil {
            described.append("\(id)-error")
            attributes.append(attribute("aria-invalid", "true"))
        }
        if !described.isEmpty { attributes.append(attribute("aria-describedby", described.joined(separator: " "))) }
        return .div(
            .element(named: "label", nodes: [BodyNode.attr("for", id), .text(label)]),
            .selfClosedElement(named: "input", attributes: attributes),
            .if(hint != nil, .p(.class("hint"), .attr("id", "\(id)-hint"), .text(hint ?? ""))),
            .if(error != nil, .p(.class("field-error"), .attr("id", "\(id)-error"), .text(error ?? "")))
        )
    }

    /// A labelled `<select>`.
    static func select(_ name: String, label: String, options: [(value: String, label: String)], selected: String?,
                       error: String? = nil, hint: String? = nil) -> BodyNode {
        let id = "f-\(name)"
        var selectNodes: [BodyNode] = [.attr("id", id), .attr("name", name)]
        if error != nil { selectNodes.append(.attr("aria-invalid", "true")) }
        for option in options {
            var optionNodes: [BodyNode] = [.attr("value", option.value)]
            if option.value == selected { optionNodes.append(.attr("selected", "selected")) }
            optionNodes.append(.text(option.label))
            selectNodes.append(.element(named: "option", nodes: optionNodes))
        }
        return .div(
            .element(named: "label", nodes: [BodyNode.attr("for", id), .text(label)]),
            .element(named: "select", nodes: selectNodes),
            .if(hint != nil, .p(.class("hint"), .text(hint ?? ""))),
            .if(error != nil, .p(.class("field-error"), .text(error ?? "")))
        )
    }

    static func submit(_ label: String, classes: String = "") -> BodyNode {
        .element(named: "button", nodes: [BodyNode.attr("type", "submit"), .class(classes), .text(label)])
    }

    /// A one-button form (disable, enable, sign out) that posts with the CSRF token.
    static func postButton(_ label: String, action: String, csrf: String?, classes: String = "secondary",
                           hidden: [(String, String)] = []) -> BodyNode {
        form(action: action, csrf: csrf, classes: "inline", hidden.map { Tag.hidden($0.0, $0.1) } + [submit(label, classes: classes)])
    }

    static func link(_ label: String, _ url: String, classes: String? = nil) -> BodyNode {
        .element(named: "a", nodes: [BodyNode.attr("href", url), .class(classes ?? ""), .text(label)])
    }
}

/// Messages shown above a page's content.
enum Notice {
    static func ok(_ message: String) -> BodyNode {
        .div(.class("notice ok"), .attr("role", "status"), .text(message))
    }

    static func error(_ message: String, details: [String] = []) -> BodyNode {
        .div(.class("notice bad"), .attr("role", "alert"),
             .p(.class("lead"), .text(message)),
             .if(!details.isEmpty, .ul(.forEach(details) { .li(.text($0)) })))
    }

    /// A summary of a form's field errors, first in reading order.
    static func formErrors(_ issues: [FieldIssue]) -> BodyNode {
        .if(!issues.isEmpty, error("Chưa lưu được: hãy sửa các ô được đánh dấu.", details: issues.map(\.message)))
    }
}

extension Array where Element == FieldIssue {
    /// The first message for `field`, if any.
    func message(for field: String) -> String? { first { $0.field == field }?.message }
}
