//! `Organization`: the viewer's organisation and its settings.

use async_graphql::{InputObject, Object, SimpleObject};

use crate::services::settings::Organization;

/// The viewer's organisation.
pub struct OrganizationNode(pub Organization);

/// Organisation-wide switches and defaults.
#[derive(SimpleObject)]
pub struct OrganizationSettings {
    /// Whether calls are analysed and the conversation-intelligence API
    /// answers. Off until an admin switches it on.
    conversation_intelligence: bool,
    /// Ideal ranges in force, by metric: the defaults of
    /// docs/metrics.md#ideal-ranges with the admin's changes.
    ideal_ranges: Vec<MetricIdealRange>,
    /// Top performers the admin chose; empty when they are picked by
    /// won-call rate.
    top_performer_ids: Vec<async_graphql::ID>,
}

/// A metric's ideal range.
#[derive(SimpleObject, InputObject)]
#[graphql(input_name = "MetricIdealRangeInput")]
pub struct MetricIdealRange {
    pub metric: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// The best value inside the range, if any.
    pub target: Option<f64>,
}

#[Object(name = "Organization")]
impl OrganizationNode {
    async fn id(&self) -> async_graphql::ID {
        async_graphql::ID(self.0.id.to_string())
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    /// IANA time zone in which date ranges are read (e.g. `Europe/Berlin`).
    async fn time_zone(&self) -> &str {
        self.0.time_zone.name()
    }

    async fn settings(&self) -> OrganizationSettings {
        let settings = &self.0.settings;
        OrganizationSettings {
            conversation_intelligence: settings.conversation_intelligence,
            ideal_ranges: settings
                .effective_ideal_ranges()
                .into_iter()
                .map(|(metric, r)| MetricIdealRange {
                    metric,
                    min: r.min,
                    max: r.max,
                    target: r.target,
                })
                .collect(),
            top_performer_ids: settings
                .top_performers
                .iter()
                .map(|id| async_graphql::ID(id.to_string()))
                .collect(),
        }
    }
}

/// Settings to change; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateOrganizationSettingsInput {
    pub conversation_intelligence: Option<bool>,
    /// IANA time zone name. Changing it recomputes the daily rollups.
    pub time_zone: Option<String>,
    /// Ideal ranges to set, each replacing the metric's current one; a
    /// range with neither bound removes it (defaults included).
    pub ideal_ranges: Option<Vec<MetricIdealRange>>,
    /// The top performers (sellers); an empty list returns to picking
    /// them by won-call rate.
    pub top_performer_ids: Option<Vec<async_graphql::ID>>,
}
