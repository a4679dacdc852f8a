//! Hand-written SQL for the reads and writes the query builder cannot say
//! well (the rollups' upserts and sums): one dialect in the source, `?`
//! placeholders, numbered for PostgreSQL when the statement is built.

use sea_orm::{DbBackend, Statement, Value};

/// Builds a statement from SQL with `?` placeholders, numbered for
/// PostgreSQL.
pub(crate) fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = if backend == DbBackend::Postgres {
        let mut numbered = String::with_capacity(sql.len() + 16);
        let mut n = 0;
        for c in sql.chars() {
            if c == '?' {
                n += 1;
                numbered.push('$');
                numbered.push_str(&n.to_string());
            } else {
                numbered.push(c);
            }
        }
        numbered
    } else {
        sql.to_owned()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// `?, ?, ?` for `n` values.
pub(crate) fn placeholders(n: usize) -> String {
    vec!["?"; n.max(1)].join(", ")
}
