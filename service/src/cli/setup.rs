//! `callsight migrate`, `init`, `token` and `users import`: getting a
//! database, an organisation, its people and their tokens ready.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use super::pick_org;
use crate::app::App;
use crate::config::Config;
use crate::domain::{Email, OrgSettings, Scope};
use crate::services::setup;
use crate::store::users;

/// Opens the database, which applies any pending migrations, and says so.
pub async fn migrate(config: Config) -> anyhow::Result<ExitCode> {
    App::open(config).await?;
    println!("migrations applied");
    Ok(ExitCode::SUCCESS)
}

/// Mints and prints a token for an existing user of the picked organisation.
pub async fn token(config: Config, email: &str, org: Option<&str>) -> anyhow::Result<ExitCode> {
    let app = App::open(config).await?;
    let org = pick_org(&app.store, org).await?;
    let email = Email::parse(email).map_err(anyhow::Error::msg)?;
    let user = users::by_email_in_org(app.store.db(), org.id, &email)
        .await?
        .with_context(|| format!("no user {email} in {}", org.name))?;
    println!("{}", app.keys.mint(&user, app.config.auth.token_ttl())?);
    Ok(ExitCode::SUCCESS)
}

/// First-run setup: creates an organisation and its first admin, and prints the admin's token.
pub async fn init(
    config: Config,
    org: &str,
    admin_email: &str,
    admin_name: &str,
    time_zone: &str,
    settings: &OrgSettings,
) -> anyhow::Result<ExitCode> {
    let app = App::open(config).await?;
    let email = Email::parse(admin_email).map_err(anyhow::Error::msg)?;
    let tz: chrono_tz::Tz = time_zone
        .parse()
        .map_err(|_| anyhow::anyhow!("unknown time zone `{time_zone}`"))?;
    let (org, admin) = setup::init(&app.store, org, &email, admin_name, tz, settings).await?;
    println!(
        "Created organisation \"{}\" ({}) with admin {}.",
        org.name,
        org.time_zone.name(),
        admin.email
    );
    println!(
        "Admin token: {}",
        app.keys.mint(&admin, app.config.auth.token_ttl())?
    );
    if !settings.conversation_intelligence {
        println!(
            "Conversation intelligence is off until you switch it on (imports need it):\n  \
             mutation {{ updateOrganizationSettings(input: {{conversationIntelligence: true}}) {{ id }} }}"
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Loads users from a CSV file into the picked organisation in one transaction.
pub async fn users_import(
    config: Config,
    file: &Path,
    org: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let app = App::open(config).await?;
    let org = pick_org(&app.store, org).await?;
    let text = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let created = setup::import_users_csv(&app.store, &Scope::local_operator(org.id), &text)
        .await
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    println!("Imported {} users into {}.", created.len(), org.name);
    Ok(ExitCode::SUCCESS)
}
