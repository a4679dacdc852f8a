//! Settings: the organisation's settings and time zone, its analyzers and
//! their configs, and the keywords tracked per team (admins).

use callsight_plugin_api::Direction;
use callsight_plugin_api::names::metric;
use chrono_tz::Tz;
use tracing::instrument;

use crate::analysis::Plugin;
use crate::domain::{AnalyzerSettings, IdealRange, TrackedKeywords, UserId, UserRole};
use crate::error::{ServiceError, ServiceResult};
use crate::services::{Ctx, people};
use crate::store::{orgs, rollups, users};

pub use crate::store::orgs::Organization;

/// Longest metric name an ideal range may name.
const MAX_METRIC_NAME: usize = 100;

/// An admin's ideal range for one metric, as asked for.
#[derive(Debug, Clone)]
pub struct IdealRangeSetting {
    pub metric: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub target: Option<f64>,
}

impl IdealRangeSetting {
    /// The metric and its range, when the name is 1 to 100 characters and
    /// the bounds are numbers with min ≤ max; `i` is its place in the
    /// request's list, for the error.
    fn parse(self, i: usize) -> ServiceResult<(String, IdealRange)> {
        let metric = self.metric.trim();
        if metric.is_empty() || metric.len() > MAX_METRIC_NAME {
            return Err(ServiceError::BadUserInput(format!(
                "idealRanges[{i}].metric must be a metric name of 1 to {MAX_METRIC_NAME} characters"
            )));
        }
        let finite = [self.min, self.max, self.target]
            .iter()
            .flatten()
            .all(|v| v.is_finite());
        if !finite || self.min.zip(self.max).is_some_and(|(lo, hi)| lo > hi) {
            return Err(ServiceError::BadUserInput(format!(
                "idealRanges[{i}] ({metric}): bounds must be numbers with min ≤ max"
            )));
        }
        let range = IdealRange {
            min: self.min,
            max: self.max,
            target: self.target,
        };
        Ok((metric.to_owned(), range))
    }
}

/// What an admin changes in the organisation's settings; `None` leaves a
/// part as it is.
#[derive(Debug, Clone, Default)]
pub struct SettingsChange {
    pub conversation_intelligence: Option<bool>,
    /// Ranges to set, over the ones in force.
    pub ideal_ranges: Vec<IdealRangeSetting>,
    pub top_performers: Option<Vec<UserId>>,
    pub time_zone: Option<Tz>,
}

/// Changes the organisation's settings (admins). A change of the ideal
/// ranges or the time zone recomputes the rollups; the cached baselines
/// and viewers of the organisation are forgotten.
#[instrument(skip(ctx, change), fields(org = %ctx.scope().org()))]
pub async fn update(ctx: Ctx<'_>, change: SettingsChange) -> ServiceResult<Organization> {
    let before = &ctx.viewer()?.organization;
    let mut settings = before.settings.clone();
    if let Some(enabled) = change.conversation_intelligence {
        settings.conversation_intelligence = enabled;
    }
    for (i, range) in change.ideal_ranges.into_iter().enumerate() {
        let (metric, range) = range.parse(i)?;
        // A range saved before (for a plugin since removed) may still be
        // changed or removed; a new one must name a metric that exists.
        if !before.settings.ideal_ranges.contains_key(&metric) {
            known_metric(ctx, &format!("idealRanges[{i}].metric"), &metric)?;
        }
        settings.ideal_ranges.insert(metric, range);
    }
    if let Some(ids) = change.top_performers {
        let found = people::get_many(ctx, &ids).await?;
        if let Some(id) = ids.iter().find(|id| {
            !found
                .iter()
                .any(|u| u.id == **id && u.role == UserRole::Seller)
        }) {
            return Err(ServiceError::BadUserInput(format!(
                "topPerformerIds: user {id} is not a seller of this organisation"
            )));
        }
        settings.top_performers = ids.iter().map(|id| id.0).collect();
    }
    ctx.scope().require_admin("changes organisation settings")?;
    let org = orgs::update(ctx.store().db(), ctx.scope(), &settings, change.time_zone).await?;
    if org.time_zone != before.time_zone
        || org.settings.effective_ideal_ranges() != before.settings.effective_ideal_ranges()
    {
        rollups::rebuild(ctx.store(), &org).await?;
    }
    ctx.services().baselines().forget(org.id);
    ctx.forget_viewers();
    Ok(org)
}

/// A loaded analyzer with the organisation's settings for it.
#[derive(Debug, Clone)]
pub struct Analyzer {
    pub plugin: std::sync::Arc<Plugin>,
    pub settings: AnalyzerSettings,
}

/// The loaded analyzers and this organisation's settings for each.
pub fn analyzers(ctx: Ctx<'_>) -> ServiceResult<Vec<Analyzer>> {
    let settings = &ctx.viewer()?.organization.settings;
    Ok(ctx
        .services()
        .analysis()
        .host()
        .plugins()
        .iter()
        .map(|plugin| Analyzer {
            plugin: plugin.clone(),
            settings: settings.analyzer(plugin.name()),
        })
        .collect())
}

/// The unit a loaded analyzer declares for a metric (`""` when none does).
pub fn metric_unit(ctx: Ctx<'_>, name: &str) -> String {
    declared(ctx, name)
        .map(|m| m.unit.to_string())
        .unwrap_or_default()
}

/// A metric a client may name: a built-in one or one a loaded analyzer
/// declares.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownMetric {
    pub name: String,
    /// The unit a loaded analyzer declares (`""` when none does).
    pub unit: String,
    /// Which values are better: as a loaded analyzer declares it, else as
    /// the built-in table gives it.
    pub direction: Direction,
}

/// The metric `name`, when it is known; else BAD_USER_INPUT for `field`
/// naming every known metric, so a typo is not answered with nothing.
pub fn known_metric(ctx: Ctx<'_>, field: &str, name: &str) -> ServiceResult<KnownMetric> {
    let spec = declared(ctx, name);
    let direction = spec
        .as_ref()
        .map(|m| m.direction)
        .or_else(|| metric::direction_of(name));
    match direction {
        Some(direction) => Ok(KnownMetric {
            name: name.to_owned(),
            unit: spec.map(|m| m.unit.to_string()).unwrap_or_default(),
            direction,
        }),
        None => {
            let mut known: Vec<&str> = metric::BUILT_IN.iter().map(|(name, ..)| *name).collect();
            let plugins = ctx.services().analysis().host().plugins();
            known.extend(
                plugins
                    .iter()
                    .flat_map(|p| p.info.metrics.iter().map(|m| m.name.as_str())),
            );
            known.sort_unstable();
            known.dedup();
            Err(ServiceError::BadUserInput(format!(
                "{field}: unknown metric `{name}`; the known metrics are {}",
                known.join(", ")
            )))
        }
    }
}

/// What a loaded analyzer declares about a metric, if one does.
fn declared(ctx: Ctx<'_>, name: &str) -> Option<callsight_plugin_api::MetricSpec> {
    ctx.services()
        .analysis()
        .host()
        .plugins()
        .iter()
        .flat_map(|p| p.info.metrics.iter())
        .find(|m| m.name == name)
        .cloned()
}

/// Switches an analyzer on or off and sets its config (admins); the
/// analyzer validates the config before it is saved.
#[instrument(skip(ctx, config), fields(org = %ctx.scope().org()))]
pub async fn configure_analyzer(
    ctx: Ctx<'_>,
    name: &str,
    enabled: Option<bool>,
    config: Option<serde_json::Value>,
) -> ServiceResult<Analyzer> {
    ctx.scope().require_admin("configures analyzers")?;
    let analysis = ctx.services().analysis();
    let plugin = analysis.host().get(name).cloned().ok_or_else(|| {
        ServiceError::BadUserInput(format!("no analyzer named `{name}` is loaded"))
    })?;
    let mut settings = ctx.viewer()?.organization.settings.clone();
    let mut entry = settings.analyzer(name);
    if let Some(enabled) = enabled {
        entry.enabled = enabled;
    }
    if let Some(config) = config {
        analysis.validate(name, &config).await?;
        entry.config = config;
    }
    settings.analyzers.insert(name.to_owned(), entry.clone());
    orgs::update(ctx.store().db(), ctx.scope(), &settings, None).await?;
    ctx.forget_viewers();
    Ok(Analyzer {
        plugin,
        settings: entry,
    })
}

/// The keywords tracked in the calls of `manager`'s team: for that
/// manager, the managers above them, and admins. A manager the caller does
/// not see is not found, like one that does not exist.
pub fn team_keywords(ctx: Ctx<'_>, manager: UserId) -> ServiceResult<Vec<String>> {
    let scope = ctx.scope();
    scope.require_manager("reading a team's keywords")?;
    if scope.user() != Some(manager) && !scope.can_see(manager) {
        return Err(ServiceError::not_found(format!("manager {manager}")));
    }
    Ok(ctx
        .viewer()?
        .organization
        .settings
        .team_keywords(manager)
        .to_vec())
}

/// Sets the keywords tracked in the calls of a manager's team (admins);
/// an empty list removes them.
#[instrument(skip(ctx, keywords), fields(org = %ctx.scope().org(), %manager))]
pub async fn set_team_keywords(
    ctx: Ctx<'_>,
    manager: UserId,
    keywords: TrackedKeywords,
) -> ServiceResult<TrackedKeywords> {
    let user = users::get(ctx.store().db(), ctx.scope(), manager).await?;
    if user.role == UserRole::Seller {
        return Err(ServiceError::BadUserInput(format!(
            "{} is a seller, not a manager",
            user.email
        )));
    }
    let mut settings = ctx.viewer()?.organization.settings.clone();
    if keywords.is_empty() {
        settings.team_keywords.remove(&manager.to_string());
    } else {
        settings
            .team_keywords
            .insert(manager.to_string(), keywords.clone().into_vec());
    }
    ctx.scope().require_admin("changes organisation settings")?;
    orgs::update(ctx.store().db(), ctx.scope(), &settings, None).await?;
    ctx.forget_viewers();
    Ok(keywords)
}
