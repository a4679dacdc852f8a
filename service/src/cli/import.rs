//! `callsight import`: transcript files into the store, one transaction per
//! call, with Dynamics metadata and transcript files paired up.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::{DateTime, Utc};

use super::pick_org;
use crate::app::App;
use crate::config::Config;
use crate::domain::Format;
use crate::domain::{Email, Language, Outcome, Scope, SpeakerRole, TrackedKeywords};
use crate::import;
use crate::services::calls::ingest::{self, ImportOptions};
use crate::store::calls::Inserted;

/// What `callsight import` was asked to do, as given on the command line.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// Transcript files; for Dynamics, either file of each pair.
    pub files: Vec<PathBuf>,
    pub format: Format,
    /// E-mail of the seller whose calls these are.
    pub seller: String,
    /// Organisation name; `None` when there is only one.
    pub org: Option<String>,
    /// Speaker labels that are the seller.
    pub seller_speakers: Vec<String>,
    /// Speaker labels with roles, each as `LABEL=ROLE`.
    pub speakers: Vec<String>,
    pub title: Option<String>,
    pub outcome: Option<Outcome>,
    /// Start of the call when the source does not say.
    pub started_at: Option<DateTime<Utc>>,
    /// Keywords to track in these calls only.
    pub keywords: Vec<String>,
    /// The calls' language, over the source's and the detected one.
    pub language: Option<String>,
}

/// Imports transcript files one transaction per call; the exit code says whether any failed.
pub async fn import_files(config: Config, request: ImportRequest) -> anyhow::Result<ExitCode> {
    let app = App::open(config).await?;
    let org = pick_org(&app.store, request.org.as_deref()).await?;
    // The CLI imports under the same switch as `importCall`.
    org.settings
        .require_conversation_intelligence()
        .with_context(|| format!("organisation `{}`", org.name))?;
    let scope = Scope::local_operator(org.id);
    let seller = Email::parse(&request.seller).map_err(anyhow::Error::msg)?;
    let mut speakers: HashMap<String, SpeakerRole> = request
        .seller_speakers
        .iter()
        .map(|label| (label.clone(), SpeakerRole::Seller))
        .collect();
    for pair in &request.speakers {
        let (label, role) = pair
            .rsplit_once('=')
            .with_context(|| format!("--speaker `{pair}` is not LABEL=ROLE"))?;
        speakers.insert(label.to_owned(), role.parse().map_err(anyhow::Error::msg)?);
    }
    let options = ImportOptions {
        seller: Some(seller),
        speakers,
        title: request.title,
        outcome: request.outcome,
        started_at: request.started_at,
        external_id: None,
        keywords: TrackedKeywords::parse(request.keywords).map_err(anyhow::Error::msg)?,
        language: request
            .language
            .as_deref()
            .map(|tag| Language::parse(tag, "--language"))
            .transpose()
            .map_err(anyhow::Error::msg)?,
    };
    let sources = if request.format == Format::Dynamics {
        dynamics_pairs(&request.files)
    } else {
        request.files.iter().map(|f| (f.clone(), None)).collect()
    };
    let (mut created, mut existing, mut failed) = (0, 0, 0);
    for (file, transcript) in sources {
        let outcome = import_one(
            &app,
            &scope,
            request.format,
            &file,
            transcript.as_deref(),
            options.clone(),
        )
        .await;
        match outcome {
            Ok(Inserted::Created(id)) => {
                created += 1;
                println!("{}: imported as call {id}", file.display());
            }
            Ok(Inserted::Existing(id)) => {
                existing += 1;
                println!(
                    "{}: already imported as call {id}; nothing written",
                    file.display()
                );
            }
            Err(err) => {
                failed += 1;
                eprintln!("{}: {err:#}", file.display());
            }
        }
    }
    println!("{created} imported, {existing} already present, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

async fn import_one(
    app: &App,
    scope: &Scope,
    format: Format,
    file: &Path,
    transcript: Option<&Path>,
    options: ImportOptions,
) -> anyhow::Result<Inserted> {
    let read = |path: &Path| {
        std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
    };
    let parsed = match transcript {
        Some(transcript) => {
            let (metadata, transcript) = (read(file)?, read(transcript)?);
            tokio::task::spawn_blocking(move || import::parse_dynamics_pair(&metadata, &transcript))
                .await??
        }
        None => ingest::parse(format, read(file)?).await?,
    };
    Ok(ingest::store_call(&app.store, scope, format, parsed, options).await?)
}

/// Pairs each Dynamics metadata file `X.json` with `X.transcript.json`,
/// whichever of the two was named.
pub(crate) fn dynamics_pairs(files: &[PathBuf]) -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut pairs: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for file in files {
        let name = file.to_string_lossy();
        let pair = match name.strip_suffix(".transcript.json") {
            Some(stem) => (PathBuf::from(format!("{stem}.json")), file.clone()),
            None => {
                let stem = name.strip_suffix(".json").unwrap_or(&name);
                (
                    file.clone(),
                    PathBuf::from(format!("{stem}.transcript.json")),
                )
            }
        };
        if !pairs.iter().any(|(metadata, _)| *metadata == pair.0) {
            pairs.push((pair.0, Some(pair.1)));
        }
    }
    pairs
}
