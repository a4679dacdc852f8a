//! `CallFilter`: what narrows a call history.

use async_graphql::{Enum, ID, InputObject};

use super::date_range::DateRangeInput;
use super::ids::parse_id;
use crate::domain::{CallFilter, SentimentFilter, UserId};
use crate::error::ServiceError;

/// The customer's mood on a call (VADER: positive from 0.05, negative to
/// −0.05).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Sentiment {
    Positive,
    Neutral,
    Negative,
}

/// Narrows a call list; every part is optional and they all apply.
#[derive(InputObject, Clone, Debug, Default)]
#[graphql(name = "CallFilter")]
pub struct CallFilterInput {
    /// Calls started in these days (organisation's time zone).
    pub range: Option<DateRangeInput>,
    /// One seller's calls.
    pub seller_id: Option<ID>,
    /// A customer participant's name or e-mail contains this (any case).
    pub customer: Option<String>,
    /// The call mentions this keyword or key phrase (any case).
    pub keyword: Option<String>,
    /// The call mentions this competitor (any case).
    pub competitor: Option<String>,
    /// The customer's overall sentiment on the call.
    pub sentiment: Option<Sentiment>,
}

impl CallFilterInput {
    /// The store's filter, with the range read in `tz`.
    pub fn parse(&self, tz: chrono_tz::Tz) -> Result<CallFilter, ServiceError> {
        let text = |value: &Option<String>, field: &str| CallFilter::text(value.as_deref(), field);
        Ok(CallFilter {
            seller: self
                .seller_id
                .as_ref()
                .map(|id| parse_id(id, "seller", UserId))
                .transpose()?,
            started: self
                .range
                .map(|r| r.days().map(|d| d.instants(tz)))
                .transpose()?,
            customer: text(&self.customer, "customer")?,
            keyword: text(&self.keyword, "keyword")?,
            competitor: text(&self.competitor, "competitor")?,
            sentiment: self.sentiment.map(|s| match s {
                Sentiment::Positive => SentimentFilter::Positive,
                Sentiment::Neutral => SentimentFilter::Neutral,
                Sentiment::Negative => SentimentFilter::Negative,
            }),
        })
    }
}
