/// Household lists read by key in the order (commune, code). A commune's list seeks on the
/// `UNIQUE (commune_id, code)` index; a province's needs the province in front, so the plain
/// `(province_id)` index becomes `(province_id, commune_id, code)`, which still serves every
/// query that used it.
enum Migration013ListOrder {
    static let migration = Migration(version: 13, name: "household list order") { _ in
        [
            "CREATE INDEX households_province_order ON households (province_id, commune_id, code)",
            "DROP INDEX households_province",
        ]
    }
}
