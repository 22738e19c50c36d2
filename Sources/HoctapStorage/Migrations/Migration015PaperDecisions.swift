/// The decision a past result was recorded with when it was decided on paper (`hoctap import
/// results`, the commune's paper-results form). Results decided in hoctap name their decision
/// through `decision_subjects`; paper results had their number only inside the event's reason,
/// which an export could not give back. Rows recorded before this migration keep it there.
enum Migration015PaperDecisions {
    static let migration = Migration(version: 15, name: "paper decisions") { _ in
        [
            "ALTER TABLE evaluations ADD COLUMN paper_decision_number TEXT",
            "ALTER TABLE evaluations ADD COLUMN paper_decided_on TEXT",
        ]
    }
}
