//! Typed ids, so an organisation id can never be passed where a user id
//! belongs.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// An organisation: the boundary nothing ever crosses.
    OrgId
);
id_type!(
    /// A user of an organisation (admin, manager or seller).
    UserId
);
id_type!(
    /// An imported call.
    CallId
);
id_type!(
    /// A follow-up on an action item of a call.
    FollowUpId
);
id_type!(
    /// A comment or a reply on a call.
    CommentId
);
