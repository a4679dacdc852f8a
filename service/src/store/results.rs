//! Writing analysis results: the rows of a call's analyzer runs, metrics,
//! signals and terms, and what they add to the rollups. Used when a call is
//! analysed again and when it is stored with results already computed.

use std::collections::BTreeMap;

use callsight_plugin_api::names::{metric, signal};
use callsight_plugin_api::{Output, Role};
use chrono::Utc;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use super::entity::{analyzer_run, call_metric, call_signal, call_term};
use super::rollups::CallFacts;
use crate::domain::dates::local_day;
use crate::domain::{AnalysisStatus, CallId, same_words};
use crate::error::ServiceResult;

/// What one analyzer did with a call.
#[derive(Debug, Clone)]
pub struct RunRecord {
    pub analyzer: String,
    pub version: String,
    /// The output, or why the analyzer failed on this call.
    pub outcome: Result<Output, String>,
}

/// The metric whose value the call history shows as the customer's
/// sentiment.
const CUSTOMER_SENTIMENT: &str = metric::CUSTOMER_SENTIMENT_SCORE;

/// Signal kinds counted as terms, and the kind they are rolled up as.
const TERM_KINDS: [&str; 3] = [signal::KEYWORD, signal::KEY_PHRASE, signal::COMPETITOR];

/// What storing one call's results decided.
#[derive(Debug, Clone)]
pub struct Analysed {
    pub status: AnalysisStatus,
    pub customer_sentiment: Option<f64>,
    /// What the call adds to the rollups.
    pub facts: CallFacts,
}

/// The call results belong to.
#[derive(Debug, Clone, Copy)]
pub struct ResultOwner {
    pub id: CallId,
    pub org: crate::domain::OrgId,
    pub seller: crate::domain::UserId,
    pub started_at: chrono::DateTime<Utc>,
    pub outcome: Option<crate::domain::Outcome>,
}

/// The status and customer sentiment a call's runs give it: `failed`
/// when every analyzer failed, else `done`.
pub fn summary(runs: &[RunRecord]) -> (AnalysisStatus, Option<f64>) {
    let status = if !runs.is_empty() && runs.iter().all(|r| r.outcome.is_err()) {
        AnalysisStatus::Failed
    } else {
        AnalysisStatus::Done
    };
    let sentiment = runs
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .flat_map(|o| &o.metrics)
        .find(|m| m.name == CUSTOMER_SENTIMENT)
        .and_then(|m| m.value.filter(|v| v.is_finite()));
    (status, sentiment)
}

/// Result rows of one or many calls, written together.
#[derive(Debug, Default)]
pub struct ResultBatch {
    runs: Vec<analyzer_run::ActiveModel>,
    metrics: Vec<call_metric::ActiveModel>,
    signals: Vec<call_signal::ActiveModel>,
    terms: Vec<call_term::ActiveModel>,
}

impl ResultBatch {
    /// Adds the rows of `call`'s results and says what they amount to
    /// (see [`summary`]).
    pub fn push(
        &mut self,
        call: &ResultOwner,
        tz: chrono_tz::Tz,
        runs: Vec<RunRecord>,
    ) -> Analysed {
        let (status, customer_sentiment) = summary(&runs);
        let mut facts = CallFacts::new(call.seller, local_day(call.started_at, tz), call.outcome);
        // (kind, term) -> (all mentions, customer mentions)
        let mut mentions: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
        let now = Utc::now();
        for run in runs {
            let error = match run.outcome {
                Ok(output) => {
                    for m in output.metrics {
                        let value = m.value.filter(|v| v.is_finite());
                        if let Some(value) = value {
                            facts.metrics.entry(m.name.clone()).or_insert(value);
                        }
                        self.metrics.push(call_metric::ActiveModel {
                            call_id: Set(call.id.0),
                            analyzer: Set(run.analyzer.clone()),
                            name: Set(m.name),
                            value: Set(value),
                            unit: Set(m.unit.into()),
                            ..Default::default()
                        });
                    }
                    for s in output.signals {
                        if TERM_KINDS.contains(&s.kind.as_str()) {
                            let spoken = spoken_mentions(&s);
                            let entry = mentions
                                .entry((s.kind.clone(), s.value.clone()))
                                .or_default();
                            entry.0 += spoken;
                            if s.role == Some(Role::Customer) {
                                entry.1 += spoken;
                            }
                        }
                        self.signals.push(call_signal::ActiveModel {
                            call_id: Set(call.id.0),
                            analyzer: Set(run.analyzer.clone()),
                            kind: Set(s.kind),
                            value: Set(s.value),
                            label: Set(s.label),
                            role: Set(s.role.map(|r| role_name(r).to_owned())),
                            segment: Set(s.segment.and_then(|i| i32::try_from(i).ok())),
                            offset_ms: Set(s.offset_ms),
                            duration_ms: Set(s.duration_ms),
                            score: Set(s.score.filter(|v| v.is_finite())),
                            data: Set(s.data),
                            ..Default::default()
                        });
                    }
                    None
                }
                Err(error) => Some(error),
            };
            self.runs.push(analyzer_run::ActiveModel {
                call_id: Set(call.id.0),
                analyzer: Set(run.analyzer),
                version: Set(run.version),
                error: Set(error),
                finished_at: Set(now),
                ..Default::default()
            });
        }
        drop_key_phrases_also_tracked(&mut mentions);
        for ((kind, term), (all, customer)) in mentions {
            if customer > 0 {
                facts.terms.insert((kind.clone(), term.clone()), customer);
            }
            self.terms.push(call_term::ActiveModel {
                call_id: Set(call.id.0),
                org_id: Set(call.org.0),
                seller_id: Set(call.seller.0),
                started_at: Set(call.started_at),
                kind: Set(kind),
                term: Set(term),
                mentions: Set(all),
                customer_mentions: Set(customer),
                ..Default::default()
            });
        }
        Analysed {
            status,
            customer_sentiment,
            facts,
        }
    }

    /// Inserts the rows gathered so far.
    pub async fn insert(self, db: &impl ConnectionTrait) -> ServiceResult<()> {
        for chunk in self.runs.chunks(500) {
            analyzer_run::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(db)
                .await?;
        }
        for chunk in self.metrics.chunks(500) {
            call_metric::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(db)
                .await?;
        }
        for chunk in self.signals.chunks(500) {
            call_signal::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(db)
                .await?;
        }
        for chunk in self.terms.chunks(500) {
            call_term::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(db)
                .await?;
        }
        Ok(())
    }
}

/// One spoken occurrence is one mention, whatever found it: a key phrase
/// that is also a tracked keyword of the call names words the keyword
/// matcher has already counted (it finds every whole-word mention), so the
/// key phrase adds no mentions of its own (docs/metrics.md#terms).
fn drop_key_phrases_also_tracked(mentions: &mut BTreeMap<(String, String), (i64, i64)>) {
    let tracked: std::collections::BTreeSet<String> = mentions
        .keys()
        .filter(|(kind, _)| kind == signal::KEYWORD)
        .map(|(_, term)| same_words(term))
        .collect();
    mentions.retain(|(kind, term), _| {
        kind != signal::KEY_PHRASE || !tracked.contains(&same_words(term))
    });
}

/// The spoken occurrences one term signal stands for: a keyword or
/// competitor signal is one mention; a key phrase is one signal for the
/// call, its `data.count` the places it was said.
fn spoken_mentions(found: &callsight_plugin_api::Signal) -> i64 {
    if found.kind != signal::KEY_PHRASE {
        return 1;
    }
    found
        .data
        .as_ref()
        .and_then(|data| data.get("count"))
        .and_then(serde_json::Value::as_i64)
        .filter(|count| *count > 0)
        .unwrap_or(1)
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Seller => "seller",
        Role::Customer => "customer",
        Role::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_phrase_stands_for_the_places_it_was_said() {
        let mut phrase = callsight_plugin_api::Signal::new(signal::KEY_PHRASE, "live calls");
        assert_eq!(spoken_mentions(&phrase), 1, "no count: one place");
        phrase.data = Some(serde_json::json!({"count": 5}));
        assert_eq!(spoken_mentions(&phrase), 5);
        let mut keyword = callsight_plugin_api::Signal::new(signal::KEYWORD, "pricing");
        keyword.data = Some(serde_json::json!({"count": 5}));
        assert_eq!(
            spoken_mentions(&keyword),
            1,
            "a keyword signal is one mention"
        );
    }

    #[test]
    fn a_key_phrase_that_is_tracked_adds_no_mentions() {
        let mut mentions = BTreeMap::from([
            (
                (signal::KEYWORD.to_owned(), "Onboarding".to_owned()),
                (5, 4),
            ),
            (
                (signal::KEY_PHRASE.to_owned(), "onboarding".to_owned()),
                (1, 1),
            ),
            (
                (signal::KEY_PHRASE.to_owned(), "live  calls".to_owned()),
                (1, 1),
            ),
            ((signal::COMPETITOR.to_owned(), "Gong".to_owned()), (2, 2)),
        ]);
        drop_key_phrases_also_tracked(&mut mentions);
        let kept: Vec<_> = mentions
            .keys()
            .map(|(k, t)| (k.as_str(), t.as_str()))
            .collect();
        assert_eq!(
            kept,
            [
                (signal::COMPETITOR, "Gong"),
                (signal::KEY_PHRASE, "live  calls"),
                (signal::KEYWORD, "Onboarding"),
            ]
        );
    }
}
