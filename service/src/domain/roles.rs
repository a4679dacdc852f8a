//! The two kinds of role: what a voice is in a call, and what a user may do.

use serde::{Deserialize, Serialize};

/// The part a speaker plays in a call. Only seller and customer speech
/// counts towards conversation-style KPIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerRole {
    Seller,
    Customer,
    Other,
}

/// What a user of Callsight may do: admins see the organisation, managers
/// the sellers reporting to them, sellers themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserRole {
    Admin,
    Manager,
    Seller,
}

text_enum!(SpeakerRole "speaker role" { Seller => "seller", Customer => "customer", Other => "other" });
text_enum!(UserRole "user role" { Admin => "admin", Manager => "manager", Seller => "seller" });
