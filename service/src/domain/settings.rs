//! An organisation's settings, kept as JSON so later features add keys
//! without a migration.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{IdealRange, default_ideal_ranges};
use crate::error::{ServiceError, ServiceResult};

/// Settings an admin changes; unknown keys are rejected so typos surface.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct OrgSettings {
    /// Conversation intelligence is off until an admin switches it on:
    /// analysing recorded calls is a decision the organisation takes.
    pub conversation_intelligence: bool,
    /// Per-analyzer settings by analyzer name; an analyzer without an entry
    /// runs with its default config.
    pub analyzers: BTreeMap<String, AnalyzerSettings>,
    /// Keywords tracked in the calls of a manager's team, by manager id.
    pub team_keywords: BTreeMap<String, Vec<String>>,
    /// Ideal ranges by metric name, over the defaults of
    /// docs/metrics.md#ideal-ranges; an entry with neither bound removes a
    /// default.
    pub ideal_ranges: BTreeMap<String, IdealRange>,
    /// Top performers the admin chose (user ids); empty means they are
    /// picked automatically by won-call rate.
    pub top_performers: Vec<i64>,
}

impl OrgSettings {
    /// FEATURE_DISABLED unless the organisation switched conversation
    /// intelligence on: the one check every way into the calls makes.
    pub fn require_conversation_intelligence(&self) -> ServiceResult<()> {
        if self.conversation_intelligence {
            Ok(())
        } else {
            Err(ServiceError::FeatureDisabled)
        }
    }

    /// The settings of one analyzer, defaults included.
    pub fn analyzer(&self, name: &str) -> AnalyzerSettings {
        self.analyzers.get(name).cloned().unwrap_or_default()
    }

    /// The ideal ranges in force: the defaults with the admin's changes.
    pub fn effective_ideal_ranges(&self) -> BTreeMap<String, IdealRange> {
        let mut ranges = default_ideal_ranges();
        for (name, range) in &self.ideal_ranges {
            if range.min.is_none() && range.max.is_none() {
                ranges.remove(name);
            } else {
                ranges.insert(name.clone(), *range);
            }
        }
        ranges
    }

    /// The keywords tracked for the team of `manager`.
    pub fn team_keywords(&self, manager: super::UserId) -> &[String] {
        self.team_keywords
            .get(&manager.to_string())
            .map_or(&[], Vec::as_slice)
    }
}

/// Whether an analyzer runs for the organisation, and its JSON config
/// (validated by the plugin when saved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AnalyzerSettings {
    pub enabled: bool,
    pub config: serde_json::Value,
}

impl Default for AnalyzerSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            config: serde_json::Value::Object(Default::default()),
        }
    }
}
