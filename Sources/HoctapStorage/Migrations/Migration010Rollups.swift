import HoctapDomain

/// Counts per area × year × model (× citizens' target group) of registered, assessed, approved
/// and recognised subjects, kept in the same transaction as every state change so that the
/// dashboards of every level read a handful of rows instead of scanning the evaluations.
enum Migration010Rollups {
    static let migration = Migration(version: 10, name: "rollups") { _ in
        [
            """
            CREATE TABLE rollups (
                -- the area, or 0 for the whole country
                area_id BIGINT NOT NULL,
                level TEXT NOT NULL,
                year INTEGER NOT NULL,
                model TEXT NOT NULL,
                -- the citizens' target group; '' for the other models
                segment TEXT NOT NULL,
                registered BIGINT NOT NULL DEFAULT 0 CHECK (registered >= 0),
                assessed BIGINT NOT NULL DEFAULT 0 CHECK (assessed >= 0),
                approved BIGINT NOT NULL DEFAULT 0 CHECK (approved >= 0),
                recognised BIGINT NOT NULL DEFAULT 0 CHECK (recognised >= 0),
                PRIMARY KEY (area_id, year, model, segment)
            )
            """,
            // Children of an area for one year: the dashboards' drill-down.
            "CREATE INDEX rollups_level_year ON rollups (level, year, area_id)",
            // Databases that already hold evaluations start exact.
            "INSERT INTO rollups (area_id, level, year, model, segment, registered, assessed, approved, recognised) \(RollupSQL.recount(year: nil))",
        ]
    }
}

/// The recount of the rollups from the evaluations, shared by the migration, `rollups verify`
/// and `rollups rebuild` so that all three mean the same thing.
enum RollupSQL {
    static func recount(year: Int?) -> String {
        let assessed = EvaluationState.assessedStates.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let filter = year.map { "AND c.year = \($0)" } ?? ""
        // One pass per level over the same join; the nation's rows carry area 0.
        let levels = [("0", "nation", ""), ("e.province_id", "province", ""), ("e.commune_id", "commune", ""),
                      ("e.village_id", "village", "AND e.village_id IS NOT NULL")]
        let passes = levels.map { area, level, extra in
            """
            SELECT \(area) AS area_id, '\(level)' AS level, c.year, c.model, COALESCE(v.target_group, '') AS segment, e.state
            FROM evaluations e
            JOIN evaluation_cycles c ON c.id = e.cycle_id
            JOIN criteria_set_versions v ON v.set_id = c.set_id AND v.version = c.set_version
            WHERE 1 = 1 \(filter) \(extra)
            """
        }
        return """
            SELECT area_id, level, year, model, segment, COUNT(*) AS registered,
                SUM(CASE WHEN state IN (\(assessed)) THEN 1 ELSE 0 END) AS assessed,
                SUM(CASE WHEN state IN ('approved', 'recognised') THEN 1 ELSE 0 END) AS approved,
                SUM(CASE WHEN state = 'recognised' THEN 1 ELSE 0 END) AS recognised
            FROM (\(passes.joined(separator: " UNION ALL "))) counted
            GROUP BY area_id, level, year, model, segment
            """
    }
}
