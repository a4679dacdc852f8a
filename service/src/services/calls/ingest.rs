//! Ingest: a parsed transcript plus the request's choices (seller, speaker
//! roles, overrides) becomes one stored call, whole or not at all.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use tracing::instrument;

use crate::domain::Format;
use crate::domain::{
    Call, Email, Language, Outcome, Scope, SpeakerRole, TrackedKeywords, UserRole,
};
use crate::error::{ServiceError, ServiceResult};
use crate::import;
use crate::store::Store;
use crate::store::calls::{self, Inserted, NewCall};
use crate::store::users::{self, User};

/// What the importer of a call decides beyond the transcript itself.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// E-mail of the seller whose call this is.
    pub seller: Option<Email>,
    /// Speaker label → role, for sources that do not say who sold.
    pub speakers: HashMap<String, SpeakerRole>,
    pub title: Option<String>,
    pub outcome: Option<Outcome>,
    pub started_at: Option<DateTime<Utc>>,
    pub external_id: Option<String>,
    /// Keywords to track in this call only.
    pub keywords: TrackedKeywords,
    /// The call's language, over the source's.
    pub language: Option<Language>,
}

/// Parses a payload off the async runtime: a 20 MB transcript is real work.
#[instrument(skip_all)]
pub async fn parse(format: Format, payload: Vec<u8>) -> ServiceResult<Call<Option<SpeakerRole>>> {
    let parsed = tokio::task::spawn_blocking(move || import::parse(format, &payload))
        .await
        .map_err(|e| anyhow::anyhow!("import task failed: {e}"))??;
    Ok(parsed)
}

/// Maps roles, applies the overrides and stores the call for the seller.
/// Re-importing an external id the organisation already has returns the
/// stored call and writes nothing.
#[instrument(skip_all)]
pub async fn store_call(
    store: &Store,
    scope: &Scope,
    format: Format,
    parsed: Call<Option<SpeakerRole>>,
    options: ImportOptions,
) -> ServiceResult<Inserted> {
    let new = prepare(store, scope, format, parsed, options).await?;
    let inserted = calls::insert(store, scope, vec![new]).await?;
    inserted
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("insert returned nothing").into())
}

/// Everything but the write: checks the seller and maps speakers to roles.
async fn prepare(
    store: &Store,
    scope: &Scope,
    format: Format,
    parsed: Call<Option<SpeakerRole>>,
    options: ImportOptions,
) -> ServiceResult<NewCall> {
    let email = options.seller.ok_or_else(|| {
        ServiceError::BadUserInput("name the seller whose call this is (their e-mail)".into())
    })?;
    let seller = users::find_by_email(store.db(), scope, &email)
        .await?
        .ok_or_else(|| {
            ServiceError::BadUserInput(format!(
                "unknown seller {email}: no such user you can import for"
            ))
        })?;
    if seller.role == UserRole::Admin {
        return Err(ServiceError::BadUserInput(format!(
            "{email} is an admin, not a seller or manager"
        )));
    }
    let mut speakers = options.speakers;
    if let Some(label) = seller_speaker(&parsed, &seller, &speakers) {
        speakers.insert(label, SpeakerRole::Seller);
    }
    let mut call = import::assign_roles(parsed, &speakers)?;
    if let Some(title) = options.title.filter(|t| !t.trim().is_empty()) {
        call.title = Some(title.trim().to_owned());
    }
    if options.outcome.is_some() {
        call.outcome = options.outcome;
    }
    call.language = match options.language {
        Some(language) => language.into_string(),
        None => spoken_language(&call),
    };
    if let Some(external_id) = options.external_id.filter(|e| !e.trim().is_empty()) {
        call.external_id = Some(external_id.trim().to_owned());
    }
    let stated_start = options.started_at.or(call.started_at);
    let fingerprint = call
        .external_id
        .is_none()
        .then(|| fingerprint(&seller, stated_start, &call));
    let started_at = stated_start.unwrap_or_else(Utc::now);
    Ok(NewCall {
        seller: seller.id,
        call,
        started_at,
        source_format: format,
        tracked_keywords: options.keywords.into_vec(),
        fingerprint,
        analysis: None,
    })
}

/// The speaker who is the seller by name: when nothing says who sold (no
/// mapping names a seller, the source gives no seller role), the one
/// speaker whose label, name or e-mail is the seller's name or e-mail.
fn seller_speaker(
    call: &Call<Option<SpeakerRole>>,
    seller: &User,
    mapping: &HashMap<String, SpeakerRole>,
) -> Option<String> {
    let seller_known = mapping.values().any(|r| *r == SpeakerRole::Seller)
        || call
            .participants
            .iter()
            .any(|p| p.role == Some(SpeakerRole::Seller));
    if seller_known {
        return None;
    }
    let same = |text: &str| {
        let text = text.trim();
        text.eq_ignore_ascii_case(seller.name.trim())
            || text.eq_ignore_ascii_case(seller.email.as_str())
    };
    let mut labels: BTreeSet<&str> = call
        .participants
        .iter()
        .filter(|p| {
            same(&p.speaker)
                || p.name.as_deref().is_some_and(same)
                || p.email.as_deref().is_some_and(same)
        })
        .map(|p| p.speaker.trim())
        .collect();
    labels.extend(
        call.segments
            .iter()
            .map(|s| s.speaker.trim())
            .filter(|l| same(l)),
    );
    match labels.len() {
        1 => labels.pop_first().map(str::to_owned),
        _ => None,
    }
}

/// What makes a call without external id the same call when the same file
/// is imported again: its seller, the start the source or the importer
/// states (none when only the time of import would say), and every
/// segment's speaker, times and text (docs/import.md#identity).
fn fingerprint(
    seller: &User,
    started_at: Option<DateTime<Utc>>,
    call: &Call<SpeakerRole>,
) -> String {
    let mut hash = Sha256::new();
    hash.update(seller.id.0.to_le_bytes());
    hash.update(
        started_at
            .map_or(i64::MIN, |at| at.timestamp_millis())
            .to_le_bytes(),
    );
    for segment in &call.segments {
        for part in [segment.speaker.as_bytes(), segment.text.as_bytes()] {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        }
        hash.update(segment.start_ms.to_le_bytes());
        hash.update(segment.end_ms.to_le_bytes());
    }
    let digest = hash.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The call's language when the request names none: the source's, unless
/// what was said is clearly in another language (a Korean Teams file
/// carries no language and would otherwise be taken for English).
fn spoken_language(call: &Call<SpeakerRole>) -> String {
    match Language::detect(call.segments.iter().map(|s| s.text.as_str())) {
        Some(spoken)
            if !call
                .language
                .split('-')
                .next()
                .is_some_and(|p| p.eq_ignore_ascii_case(spoken.primary())) =>
        {
            spoken.into_string()
        }
        _ => call.language.clone(),
    }
}
