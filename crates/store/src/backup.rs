//! What `taawun backup` and `taawun restore` need from the database itself. PostgreSQL's
//! consistent snapshot is `pg_dump`'s (one repeatable-read transaction), run by the binary;
//! SQLite's is `VACUUM INTO`, which copies the database as of one read transaction while
//! servers keep writing.

use std::path::{Path, PathBuf};

use crate::{Backend, Result, Store, StoreError};

/// The file of a `sqlite://PATH[?options]` URL; `None` for another backend.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite:")?;
    let path = rest.trim_start_matches("//");
    let path = path.split('?').next().unwrap_or(path);
    (!path.is_empty()).then(|| PathBuf::from(path))
}

impl Store {
    /// Writes a consistent copy of this SQLite database to `target`, which must not exist
    /// (SQLite refuses to overwrite, and so do we: a backup never replaces another one).
    pub async fn sqlite_backup_into(&self, target: &Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::UnsupportedUrl(
                "VACUUM INTO is SQLite's; PostgreSQL is backed up with pg_dump".into(),
            ));
        }
        let target = target
            .to_str()
            .ok_or_else(|| StoreError::UnsupportedUrl(format!("{}: not UTF-8", target.display())))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// For a SQLite file about to be restored: intact (`PRAGMA integrity_check`) and a Taawun
    /// database (it has the migrations' table). Always true on PostgreSQL, where `pg_restore`
    /// checks its own archive.
    pub async fn looks_restorable(&self) -> Result<bool> {
        if self.backend != Backend::Sqlite {
            return Ok(true);
        }
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(self.pool())
            .await?;
        let migrations: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(check == "ok" && migrations == 1)
    }

    /// Row counts of every table of the platform, by name: what a restore is compared with.
    pub async fn table_counts(&self) -> Result<Vec<(String, i64)>> {
        let names: Vec<String> = match self.backend {
            Backend::Sqlite => {
                sqlx::query_scalar(
                    "SELECT name FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%' ORDER BY name",
                )
                .fetch_all(self.pool())
                .await?
            }
            Backend::Postgres => {
                sqlx::query_scalar(
                    "SELECT table_name::TEXT FROM information_schema.tables \
                     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
                )
                .fetch_all(self.pool())
                .await?
            }
        };
        let mut counts = Vec::with_capacity(names.len());
        for name in names {
            // The names come from the catalogue, not from outside; quoted all the same.
            let count: i64 =
                sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{}\"", name.replace('"', "\"\"")))
                    .fetch_one(self.pool())
                    .await?;
            counts.push((name, count));
        }
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_file_of_a_url() {
        assert_eq!(
            sqlite_file("sqlite:///tmp/a.db?mode=ro"),
            Some(PathBuf::from("/tmp/a.db"))
        );
        assert_eq!(sqlite_file("sqlite:taawun.db"), Some(PathBuf::from("taawun.db")));
        assert_eq!(sqlite_file("postgres://u@h/db"), None);
        assert_eq!(sqlite_file("sqlite://"), None);
    }
}
