//! Mutations that import calls and manage people, analyzers and settings.

use async_graphql::{Context, ID, Object, Result};

use crate::domain::{Email, UserId, UserRole};
use crate::error::ServiceError;
use crate::graphql::context::{analysis, baselines, store, viewer, viewers};
use crate::graphql::types::{
    AnalyzerNode, CallNode, ConfigureAnalyzerInput, CreateUserInput, ImportCallInput,
    ImportCallPayload, OrganizationNode, ReanalyzeFilter, UpdateOrganizationSettingsInput,
    UpdateUserInput, UserNode, parse_id,
};
use crate::insights::engine::IdealRange;
use crate::services::calls::ingest::{self, ImportOptions};
use crate::store::calls::{self, Inserted};
use crate::store::{jobs, orgs, rollups, users};

#[derive(Default)]
pub struct CoreMutation;

#[Object]
impl CoreMutation {
    /// Imports one call for a seller: stored whole or not at all.
    async fn import_call(
        &self,
        ctx: &Context<'_>,
        input: ImportCallInput,
    ) -> Result<ImportCallPayload> {
        let viewer = viewer(ctx)?;
        let store = store(ctx);
        let seller = Email::parse(&input.seller_email).map_err(ServiceError::BadUserInput)?;
        let mut speakers = std::collections::HashMap::new();
        for mapping in input.speakers {
            speakers.insert(mapping.speaker, mapping.role.into());
        }
        let options = ImportOptions {
            seller: Some(seller),
            speakers,
            title: input.title,
            outcome: input.outcome.map(Into::into),
            started_at: input.started_at,
            external_id: input.external_id,
            keywords: input.keywords,
        };
        let format = input.format.into();
        let parsed = ingest::parse(format, input.payload.into_bytes()).await?;
        let inserted = ingest::store_call(store, &viewer.scope, format, parsed, options).await?;
        let call = calls::get(store.db(), &viewer.scope, inserted.id()).await?;
        if matches!(inserted, Inserted::Created(_)) {
            // The job was queued with the call; wake this process's workers.
            analysis(ctx).wake();
        }
        Ok(ImportCallPayload {
            call: CallNode(call),
            created: matches!(inserted, Inserted::Created(_)),
        })
    }

    /// Adds a user to the organisation (admins).
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> Result<UserNode> {
        let viewer = viewer(ctx)?;
        let new = users::NewUser {
            email: Email::parse(&input.email).map_err(ServiceError::BadUserInput)?,
            name: input.name,
            role: input.role.into(),
            manager: input
                .manager_id
                .as_ref()
                .map(|id| parse_id(id, "user", UserId))
                .transpose()?,
        };
        Ok(UserNode(forget_viewers(
            ctx,
            users::create(store(ctx).db(), &viewer.scope, new).await?,
        )))
    }

    /// Changes a user's name, role or manager (admins).
    async fn update_user(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateUserInput,
    ) -> Result<UserNode> {
        let viewer = viewer(ctx)?;
        let id = parse_id(&id, "user", UserId)?;
        Ok(UserNode(forget_viewers(
            ctx,
            users::update(store(ctx).db(), &viewer.scope, id, input.into_patch()?).await?,
        )))
    }

    /// Switches an analyzer on or off and sets its config (admins); the
    /// analyzer validates the config first.
    async fn configure_analyzer(
        &self,
        ctx: &Context<'_>,
        input: ConfigureAnalyzerInput,
    ) -> Result<AnalyzerNode> {
        let viewer = viewer(ctx)?;
        if !viewer.scope.is_admin() {
            return Err(
                ServiceError::Forbidden("only an admin configures analyzers".into()).into(),
            );
        }
        let analysis = analysis(ctx);
        let plugin = analysis.host().get(&input.name).cloned().ok_or_else(|| {
            ServiceError::BadUserInput(format!("no analyzer named `{}` is loaded", input.name))
        })?;
        let mut settings = viewer.organization.settings.clone();
        let mut entry = settings.analyzer(&input.name);
        if let Some(enabled) = input.enabled {
            entry.enabled = enabled;
        }
        if let Some(config) = input.config {
            analysis.validate(&input.name, &config.0).await?;
            entry.config = config.0;
        }
        settings.analyzers.insert(input.name, entry.clone());
        orgs::update(store(ctx).db(), &viewer.scope, &settings, None).await?;
        viewers(ctx).forget_org(viewer.scope.org());
        Ok(AnalyzerNode {
            plugin,
            settings: entry,
        })
    }

    /// Analyses the organisation's calls again (admins), all or those of
    /// some sellers or started in a range; the new results replace the old
    /// ones atomically when each call is done. Returns how many were queued.
    async fn reanalyze_calls(&self, ctx: &Context<'_>, filter: ReanalyzeFilter) -> Result<i32> {
        let viewer = viewer(ctx)?;
        if !viewer.scope.is_admin() {
            return Err(ServiceError::Forbidden("only an admin re-analyses calls".into()).into());
        }
        let sellers = filter
            .seller_ids
            .map(|ids| {
                ids.iter()
                    .map(|id| parse_id(id, "user", UserId))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        let queued = jobs::enqueue_reanalysis(
            store(ctx),
            &viewer.scope,
            sellers.as_deref(),
            filter.from,
            filter.to,
        )
        .await?;
        analysis(ctx).wake();
        Ok(i32::try_from(queued).unwrap_or(i32::MAX))
    }

    /// Sets the keywords tracked in the calls of a manager's team (admins);
    /// an empty list removes them.
    async fn set_team_keywords(
        &self,
        ctx: &Context<'_>,
        manager_id: ID,
        keywords: Vec<String>,
    ) -> Result<Vec<String>> {
        let viewer = viewer(ctx)?;
        let manager = parse_id(&manager_id, "user", UserId)?;
        let db = store(ctx).db();
        let user = users::get(db, &viewer.scope, manager).await?;
        if user.role == crate::domain::UserRole::Seller {
            return Err(ServiceError::BadUserInput(format!(
                "{} is a seller, not a manager",
                user.email
            ))
            .into());
        }
        let keywords = ingest::clean_keywords(keywords)?;
        let mut settings = viewer.organization.settings.clone();
        if keywords.is_empty() {
            settings.team_keywords.remove(&manager.to_string());
        } else {
            settings
                .team_keywords
                .insert(manager.to_string(), keywords.clone());
        }
        orgs::update(db, &viewer.scope, &settings, None).await?;
        viewers(ctx).forget_org(viewer.scope.org());
        Ok(keywords)
    }

    /// Changes organisation settings (admins).
    async fn update_organization_settings(
        &self,
        ctx: &Context<'_>,
        input: UpdateOrganizationSettingsInput,
    ) -> Result<OrganizationNode> {
        let viewer = viewer(ctx)?;
        let mut settings = viewer.organization.settings.clone();
        if let Some(enabled) = input.conversation_intelligence {
            settings.conversation_intelligence = enabled;
        }
        for (i, range) in input.ideal_ranges.into_iter().flatten().enumerate() {
            let metric = range.metric.trim();
            if metric.is_empty() || metric.len() > 100 {
                return Err(ServiceError::BadUserInput(format!(
                    "idealRanges[{i}].metric must be a metric name of 1 to 100 characters"
                ))
                .into());
            }
            let finite = [range.min, range.max, range.target]
                .iter()
                .flatten()
                .all(|v| v.is_finite());
            if !finite || range.min.zip(range.max).is_some_and(|(lo, hi)| lo > hi) {
                return Err(ServiceError::BadUserInput(format!(
                    "idealRanges[{i}] ({metric}): bounds must be numbers with min ≤ max"
                ))
                .into());
            }
            settings.ideal_ranges.insert(
                metric.to_owned(),
                IdealRange {
                    min: range.min,
                    max: range.max,
                    target: range.target,
                },
            );
        }
        if let Some(ids) = input.top_performer_ids {
            let ids: Vec<UserId> = ids
                .iter()
                .map(|id| parse_id(id, "user", UserId))
                .collect::<Result<_, _>>()?;
            let found = users::get_many(store(ctx).db(), &viewer.scope, &ids).await?;
            if let Some(id) = ids.iter().find(|id| {
                !found
                    .iter()
                    .any(|u| u.id == **id && u.role == UserRole::Seller)
            }) {
                return Err(ServiceError::BadUserInput(format!(
                    "topPerformerIds: user {id} is not a seller of this organisation"
                ))
                .into());
            }
            settings.top_performers = ids.iter().map(|id| id.0).collect();
        }
        let time_zone = input
            .time_zone
            .map(|tz| {
                tz.parse::<chrono_tz::Tz>()
                    .map_err(|_| ServiceError::BadUserInput(format!("unknown time zone `{tz}`")))
            })
            .transpose()?;
        let before = &viewer.organization;
        let org = orgs::update(store(ctx).db(), &viewer.scope, &settings, time_zone).await?;
        if org.time_zone != before.time_zone
            || org.settings.effective_ideal_ranges() != before.settings.effective_ideal_ranges()
        {
            rollups::rebuild(store(ctx), &org).await?;
        }
        baselines(ctx).forget(org.id);
        viewers(ctx).forget_org(org.id);
        Ok(OrganizationNode(org))
    }
}

/// Passes a changed user through, forgetting the viewers of their
/// organisation (their reach or a manager's may have changed).
fn forget_viewers(ctx: &Context<'_>, user: users::User) -> users::User {
    viewers(ctx).forget_org(user.org);
    user
}
