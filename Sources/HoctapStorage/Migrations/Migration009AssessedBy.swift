/// Who assessed (the person who self-assessed, or the assessment team's members), recorded with
/// the answers because the criteria set says who must assess.
enum Migration009AssessedBy {
    static let migration = Migration(version: 9, name: "who assessed") { _ in
        ["ALTER TABLE evaluations ADD COLUMN assessed_by TEXT"]
    }
}
