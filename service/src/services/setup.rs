//! First-run setup for real use: the organisation with its first admin, and
//! a whole team loaded from CSV in one transaction.

use std::collections::HashMap;
use tracing::instrument;

use crate::domain::{Email, OrgSettings, Scope, UserRole};
use crate::error::{ServiceError, ServiceResult};
use crate::store::Store;
use crate::store::orgs::{self, Organization};
use crate::store::users::{self, NewUser, User, UserPatch};

/// Creates an organisation and its first admin, together or not at all.
#[instrument(skip_all)]
pub async fn init(
    store: &Store,
    org_name: &str,
    admin_email: &Email,
    admin_name: &str,
    time_zone: chrono_tz::Tz,
    settings: &OrgSettings,
) -> ServiceResult<(Organization, User)> {
    let txn = store.begin_write().await?;
    let org = orgs::create(&txn, org_name, time_zone, settings).await?;
    let admin = users::create(
        &txn,
        &Scope::local_operator(org.id),
        NewUser {
            email: admin_email.clone(),
            name: admin_name.to_owned(),
            role: UserRole::Admin,
            manager: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok((org, admin))
}

/// One row of a team CSV, with the line it came from.
struct TeamRow {
    line: u64,
    email: Email,
    name: String,
    role: UserRole,
    manager: Option<Email>,
}

/// Loads users from CSV (`email,name,role,manager_email`, with a header
/// row) in one transaction. Every problem names its CSV line; on any
/// problem nothing is written.
#[instrument(skip_all)]
pub async fn import_users_csv(
    store: &Store,
    scope: &Scope,
    csv_text: &[u8],
) -> ServiceResult<Vec<User>> {
    let rows = parse_team_csv(csv_text)?;
    let txn = store.begin_write().await?;
    let at = |line: u64| {
        move |err: ServiceError| match err {
            ServiceError::BadUserInput(msg) | ServiceError::Forbidden(msg) => {
                ServiceError::BadUserInput(format!("line {line}: {msg}"))
            }
            other => other,
        }
    };
    let mut created: HashMap<Email, User> = HashMap::new();
    for row in &rows {
        let new = NewUser {
            email: row.email.clone(),
            name: row.name.clone(),
            role: row.role,
            manager: None,
        };
        let user = users::create(&txn, scope, new)
            .await
            .map_err(at(row.line))?;
        created.insert(row.email.clone(), user);
    }
    for row in &rows {
        let Some(manager_email) = &row.manager else {
            continue;
        };
        let manager = match created.get(manager_email) {
            Some(user) => user.id,
            None => users::find_by_email(&txn, scope, manager_email)
                .await?
                .ok_or_else(|| {
                    ServiceError::BadUserInput(format!(
                        "line {}: manager {manager_email} is neither in the file nor a user of the organisation",
                        row.line
                    ))
                })?
                .id,
        };
        let id = created[&row.email].id;
        let patch = UserPatch {
            manager: Some(Some(manager)),
            ..Default::default()
        };
        let updated = users::update(&txn, scope, id, patch)
            .await
            .map_err(at(row.line))?;
        created.insert(row.email.clone(), updated);
    }
    txn.commit().await?;
    Ok(rows
        .iter()
        .map(|row| created.remove(&row.email).expect("every row was created"))
        .collect())
}

fn parse_team_csv(csv_text: &[u8]) -> ServiceResult<Vec<TeamRow>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(csv_text);
    let headers = reader
        .headers()
        .map_err(|e| ServiceError::BadUserInput(format!("line 1: unreadable CSV header: {e}")))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(email_col), Some(name_col), Some(role_col)) =
        (column("email"), column("name"), column("role"))
    else {
        return Err(ServiceError::BadUserInput(
            "line 1: the header must name the columns email, name, role and (optionally) manager_email".into(),
        ));
    };
    let manager_col = column("manager_email").or_else(|| column("manager"));
    let mut rows = Vec::new();
    let mut lines_by_email: HashMap<Email, u64> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            ServiceError::BadUserInput(format!("line {line}: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let bad = |msg: String| ServiceError::BadUserInput(format!("line {line}: {msg}"));
        let field = |col: usize| record.get(col).unwrap_or("");
        let email = Email::parse(field(email_col)).map_err(bad)?;
        let name = field(name_col).to_owned();
        if name.is_empty() {
            return Err(bad(format!("{email} has no name")));
        }
        let role = field(role_col).parse::<UserRole>().map_err(bad)?;
        let manager = match manager_col.map(field).filter(|m| !m.is_empty()) {
            Some(manager) => Some(Email::parse(manager).map_err(bad)?),
            None => None,
        };
        if let Some(first) = lines_by_email.insert(email.clone(), line) {
            return Err(bad(format!("{email} already appears on line {first}")));
        }
        rows.push(TeamRow {
            line,
            email,
            name,
            role,
            manager,
        });
    }
    if rows.is_empty() {
        return Err(ServiceError::BadUserInput(
            "the CSV file has no users".into(),
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_errors_name_their_line() {
        let text =
            b"email,name,role,manager_email\nann@x.io,Ann,manager,\nbob@x.io,Bob,boss,ann@x.io\n";
        let err = parse_team_csv(text).err().unwrap().to_string();
        assert!(err.starts_with("line 3: unknown user role `boss`"), "{err}");

        let dup = b"email,name,role\nann@x.io,Ann,manager\nANN@x.io,Ann B,seller\n";
        let err = parse_team_csv(dup).err().unwrap().to_string();
        assert_eq!(err, "line 3: ann@x.io already appears on line 2");

        let ragged = b"email,name,role\nann@x.io,Ann\n";
        assert!(
            parse_team_csv(ragged)
                .err()
                .unwrap()
                .to_string()
                .starts_with("line 2:")
        );

        let rows =
            parse_team_csv(b"Email,Name,Role,Manager_Email\n ann@x.io , Ann ,MANAGER,\n").unwrap();
        assert_eq!(
            (rows[0].email.as_str(), rows[0].name.as_str(), rows[0].role),
            ("ann@x.io", "Ann", UserRole::Manager)
        );
    }
}
