//! The commands of the `callsight` executable, one function per command, so
//! that `src/main.rs` only parses arguments and dispatches.
//!
//! Each function prints what the command reports and returns the process exit
//! code; none of them knows about the argument parser.

pub mod analyze;
pub mod import;
pub mod plugins;
pub mod serve;
pub mod setup;

use anyhow::{Context, bail};

use crate::store::Store;
use crate::store::orgs::{self, Organization};

/// The organisation a CLI command acts on: the named one, or the only one.
pub async fn pick_org(store: &Store, name: Option<&str>) -> anyhow::Result<Organization> {
    if let Some(name) = name {
        return orgs::find_by_name(store.db(), name)
            .await?
            .with_context(|| format!("no organisation named `{name}`"));
    }
    let all = orgs::list(store.db()).await?;
    match all.as_slice() {
        [only] => Ok(only.clone()),
        [] => bail!(
            "there is no organisation yet: run `callsight init --org NAME --admin-email EMAIL` first"
        ),
        many => bail!(
            "several organisations exist; pick one with --org ({})",
            many.iter()
                .map(|o| o.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
