//! `callsight analyze`: every loaded analyzer on one transcript, without a
//! database, with the results printed as JSON.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use super::import::dynamics_pairs;
use crate::analysis::{Analysis, report};
use crate::app;
use crate::config::Config;
use crate::domain::Format;
use crate::domain::{OrgId, OrgSettings, SpeakerRole};
use crate::import;
use crate::store::orgs::Organization;

/// Runs every loaded analyzer on one transcript, without a database, and prints the JSON report.
pub async fn analyze_file(
    config: &Config,
    file: &Path,
    format: Option<Format>,
    seller_speakers: &[String],
) -> anyhow::Result<ExitCode> {
    let format = format.unwrap_or(
        if file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("vtt"))
        {
            Format::Vtt
        } else {
            Format::Native
        },
    );
    let parsed = match dynamics_pairs(&[file.to_owned()]).pop() {
        Some((metadata, Some(transcript))) if format == Format::Dynamics => {
            let read = |path: &Path| {
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
            };
            import::parse_dynamics_pair(&read(&metadata)?, &read(&transcript)?)
        }
        _ => import::parse(
            format,
            &std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?,
        ),
    }
    .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mapping: HashMap<String, SpeakerRole> = seller_speakers
        .iter()
        .map(|label| (label.clone(), SpeakerRole::Seller))
        .collect();
    let call = import::assign_roles(parsed, &mapping)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let started_at_ms = call.started_at.map_or(0, |t| t.timestamp_millis());
    let analysis = Analysis::new(app::load_plugins(config)?);
    // No database: every loaded analyzer runs with its default config.
    let org = Organization {
        id: OrgId(0),
        name: "local".to_owned(),
        time_zone: chrono_tz::UTC,
        settings: OrgSettings::default(),
    };
    let runs = analysis
        .analyze(&org, Arc::new(call), started_at_ms, Arc::from("{}"))
        .await;
    println!("{}", serde_json::to_string_pretty(&report(&runs))?);
    Ok(ExitCode::SUCCESS)
}
