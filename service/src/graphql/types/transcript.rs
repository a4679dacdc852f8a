//! `Transcript`, `Segment` and `Participant` of a call.

use async_graphql::{Context, Object, Result, SimpleObject};

use super::enums::SpeakerRoleGql;
use crate::domain::Participant;
use crate::graphql::context::service;
use crate::services::calls::{self, StoredCall, TranscriptSegment};

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
        let segments = calls::transcript(service(ctx)?, &self.0).await?;
        Ok(segments.into_iter().map(SegmentNode).collect())
    }
}

/// A stretch of one speaker's speech; times in ms from the call's start.
pub struct SegmentNode(TranscriptSegment);

/// A segment's VADER score (docs/metrics.md#sentiment).
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
        self.0.index
    }

    async fn speaker(&self) -> &str {
        &self.0.segment.speaker
    }

    async fn role(&self) -> SpeakerRoleGql {
        self.0.role.into()
    }

    async fn start_ms(&self) -> i64 {
        self.0.segment.start_ms
    }

    async fn end_ms(&self) -> i64 {
        self.0.segment.end_ms
    }

    async fn text(&self) -> &str {
        &self.0.segment.text
    }

    /// The segment's sentiment, once analysed (null for languages the
    /// analyzer cannot score).
    async fn sentiment(&self) -> Option<SentimentNode> {
        self.0.sentiment.clone().map(|s| SentimentNode {
            label: s.label.unwrap_or(s.value),
            compound: s.score,
        })
    }

    /// Word timings, when the source had them.
    #[graphql(complexity = "crate::graphql::page_cost(None, 20, child_complexity)")]
    async fn words(&self) -> Option<Vec<WordNode>> {
        self.0.segment.words.as_ref().map(|words| {
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
