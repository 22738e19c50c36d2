import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage

/// XML the portal publishes for machines: Atom and RSS feeds of news, the sitemap, robots.txt.
enum PortalFeeds {
    static func escape(_ text: String) -> String { XMLText.escape(text) }

    static func iso8601(_ moment: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: moment)
    }

    /// RFC 822 dates, as RSS 2.0 wants them.
    static func rfc822(_ moment: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: moment)
    }

    static func summary(_ article: ArticleRecord) -> String {
        article.summary.isEmpty ? ArticleMarkdown.excerpt(ArticleMarkdown.text(ofHTML: article.bodyHTML)) : article.summary
    }

    static func atom(_ articles: [ArticleRecord], title: String, selfURL: String, pageURL: String, base: String, now: Date) -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
            <title>\(escape(title))</title>
            <id>\(escape(selfURL))</id>
            <link rel="self" type="application/atom+xml" href="\(escape(selfURL))"/>
            <link rel="alternate" type="text/html" href="\(escape(pageURL))"/>
            <updated>\(iso8601(articles.map(\.updatedAt).max() ?? now))</updated>
            <generator>hoctap</generator>

            """
        for article in articles {
            let url = base + SiteURL.article(article.id, slug: article.slug).path
            xml += """
                <entry>
                <title>\(escape(article.title))</title>
                <id>\(escape(url))</id>
                <link rel="alternate" type="text/html" href="\(escape(url))"/>
                <published>\(iso8601(article.publishedAt ?? article.updatedAt))</published>
                <updated>\(iso8601(article.updatedAt))</updated>
                <author><name>\(escape(article.areaName))</name></author>
                \(article.category.isEmpty ? "" : "<category term=\"\(escape(article.category))\"/>")
                <summary>\(escape(summary(article)))</summary>
                <content type="html">\(escape(article.bodyHTML))</content>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }

    static func rss(_ articles: [ArticleRecord], title: String, selfURL: String, pageURL: String, base: String) -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel>
            <title>\(escape(title))</title>
            <link>\(escape(pageURL))</link>
            <description>Tin tức, hướng dẫn và tài liệu về xây dựng xã hội học tập</description>
            <language>vi</language>
            <atom:link rel="self" type="application/rss+xml" href="\(escape(selfURL))"/>

            """
        for article in articles {
            let url = base + SiteURL.article(article.id, slug: article.slug).path
            xml += """
                <item>
                <title>\(escape(article.title))</title>
                <link>\(escape(url))</link>
                <guid isPermaLink="true">\(escape(url))</guid>
                <pubDate>\(rfc822(article.publishedAt ?? article.updatedAt))</pubDate>
                \(article.category.isEmpty ? "" : "<category>\(escape(article.category))</category>")
                <description>\(escape(summary(article)))</description>
                </item>

                """
        }
        return xml + "</channel>\n</rss>\n"
    }

    /// The public pages and every published article and document, with their last change.
    static func sitemap(base: String, entries: [PortalRepository.LinkEntry]) -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for page in [SiteURL.news, .documents, .publicStats, .library, .search] {
            xml += "<url><loc>\(escape(base + page.path))</loc></url>\n"
        }
        for entry in entries {
            let url: SiteURL = entry.isDocument ? .document(entry.id, slug: entry.slug) : .article(entry.id, slug: entry.slug)
            xml += "<url><loc>\(escape(base + url.path))</loc><lastmod>\(iso8601(entry.updatedAt))</lastmod></url>\n"
        }
        return xml + "</urlset>\n"
    }

    static func robots(base: String) -> String {
        """
        User-agent: *
        Disallow: /areas
        Disallow: /noi-dung
        Disallow: /api/
        Disallow: /login
        Allow: /
        Sitemap: \(base)\(SiteURL.sitemap.path)

        """
    }
}
