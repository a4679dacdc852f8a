//! Coaching: comments on moments of a call and follow-ups on its action
//! items, with what they send outside the API (e-mails, invites, drafts).

pub mod comments;
pub mod follow_ups;
mod notice;
pub mod outreach;
