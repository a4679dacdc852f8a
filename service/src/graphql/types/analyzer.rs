//! `Analyzer`: a loaded analyzer plugin and the organisation's settings
//! for it; and what analyzers found in a call.

use async_graphql::{Enum, InputObject, Json, Object, SimpleObject};
use callsight_plugin_api::Direction;

use super::enums::SpeakerRoleGql;
use crate::analysis::Plugin;
use crate::domain::AnalyzerSettings;
use crate::services::calls::{AnalyzerRun, CallMetric, CallSignal};
use crate::services::settings::Analyzer;

/// A loaded analyzer and how this organisation runs it.
pub struct AnalyzerNode {
    pub plugin: std::sync::Arc<Plugin>,
    pub settings: AnalyzerSettings,
}

impl From<Analyzer> for AnalyzerNode {
    fn from(a: Analyzer) -> Self {
        Self {
            plugin: a.plugin,
            settings: a.settings,
        }
    }
}

/// A metric an analyzer emits per call.
#[derive(SimpleObject)]
pub struct MetricSpecNode {
    name: String,
    unit: String,
    description: String,
    /// Which values are better; `team.ranking` puts the best first.
    direction: MetricDirection,
    /// The best value, when `direction` is `TARGET`.
    target: Option<f64>,
}

/// Which values of a metric are better (docs/metrics.md#built-in-metrics).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum MetricDirection {
    HigherIsBetter,
    LowerIsBetter,
    /// The closer to `target` the better.
    Target,
    /// Neither end is better: the number describes the call.
    Neutral,
}

impl From<Direction> for MetricDirection {
    fn from(direction: Direction) -> Self {
        match direction {
            Direction::HigherIsBetter => Self::HigherIsBetter,
            Direction::LowerIsBetter => Self::LowerIsBetter,
            Direction::Target(_) => Self::Target,
            Direction::Neutral => Self::Neutral,
        }
    }
}

#[Object(name = "Analyzer")]
impl AnalyzerNode {
    async fn name(&self) -> &str {
        self.plugin.name()
    }

    async fn version(&self) -> &str {
        &self.plugin.info.version
    }

    /// ABI version the plugin was built against.
    async fn abi_version(&self) -> u32 {
        self.plugin.abi_version
    }

    async fn description(&self) -> &str {
        &self.plugin.info.description
    }

    async fn signal_kinds(&self) -> &[String] {
        &self.plugin.info.signal_kinds
    }

    async fn metrics(&self) -> Vec<MetricSpecNode> {
        self.plugin
            .info
            .metrics
            .iter()
            .map(|m| MetricSpecNode {
                name: m.name.clone(),
                unit: m.unit.to_string(),
                description: m.description.clone(),
                direction: m.direction.into(),
                target: match m.direction {
                    Direction::Target(value) => Some(value),
                    _ => None,
                },
            })
            .collect()
    }

    /// JSON Schema of `config`.
    async fn config_schema(&self) -> Json<serde_json::Value> {
        Json(self.plugin.config_schema.clone())
    }

    async fn enabled(&self) -> bool {
        self.settings.enabled
    }

    /// The organisation's config for it (`{}`: the analyzer's defaults).
    async fn config(&self) -> Json<serde_json::Value> {
        Json(self.settings.config.clone())
    }
}

/// Switches an analyzer on or off and sets its config (validated by the
/// analyzer before it is saved).
#[derive(InputObject)]
pub struct ConfigureAnalyzerInput {
    pub name: String,
    pub enabled: Option<bool>,
    pub config: Option<Json<serde_json::Value>>,
}

/// A number an analyzer computed for a call.
#[derive(SimpleObject)]
#[graphql(name = "CallMetric")]
pub struct CallMetricNode {
    analyzer: String,
    name: String,
    /// Absent when the call has no value for it (e.g. 0/0).
    value: Option<f64>,
    unit: String,
}

impl From<CallMetric> for CallMetricNode {
    fn from(m: CallMetric) -> Self {
        Self {
            analyzer: m.analyzer,
            name: m.name,
            value: m.value,
            unit: m.unit,
        }
    }
}

/// Something an analyzer found at a moment of a call.
#[derive(SimpleObject)]
#[graphql(name = "Signal")]
pub struct SignalNode {
    /// Changes when the call is analysed again.
    id: async_graphql::ID,
    analyzer: String,
    /// e.g. `keyword`, `competitor`, `question`, `action_item`, `sentiment`.
    kind: String,
    value: String,
    label: Option<String>,
    role: Option<SpeakerRoleGql>,
    /// Index of the segment in the call's transcript.
    segment: Option<i32>,
    offset_ms: Option<i64>,
    duration_ms: Option<i64>,
    score: Option<f64>,
    data: Option<Json<serde_json::Value>>,
}

impl From<CallSignal> for SignalNode {
    fn from(s: CallSignal) -> Self {
        Self {
            id: async_graphql::ID(s.id.to_string()),
            analyzer: s.analyzer,
            kind: s.kind,
            value: s.value,
            label: s.label,
            role: SpeakerRoleGql::from_stored(s.role.as_deref()),
            segment: s.segment,
            offset_ms: s.offset_ms,
            duration_ms: s.duration_ms,
            score: s.score,
            data: s.data.map(Json),
        }
    }
}

/// How one analyzer fared on a call.
#[derive(SimpleObject)]
#[graphql(name = "AnalyzerRun")]
pub struct AnalyzerRunNode {
    analyzer: String,
    version: String,
    /// Why it failed on this call; absent when it succeeded.
    error: Option<String>,
}

impl From<AnalyzerRun> for AnalyzerRunNode {
    fn from(r: AnalyzerRun) -> Self {
        Self {
            analyzer: r.analyzer,
            version: r.version,
            error: r.error,
        }
    }
}

/// Which calls `reanalyzeCalls` analyses again; omitted fields do not
/// narrow the selection.
#[derive(InputObject)]
pub struct ReanalyzeFilter {
    pub seller_ids: Option<Vec<async_graphql::ID>>,
    /// Calls started at or after this instant.
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    /// Calls started before this instant.
    pub to: Option<chrono::DateTime<chrono::Utc>>,
}
