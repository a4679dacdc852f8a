//! Who may see what (docs/security.md). Every data access takes a [`Scope`];
//! the organisation in it comes from the verified token only.

use std::collections::BTreeSet;

use super::{OrgId, UserId, UserRole};
use crate::error::{ServiceError, ServiceResult};

/// How far a manager's view reaches down the hierarchy.
pub const MANAGER_DEPTH: usize = 3;

/// Who acts: a signed-in user, or the person at the machine running the
/// CLI, who is no user of the organisation and so can author nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// A user of the organisation.
    User(UserId),
    /// The local operator (`init`, `import`, `users import`, the demo).
    LocalOperator,
}

/// The viewer's reach inside one organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    org: OrgId,
    actor: Actor,
    role: UserRole,
    sellers: Visibility,
}

/// Whose calls a scope may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    /// Every seller of the organisation (admins, and the local operator).
    Organization,
    /// Exactly these users: a seller's own id, or a manager and the users
    /// reporting to them up to [`MANAGER_DEPTH`] levels.
    Users(BTreeSet<UserId>),
}

impl Scope {
    /// Builds a scope; the caller has verified who `viewer` is and computed
    /// the visibility from the hierarchy.
    pub fn new(org: OrgId, viewer: UserId, role: UserRole, sellers: Visibility) -> Self {
        let sellers = match role {
            UserRole::Admin => Visibility::Organization,
            UserRole::Seller => Visibility::Users(BTreeSet::from([viewer])),
            UserRole::Manager => sellers,
        };
        Self {
            org,
            actor: Actor::User(viewer),
            role,
            sellers,
        }
    }

    /// The person at the machine running the CLI: trusted with the whole
    /// organisation they name, and no user of it.
    pub fn local_operator(org: OrgId) -> Self {
        Self {
            org,
            actor: Actor::LocalOperator,
            role: UserRole::Admin,
            sellers: Visibility::Organization,
        }
    }

    pub fn org(&self) -> OrgId {
        self.org
    }

    pub fn actor(&self) -> Actor {
        self.actor
    }

    /// The signed-in user, if the actor is one.
    pub fn user(&self) -> Option<UserId> {
        match self.actor {
            Actor::User(id) => Some(id),
            Actor::LocalOperator => None,
        }
    }

    /// The user who authors what this scope writes (a comment, a
    /// follow-up, a read mark); the local operator authors nothing.
    pub fn author(&self) -> ServiceResult<UserId> {
        self.user()
            .ok_or_else(|| ServiceError::Forbidden("only a signed-in user can author this".into()))
    }

    pub fn role(&self) -> UserRole {
        self.role
    }

    pub fn visibility(&self) -> &Visibility {
        &self.sellers
    }

    pub fn is_admin(&self) -> bool {
        self.role == UserRole::Admin
    }

    /// Refuses anyone but an admin; `action` completes "only an admin …".
    pub fn require_admin(&self, action: &str) -> ServiceResult<()> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(format!("only an admin {action}")))
        }
    }

    /// Refuses sellers: managers and admins only; `what` is named in the
    /// refusal ("… is for managers and admins").
    pub fn require_manager(&self, what: &str) -> ServiceResult<()> {
        if self.role == UserRole::Seller {
            Err(ServiceError::Forbidden(format!(
                "{what} is for managers and admins"
            )))
        } else {
            Ok(())
        }
    }

    /// Whether the viewer may read this user's calls and figures.
    pub fn can_see(&self, user: UserId) -> bool {
        match &self.sellers {
            Visibility::Organization => true,
            Visibility::Users(users) => users.contains(&user),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_fix_their_own_reach() {
        let org = OrgId(1);
        let others = Visibility::Users(BTreeSet::from([UserId(7)]));
        let admin = Scope::new(org, UserId(1), UserRole::Admin, others.clone());
        assert!(admin.can_see(UserId(99)));
        let seller = Scope::new(org, UserId(2), UserRole::Seller, Visibility::Organization);
        assert!(seller.can_see(UserId(2)));
        assert!(
            !seller.can_see(UserId(3)),
            "a seller sees only themselves, whatever was passed"
        );
        let manager = Scope::new(org, UserId(3), UserRole::Manager, others);
        assert!(manager.can_see(UserId(7)));
        assert!(!manager.can_see(UserId(8)));
    }

    #[test]
    fn the_local_operator_authors_nothing() {
        let operator = Scope::local_operator(OrgId(1));
        assert_eq!(operator.user(), None);
        assert!(matches!(operator.author(), Err(ServiceError::Forbidden(_))));
        assert!(operator.require_admin("imports users").is_ok());
        let seller = Scope::new(
            OrgId(1),
            UserId(2),
            UserRole::Seller,
            Visibility::Organization,
        );
        assert_eq!(seller.author().unwrap(), UserId(2));
        assert!(seller.require_admin("configures analyzers").is_err());
        assert!(seller.require_manager("the team view").is_err());
    }
}
