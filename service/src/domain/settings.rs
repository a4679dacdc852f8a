//! An organisation's settings, kept as JSON so later features add keys
//! without a migration.

use serde::{Deserialize, Serialize};

/// Settings an admin changes; unknown keys are rejected so typos surface.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct OrgSettings {
    /// Conversation intelligence is off until an admin switches it on:
    /// analysing recorded calls is a decision the organisation takes.
    pub conversation_intelligence: bool,
}
