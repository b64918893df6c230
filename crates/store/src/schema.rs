//! The schema a database holds after its migrations, read from the database itself, so that the
//! two hand-written dialects can be compared (`Schema::differences`): a column, index, foreign
//! key or guarding trigger present in one and not the other is drift.

use std::collections::BTreeSet;

use sqlx::Row;

use crate::{Backend, Result, Store};

/// What is compared, as sorted sets of readable lines so that a difference reads as the line
/// missing on one side. Types are mapped to the family both dialects share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    /// `table.column type [not null]`
    pub columns: BTreeSet<String>,
    /// `table(col, col) [unique] [partial]`: every index but the primary key's, whatever its name.
    pub indexes: BTreeSet<String>,
    /// `table.column -> table.column`
    pub foreign_keys: BTreeSet<String>,
    /// `table refuses UPDATE` / `… DELETE`: the append-only guards.
    pub guards: BTreeSet<String>,
}

impl Schema {
    /// What `self` has and `other` lacks (`-`), and the reverse (`+`).
    pub fn differences(&self, other: &Schema) -> Vec<String> {
        let mut out = Vec::new();
        for (mine, theirs) in [
            (&self.columns, &other.columns),
            (&self.indexes, &other.indexes),
            (&self.foreign_keys, &other.foreign_keys),
            (&self.guards, &other.guards),
        ] {
            out.extend(mine.difference(theirs).map(|l| format!("- {l}")));
            out.extend(theirs.difference(mine).map(|l| format!("+ {l}")));
        }
        out
    }
}

/// The family a declared type belongs to in both dialects.
fn family(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    match t.as_str() {
        "integer" | "bigint" | "int" | "int8" | "smallint" => "integer".into(),
        "text" | "character varying" | "varchar" => "text".into(),
        "blob" | "bytea" => "bytes".into(),
        "real" | "double precision" | "float8" => "real".into(),
        _ => t,
    }
}

/// Tables the platform does not own.
fn ignored(table: &str) -> bool {
    table.starts_with("sqlite_") || table == "_sqlx_migrations"
}

impl Store {
    /// The schema this database holds now.
    pub async fn schema(&self) -> Result<Schema> {
        match self.backend() {
            Backend::Sqlite => self.sqlite_schema().await,
            Backend::Postgres => self.postgres_schema().await,
        }
    }

    async fn sqlite_schema(&self) -> Result<Schema> {
        let mut s = Schema::default();
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .fetch_all(self.pool())
                .await?;
        for table in tables.iter().filter(|t| !ignored(t)) {
            for c in sqlx::query("SELECT name, type, \"notnull\" AS nn, pk FROM pragma_table_info($1)")
                .bind(table)
                .fetch_all(self.pool())
                .await?
            {
                let (name, ty): (String, String) = (c.try_get("name")?, c.try_get("type")?);
                // A primary key is never null, whether or not SQLite's pragma says so.
                let not_null = c.try_get::<i64, _>("nn")? != 0 || c.try_get::<i64, _>("pk")? != 0;
                s.columns
                    .insert(column_line(table, &name, &family(&ty), not_null));
            }
            for i in sqlx::query("SELECT name, \"unique\" AS u, origin, partial FROM pragma_index_list($1)")
                .bind(table)
                .fetch_all(self.pool())
                .await?
            {
                if i.try_get::<String, _>("origin")? == "pk" {
                    continue;
                }
                let name: String = i.try_get("name")?;
                let columns: Vec<String> =
                    sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                        .bind(&name)
                        .fetch_all(self.pool())
                        .await?;
                s.indexes.insert(index_line(
                    table,
                    &columns,
                    i.try_get::<i64, _>("u")? != 0,
                    i.try_get::<i64, _>("partial")? != 0,
                ));
            }
            for f in sqlx::query("SELECT \"table\" AS target, \"from\" AS col, \"to\" AS target_col FROM pragma_foreign_key_list($1)")
                .bind(table)
                .fetch_all(self.pool())
                .await?
            {
                let target: String = f.try_get("target")?;
                // An omitted target column means the target's primary key, `id` in this schema.
                let target_col: Option<String> = f.try_get("target_col")?;
                s.foreign_keys.insert(format!(
                    "{table}.{} -> {target}.{}",
                    f.try_get::<String, _>("col")?,
                    target_col.unwrap_or_else(|| "id".into())
                ));
            }
        }
        for t in sqlx::query("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            .fetch_all(self.pool())
            .await?
        {
            let (table, sql): (String, String) = (t.try_get("tbl_name")?, t.try_get("sql")?);
            // The events are between BEFORE and ON: `BEFORE UPDATE ON t`, `BEFORE DELETE ON t`.
            let head = sql.to_ascii_uppercase();
            let events = head
                .split_once("BEFORE")
                .and_then(|(_, rest)| rest.split_once(" ON "))
                .map(|(events, _)| events.to_string())
                .unwrap_or_default();
            for event in ["UPDATE", "DELETE", "INSERT"] {
                if events.contains(event) {
                    s.guards.insert(format!("{table} refuses {event}"));
                }
            }
        }
        Ok(s)
    }

    async fn postgres_schema(&self) -> Result<Schema> {
        let mut s = Schema::default();
        for c in sqlx::query(
            "SELECT table_name::text AS t, column_name::text AS c, data_type::text AS ty, is_nullable::text AS nullable \
             FROM information_schema.columns WHERE table_schema = current_schema()",
        )
        .fetch_all(self.pool())
        .await?
        {
            let table: String = c.try_get("t")?;
            if ignored(&table) {
                continue;
            }
            s.columns.insert(column_line(
                &table,
                &c.try_get::<String, _>("c")?,
                &family(&c.try_get::<String, _>("ty")?),
                c.try_get::<String, _>("nullable")? == "NO",
            ));
        }
        for i in sqlx::query(
            "SELECT t.relname::text AS t, \
                    (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) \
                     FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n) \
                     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS cols, \
                    ix.indisunique AS u, (ix.indpred IS NOT NULL) AS partial \
             FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid \
             JOIN pg_namespace ns ON ns.oid = t.relnamespace \
             WHERE ns.nspname = current_schema() AND NOT ix.indisprimary",
        )
        .fetch_all(self.pool())
        .await?
        {
            let table: String = i.try_get("t")?;
            if ignored(&table) {
                continue;
            }
            let cols: Option<String> = i.try_get("cols")?;
            let columns: Vec<String> = cols.unwrap_or_default().split(',').map(str::to_string).collect();
            s.indexes.insert(index_line(
                &table,
                &columns,
                i.try_get("u")?,
                i.try_get("partial")?,
            ));
        }
        for f in sqlx::query(
            "SELECT c.conrelid::regclass::text AS t, a.attname::text AS col, \
                    c.confrelid::regclass::text AS target, b.attname::text AS target_col \
             FROM pg_constraint c \
             JOIN pg_namespace ns ON ns.oid = c.connamespace \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
             JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = c.confkey[1] \
             WHERE c.contype = 'f' AND ns.nspname = current_schema()",
        )
        .fetch_all(self.pool())
        .await?
        {
            s.foreign_keys.insert(format!(
                "{}.{} -> {}.{}",
                f.try_get::<String, _>("t")?,
                f.try_get::<String, _>("col")?,
                f.try_get::<String, _>("target")?,
                f.try_get::<String, _>("target_col")?
            ));
        }
        // TRUNCATE, which SQLite does not have, is guarded too but not listed here.
        for t in sqlx::query(
            "SELECT DISTINCT event_object_table::text AS t, event_manipulation::text AS e \
             FROM information_schema.triggers WHERE trigger_schema = current_schema()",
        )
        .fetch_all(self.pool())
        .await?
        {
            s.guards.insert(format!(
                "{} refuses {}",
                t.try_get::<String, _>("t")?,
                t.try_get::<String, _>("e")?
            ));
        }
        Ok(s)
    }
}

fn column_line(table: &str, column: &str, family: &str, not_null: bool) -> String {
    let null = if not_null { " not null" } else { "" };
    format!("{table}.{column} {family}{null}")
}

fn index_line(table: &str, columns: &[String], unique: bool, partial: bool) -> String {
    let unique = if unique { " unique" } else { "" };
    let partial = if partial { " partial" } else { "" };
    format!("{table}({}){unique}{partial}", columns.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_in_one_dialect_only_is_drift() {
        let mut sqlite = Schema::default();
        sqlite
            .columns
            .insert(column_line("users", "email", &family("TEXT"), true));
        let mut postgres = sqlite.clone();
        assert!(sqlite.differences(&postgres).is_empty());
        postgres
            .columns
            .insert(column_line("users", "phone", &family("text"), false));
        assert_eq!(sqlite.differences(&postgres), vec!["+ users.phone text"]);
        // The same column with another nullability, or another type family, is drift too.
        let mut other = sqlite.clone();
        other.columns = [column_line("users", "email", &family("BIGINT"), true)].into();
        assert_eq!(sqlite.differences(&other).len(), 2);
        assert_eq!(family("BIGINT"), family("INTEGER"));
        assert_eq!(family("bytea"), family("BLOB"));
    }
}
