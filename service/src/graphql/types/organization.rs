//! `Organization`: the viewer's organisation and its settings.

use async_graphql::{InputObject, Object, SimpleObject};

use crate::store::orgs::Organization;

/// The viewer's organisation.
pub struct OrganizationNode(pub Organization);

/// Organisation-wide switches and defaults.
#[derive(SimpleObject)]
pub struct OrganizationSettings {
    /// Whether calls are analysed and the conversation-intelligence API
    /// answers. Off until an admin switches it on.
    conversation_intelligence: bool,
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
        OrganizationSettings {
            conversation_intelligence: self.0.settings.conversation_intelligence,
        }
    }
}

/// Settings to change; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateOrganizationSettingsInput {
    pub conversation_intelligence: Option<bool>,
    /// IANA time zone name.
    pub time_zone: Option<String>,
}
