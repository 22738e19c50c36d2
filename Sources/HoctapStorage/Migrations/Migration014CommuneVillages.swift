/// How many current villages each commune has, kept by triggers on `areas`. The province comes
/// from the commune's own row when read, so moving a commune needs nothing here.
///
/// National and provincial dashboards divide by the number of villages below each province or
/// commune. Counting them from `areas` on every request grew with the country (about 100,000
/// villages at national size: 11 ms at 1 million households, 19 ms at 10 million); this table
/// has one row per commune, so the national figure reads 3,321 rows whatever the size. Triggers
/// rather than application code keep it exact on every path that writes areas (the official
/// lists' import, the bulk village import, the village forms, merges) on both engines, COPY
/// included; `rollups verify` recounts it.
enum Migration014CommuneVillages {
    static let migration = Migration(version: 14, name: "commune village counts") { engine in
        var statements = [
            """
            CREATE TABLE commune_villages (
                commune_id BIGINT PRIMARY KEY REFERENCES areas (id),
                villages INTEGER NOT NULL CHECK (villages >= 0)
            )
            """,
            """
            INSERT INTO commune_villages (commune_id, villages)
            SELECT c.id, (SELECT COUNT(*) FROM areas v WHERE v.level = 'village' AND v.valid_to IS NULL AND v.commune_id = c.id)
            FROM areas c WHERE c.level = 'commune'
            """,
        ]
        // A row per commune from its creation; a village counts while it is current.
        switch engine {
        case .sqlite:
            statements += [
                """
                CREATE TRIGGER commune_villages_commune AFTER INSERT ON areas WHEN NEW.level = 'commune'
                BEGIN INSERT INTO commune_villages (commune_id, villages) VALUES (NEW.id, 0); END
                """,
                """
                CREATE TRIGGER commune_villages_insert AFTER INSERT ON areas WHEN NEW.level = 'village' AND NEW.valid_to IS NULL
                BEGIN UPDATE commune_villages SET villages = villages + 1 WHERE commune_id = NEW.commune_id; END
                """,
                """
                CREATE TRIGGER commune_villages_update AFTER UPDATE OF level, valid_to, commune_id ON areas
                WHEN (OLD.level = 'village' AND OLD.valid_to IS NULL) OR (NEW.level = 'village' AND NEW.valid_to IS NULL)
                BEGIN
                    UPDATE commune_villages SET villages = villages - 1 WHERE commune_id = OLD.commune_id AND OLD.level = 'village' AND OLD.valid_to IS NULL;
                    UPDATE commune_villages SET villages = villages + 1 WHERE commune_id = NEW.commune_id AND NEW.level = 'village' AND NEW.valid_to IS NULL;
                END
                """,
                """
                CREATE TRIGGER commune_villages_delete AFTER DELETE ON areas WHEN OLD.level = 'village' AND OLD.valid_to IS NULL
                BEGIN UPDATE commune_villages SET villages = villages - 1 WHERE commune_id = OLD.commune_id; END
                """,
                """
                CREATE TRIGGER commune_villages_commune_delete BEFORE DELETE ON areas WHEN OLD.level = 'commune'
                BEGIN DELETE FROM commune_villages WHERE commune_id = OLD.id; END
                """,
            ]
        case .postgres:
            statements += [
                """
                CREATE FUNCTION commune_villages_maintain() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        IF OLD.level = 'village' AND OLD.valid_to IS NULL THEN
                            UPDATE commune_villages SET villages = villages - 1 WHERE commune_id = OLD.commune_id;
                        ELSIF OLD.level = 'commune' AND TG_OP = 'DELETE' THEN
                            DELETE FROM commune_villages WHERE commune_id = OLD.id;
                        END IF;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        IF NEW.level = 'commune' AND TG_OP = 'INSERT' THEN
                            INSERT INTO commune_villages (commune_id, villages) VALUES (NEW.id, 0);
                        ELSIF NEW.level = 'village' AND NEW.valid_to IS NULL THEN
                            UPDATE commune_villages SET villages = villages + 1 WHERE commune_id = NEW.commune_id;
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER commune_villages_maintain_row AFTER INSERT OR DELETE OR UPDATE OF level, valid_to, commune_id ON areas
                FOR EACH ROW EXECUTE FUNCTION commune_villages_maintain()
                """,
            ]
        }
        return statements
    }
}
