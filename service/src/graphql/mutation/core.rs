//! Mutations that import calls and manage people, analyzers and settings.

use std::collections::HashMap;

use async_graphql::{Context, ID, Object, Result};

use crate::domain::{Email, Language, TrackedKeywords, UserId};
use crate::error::ServiceError;
use crate::graphql::context::service;
use crate::graphql::types::{
    AnalyzerNode, CallNode, ConfigureAnalyzerInput, CreateUserInput, ImportCallInput,
    ImportCallPayload, OrganizationNode, ReanalyzeFilter, UpdateOrganizationSettingsInput,
    UpdateUserInput, UserNode, parse_id,
};
use crate::services::calls::ingest::ImportOptions;
use crate::services::settings::{IdealRangeSetting, SettingsChange};
use crate::services::{calls, people, settings};

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
        let seller = Email::parse(&input.seller_email).map_err(ServiceError::BadUserInput)?;
        let speakers: HashMap<_, _> = input
            .speakers
            .into_iter()
            .map(|mapping| (mapping.speaker, mapping.role.into()))
            .collect();
        let options = ImportOptions {
            seller: Some(seller),
            speakers,
            title: input.title,
            outcome: input.outcome.map(Into::into),
            started_at: input.started_at,
            external_id: input.external_id,
            keywords: TrackedKeywords::parse(input.keywords)?,
            language: input
                .language
                .as_deref()
                .map(|tag| Language::parse(tag, "input.language"))
                .transpose()?,
        };
        let (call, created) = calls::import(
            service(ctx)?,
            input.format.into(),
            input.payload.into_bytes(),
            options,
        )
        .await?;
        Ok(ImportCallPayload {
            call: CallNode(call),
            created,
        })
    }

    /// Adds a user to the organisation (admins).
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> Result<UserNode> {
        let new = people::NewUser {
            email: Email::parse(&input.email).map_err(ServiceError::BadUserInput)?,
            name: input.name,
            role: input.role.into(),
            manager: input
                .manager_id
                .as_ref()
                .map(|id| parse_id(id, "user", UserId))
                .transpose()?,
        };
        Ok(UserNode(people::create(service(ctx)?, new).await?))
    }

    /// Changes a user's name, role or manager (admins).
    async fn update_user(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateUserInput,
    ) -> Result<UserNode> {
        let id = parse_id(&id, "user", UserId)?;
        let patch = input.into_patch()?;
        Ok(UserNode(people::update(service(ctx)?, id, patch).await?))
    }

    /// Switches an analyzer on or off and sets its config (admins); the
    /// analyzer validates the config first.
    async fn configure_analyzer(
        &self,
        ctx: &Context<'_>,
        input: ConfigureAnalyzerInput,
    ) -> Result<AnalyzerNode> {
        let config = input.config.map(|c| c.0);
        Ok(
            settings::configure_analyzer(service(ctx)?, &input.name, input.enabled, config)
                .await?
                .into(),
        )
    }

    /// Analyses the organisation's calls again (admins), all or those of
    /// some sellers or started in a range; the new results replace the old
    /// ones atomically when each call is done. Returns how many were queued.
    async fn reanalyze_calls(&self, ctx: &Context<'_>, filter: ReanalyzeFilter) -> Result<i32> {
        let sellers = filter
            .seller_ids
            .map(|ids| {
                ids.iter()
                    .map(|id| parse_id(id, "user", UserId))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        let queued =
            calls::reanalyze(service(ctx)?, sellers.as_deref(), filter.from, filter.to).await?;
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
        let manager = parse_id(&manager_id, "user", UserId)?;
        let keywords = TrackedKeywords::parse(keywords)?;
        Ok(
            settings::set_team_keywords(service(ctx)?, manager, keywords)
                .await?
                .into_vec(),
        )
    }

    /// Changes organisation settings (admins).
    async fn update_organization_settings(
        &self,
        ctx: &Context<'_>,
        input: UpdateOrganizationSettingsInput,
    ) -> Result<OrganizationNode> {
        let change = SettingsChange {
            conversation_intelligence: input.conversation_intelligence,
            ideal_ranges: input
                .ideal_ranges
                .into_iter()
                .flatten()
                .map(|r| IdealRangeSetting {
                    metric: r.metric,
                    min: r.min,
                    max: r.max,
                    target: r.target,
                })
                .collect(),
            top_performers: input
                .top_performer_ids
                .map(|ids| {
                    ids.iter()
                        .map(|id| parse_id(id, "user", UserId))
                        .collect::<Result<Vec<_>, _>>()
                })
                .transpose()?,
            time_zone: input
                .time_zone
                .map(|tz| {
                    tz.parse::<chrono_tz::Tz>().map_err(|_| {
                        ServiceError::BadUserInput(format!("unknown time zone `{tz}`"))
                    })
                })
                .transpose()?,
        };
        Ok(OrganizationNode(
            settings::update(service(ctx)?, change).await?,
        ))
    }
}
