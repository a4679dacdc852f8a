//! `User`: a person of the organisation, and the admin inputs that shape
//! the team.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

use super::enums::Role;
use super::ids::parse_id;
use crate::domain::UserId;
use crate::graphql::context::service;
use crate::services::people::{self, User, UserPatch};

/// A user of the organisation.
pub struct UserNode(pub User);

#[Object(name = "User")]
impl UserNode {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn email(&self) -> &str {
        self.0.email.as_str()
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn role(&self) -> Role {
        self.0.role.into()
    }

    /// The manager they report to.
    async fn manager(&self, ctx: &Context<'_>) -> Result<Option<UserNode>> {
        Ok(people::manager_of(service(ctx)?, &self.0)
            .await?
            .map(UserNode))
    }
}

/// A user to add to the organisation.
#[derive(InputObject)]
pub struct CreateUserInput {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The manager they report to (a manager or admin).
    pub manager_id: Option<ID>,
}

/// Changes to a user; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateUserInput {
    pub name: Option<String>,
    pub role: Option<Role>,
    /// `null` removes the manager; omitted leaves it.
    pub manager_id: MaybeUndefined<ID>,
}

impl UpdateUserInput {
    pub fn into_patch(self) -> Result<UserPatch, crate::error::ServiceError> {
        let manager = match self.manager_id {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(id) => Some(Some(parse_id(&id, "user", UserId)?)),
        };
        Ok(UserPatch {
            name: self.name,
            role: self.role.map(Into::into),
            manager,
        })
    }
}
