//! Which store errors mean the database cannot serve just now (gone, locked, read-only, full),
//! as opposed to a fault in what was asked: those are answered 503 with `Retry-After` (a
//! reader's page, a feed, a newsroom save), since the same request will work once the fault
//! ends, and the pool reconnects by itself.

use super::StoreError;

/// SQLite's primary result codes that say the database cannot serve now: BUSY, LOCKED,
/// READONLY, IOERR, FULL, CANTOPEN (an extended code carries its primary one in its low byte).
const SQLITE_UNAVAILABLE: [i64; 6] = [5, 6, 8, 10, 13, 14];

/// PostgreSQL SQLSTATE classes and codes of the same: connection exceptions (08), insufficient
/// resources such as a full disk (53), the server shutting down or starting (57P01 to 57P03),
/// a read-only transaction on a standby (25006), system errors such as I/O (58), a wait for
/// a lock another session holds past `lock_timeout` (55P03), and a transaction the server
/// rolled back to let another go first (a serialization failure, 40001, or a deadlock, 40P01),
/// which the same request made again completes.
const POSTGRES_UNAVAILABLE: [&str; 9] = [
    "08", "53", "57P01", "57P02", "57P03", "25006", "55P03", "40001", "40P01",
];

impl StoreError {
    /// Whether the database could not serve this request but may the next (see the module).
    pub fn is_unavailable(&self) -> bool {
        let StoreError::Db(e) = self else {
            return false;
        };
        match e {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => true,
            sqlx::Error::Database(db) => {
                let Some(code) = db.code() else {
                    return false;
                };
                if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                    sqlite_unavailable(&code)
                } else {
                    postgres_unavailable(&code)
                }
            }
            _ => false,
        }
    }
}

/// An SQLite result code (extended or primary, in decimal) that says so.
fn sqlite_unavailable(code: &str) -> bool {
    code.parse::<i64>()
        .is_ok_and(|n| SQLITE_UNAVAILABLE.contains(&(n & 0xff)))
}

/// A PostgreSQL SQLSTATE that says so.
fn postgres_unavailable(code: &str) -> bool {
    code.starts_with("58") || POSTGRES_UNAVAILABLE.iter().any(|c| code.starts_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_codes_that_pass_are_told_from_those_that_do_not() {
        // SQLite: BUSY, BUSY_SNAPSHOT (517), READONLY, FULL, IOERR_WRITE (778); not
        // CONSTRAINT_UNIQUE (2067) nor ERROR (1).
        for code in ["5", "517", "8", "13", "778", "14"] {
            assert!(sqlite_unavailable(code), "{code}");
        }
        for code in ["2067", "1", "19"] {
            assert!(!sqlite_unavailable(code), "{code}");
        }
        // PostgreSQL: connection failure, disk full, admin shutdown, read-only, I/O error,
        // lock timeout, serialization failure, deadlock; not a unique violation or a syntax
        // error, nor another rollback (40002, an integrity constraint at commit).
        for code in [
            "08006", "08001", "53100", "57P01", "25006", "58030", "55P03", "40001", "40P01",
        ] {
            assert!(postgres_unavailable(code), "{code}");
        }
        for code in [
            "23505", "42601", "57014", "21000", "22021", "42501", "40002",
        ] {
            assert!(!postgres_unavailable(code), "{code}");
        }
        assert!(StoreError::Db(sqlx::Error::PoolTimedOut).is_unavailable());
        assert!(!StoreError::Db(sqlx::Error::RowNotFound).is_unavailable());
        assert!(!StoreError::Invalid("x".into()).is_unavailable());
    }
}
