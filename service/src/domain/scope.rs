//! Who may see what (DESIGN §9). Every data access takes a [`Scope`]; the
//! organisation in it comes from the verified token only.

use std::collections::BTreeSet;

use super::{OrgId, UserId, UserRole};

/// How far a manager's view reaches down the hierarchy.
pub const MANAGER_DEPTH: usize = 3;

/// The viewer's reach inside one organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    org: OrgId,
    viewer: UserId,
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
            viewer,
            role,
            sellers,
        }
    }

    /// The person at the machine running the CLI (`init`, `import`,
    /// `users import`): trusted with the whole organisation they name, and
    /// no user of it.
    pub fn local_operator(org: OrgId) -> Self {
        Self {
            org,
            viewer: UserId(0),
            role: UserRole::Admin,
            sellers: Visibility::Organization,
        }
    }

    pub fn org(&self) -> OrgId {
        self.org
    }

    pub fn viewer(&self) -> UserId {
        self.viewer
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
}
