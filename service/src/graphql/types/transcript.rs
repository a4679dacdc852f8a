//! `Transcript`, `Segment` and `Participant` of a call.

use std::collections::HashMap;

use async_graphql::{Context, Object, Result, SimpleObject};

use super::enums::SpeakerRoleGql;
use crate::domain::{Participant, Segment, SpeakerRole};
use crate::graphql::context::store;
use crate::store::analysis;
use crate::store::calls::{self, StoredCall};

/// A voice in the call.
pub struct ParticipantNode(pub Participant);

#[Object(name = "Participant")]
impl ParticipantNode {
    /// The speaker label as the source names it.
    async fn speaker(&self) -> &str {
        &self.0.speaker
    }

    async fn name(&self) -> Option<&str> {
        self.0.name.as_deref()
    }

    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }

    async fn role(&self) -> SpeakerRoleGql {
        self.0.role.into()
    }
}

/// The call's transcript.
pub struct TranscriptNode(pub StoredCall);

#[Object(name = "Transcript")]
impl TranscriptNode {
    /// Segments sorted by start, then end.
    #[graphql(complexity = "crate::graphql::page_cost(None, 50, child_complexity)")]
    async fn segments(&self, ctx: &Context<'_>) -> Result<Vec<SegmentNode>> {
        let db = store(ctx).db();
        let (participants, segments, sentiments) = tokio::try_join!(
            calls::participants(db, &self.0),
            calls::segments(db, &self.0),
            analysis::signals(db, &self.0, Some("sentiment")),
        )?;
        let mut sentiments: HashMap<usize, SentimentNode> = sentiments
            .into_iter()
            .filter_map(|s| {
                let index = usize::try_from(s.segment?).ok()?;
                Some((
                    index,
                    SentimentNode {
                        label: s.label.unwrap_or(s.value),
                        compound: s.score,
                    },
                ))
            })
            .collect();
        let roles: HashMap<String, SpeakerRole> = participants
            .into_iter()
            .map(|p| (p.speaker, p.role))
            .collect();
        Ok(segments
            .into_iter()
            .enumerate()
            .map(|(index, segment)| {
                let role = roles
                    .get(&segment.speaker)
                    .copied()
                    .unwrap_or(SpeakerRole::Other);
                SegmentNode {
                    sentiment: sentiments.remove(&index),
                    index,
                    role,
                    segment,
                }
            })
            .collect())
    }
}

/// A stretch of one speaker's speech; times in ms from the call's start.
pub struct SegmentNode {
    index: usize,
    role: SpeakerRole,
    segment: Segment,
    sentiment: Option<SentimentNode>,
}

/// A segment's VADER score (DESIGN §5).
#[derive(SimpleObject, Clone)]
#[graphql(name = "SegmentSentimentScore")]
pub struct SentimentNode {
    /// `positive` (compound ≥ 0.05), `negative` (≤ −0.05) or `neutral`.
    label: String,
    /// Compound score, −1 to 1.
    compound: Option<f64>,
}

/// A timed word.
#[derive(SimpleObject)]
#[graphql(name = "Word")]
pub struct WordNode {
    text: String,
    start_ms: i64,
    end_ms: i64,
}

#[Object(name = "Segment")]
impl SegmentNode {
    /// Position in the call's sorted segment list.
    async fn index(&self) -> usize {
        self.index
    }

    async fn speaker(&self) -> &str {
        &self.segment.speaker
    }

    async fn role(&self) -> SpeakerRoleGql {
        self.role.into()
    }

    async fn start_ms(&self) -> i64 {
        self.segment.start_ms
    }

    async fn end_ms(&self) -> i64 {
        self.segment.end_ms
    }

    async fn text(&self) -> &str {
        &self.segment.text
    }

    /// The segment's sentiment, once analysed (null for languages the
    /// analyzer cannot score).
    async fn sentiment(&self) -> Option<&SentimentNode> {
        self.sentiment.as_ref()
    }

    /// Word timings, when the source had them.
    #[graphql(complexity = "crate::graphql::page_cost(None, 20, child_complexity)")]
    async fn words(&self) -> Option<Vec<WordNode>> {
        self.segment.words.as_ref().map(|words| {
            words
                .iter()
                .map(|w| WordNode {
                    text: w.text.clone(),
                    start_ms: w.start_ms,
                    end_ms: w.end_ms,
                })
                .collect()
        })
    }
}
