/// The public portal's content: articles written in Markdown (kept as written, and as the
/// sanitised HTML readers get), their images and attachments, and documents with their file.
/// Each belongs to an area (the nation or a province) whose editors manage it; published ones
/// are listed newest first, and all are searchable through the shared full-text recipe.
enum Migration017Portal {
    static let migration = Migration(version: 17, name: "portal content") { engine in
        let key = SQLTypes.primaryKey(engine)
        return [
            """
            CREATE TABLE articles (
                id \(key),
                area_id BIGINT NOT NULL REFERENCES areas (id),
                kind TEXT NOT NULL,
                -- the readable part of the permanent URL, fixed at creation
                slug TEXT NOT NULL,
                title TEXT NOT NULL,
                summary TEXT NOT NULL,
                body TEXT NOT NULL,
                body_html TEXT NOT NULL,
                category TEXT NOT NULL,
                -- tags as written, joined by ", ", and folded between bars for filtering: |khuyen hoc|gia dinh|
                tags TEXT NOT NULL,
                tag_keys TEXT NOT NULL,
                state TEXT NOT NULL,
                published_at BIGINT,
                created_at BIGINT NOT NULL,
                created_by_label TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                updated_by_label TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                search_text TEXT NOT NULL
            )
            """,
            "CREATE INDEX articles_published ON articles (state, published_at, id)",
            "CREATE INDEX articles_area ON articles (area_id, updated_at)",
            """
            CREATE TABLE article_files (
                id \(key),
                article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                media_type TEXT NOT NULL,
                size BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by_label TEXT NOT NULL
            )
            """,
            "CREATE INDEX article_files_article ON article_files (article_id, id)",
            """
            CREATE TABLE documents (
                id \(key),
                area_id BIGINT NOT NULL REFERENCES areas (id),
                kind TEXT NOT NULL,
                slug TEXT NOT NULL,
                number TEXT NOT NULL,
                issued_on TEXT,
                issuer TEXT NOT NULL,
                title TEXT NOT NULL,
                summary TEXT NOT NULL,
                file_name TEXT NOT NULL,
                media_type TEXT NOT NULL,
                file_size BIGINT NOT NULL,
                file_sha256 TEXT NOT NULL,
                state TEXT NOT NULL,
                published_at BIGINT,
                created_at BIGINT NOT NULL,
                created_by_label TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                updated_by_label TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                search_text TEXT NOT NULL
            )
            """,
            "CREATE INDEX documents_published ON documents (state, published_at, id)",
            "CREATE INDEX documents_area ON documents (area_id, updated_at)",
        ]
            + FullTextIndex.statements(table: "articles", index: "article_search", engine: engine)
            + FullTextIndex.statements(table: "documents", index: "document_search", engine: engine)
    }
}
