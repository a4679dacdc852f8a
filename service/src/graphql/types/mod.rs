//! GraphQL object, input and enum types: one file per type family.

mod analyzer;
mod call;
mod call_filter;
mod comment;
mod date_range;
mod enums;
mod follow_up;
mod ids;
mod import;
mod insight;
mod kpi;
mod nodes;
mod organization;
mod recording;
mod seller;
mod stats;
mod team;
mod term;
mod transcript;
mod user;

pub use analyzer::{AnalyzerNode, ConfigureAnalyzerInput, ReanalyzeFilter};
pub use call::{CallConnection, calls_page};
pub use call_filter::CallFilterInput;
pub use comment::{AddCommentInput, DeleteCommentPayload, EditCommentInput};
pub use date_range::DateRangeInput;
pub use follow_up::{CreateFollowUpInput, UpdateFollowUpInput};
pub use ids::parse_id;
pub use import::{ImportCallInput, ImportCallPayload};
pub use nodes::{CallNode, CommentNode, FollowUpNode};
pub use organization::{OrganizationNode, UpdateOrganizationSettingsInput};
pub use seller::{SellerNode, load_seller};
pub use team::{TeamNode, team_for};
pub use user::{CreateUserInput, UpdateUserInput, UserNode};
