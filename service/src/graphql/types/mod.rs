//! GraphQL object, input and enum types: one file per type family.

mod analyzer;
mod call;
mod enums;
mod ids;
mod import;
mod organization;
mod transcript;
mod user;

pub use analyzer::{AnalyzerNode, ConfigureAnalyzerInput, ReanalyzeFilter};
pub use call::{CallConnection, CallNode, calls_page};
pub use ids::parse_id;
pub use import::{ImportCallInput, ImportCallPayload};
pub use organization::{OrganizationNode, UpdateOrganizationSettingsInput};
pub use user::{CreateUserInput, UpdateUserInput, UserNode};
