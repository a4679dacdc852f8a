//! GraphQL enums mirroring the domain's, converted at the boundary.

use async_graphql::Enum;

use crate::domain;
use crate::domain::Format;

/// Defines a GraphQL enum with the same variants as a domain enum and the
/// conversions both ways.
macro_rules! mirror_enum {
    ($(#[$doc:meta])* $name:ident $(($gql:literal))? <=> $domain:path {
        $($(#[$variant_doc:meta])* $variant:ident),+ $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
        $(#[graphql(name = $gql)])?
        pub enum $name { $($(#[$variant_doc])* $variant),+ }

        impl From<$domain> for $name {
            fn from(value: $domain) -> Self {
                match value { $(<$domain>::$variant => Self::$variant),+ }
            }
        }

        impl From<$name> for $domain {
            fn from(value: $name) -> Self {
                match value { $($name::$variant => Self::$variant),+ }
            }
        }
    };
}

mirror_enum!(
    /// What a user may do: admins see the organisation, managers their
    /// reports (three levels down), sellers themselves.
    Role <=> domain::UserRole { Admin, Manager, Seller }
);
mirror_enum!(
    /// The part a speaker plays in a call.
    SpeakerRoleGql("SpeakerRole") <=> domain::SpeakerRole { Seller, Customer, Other }
);
impl SpeakerRoleGql {
    /// A role as stored with a signal; `None` when absent or unknown.
    pub fn from_stored(role: Option<&str>) -> Option<Self> {
        role?.parse::<domain::SpeakerRole>().ok().map(Into::into)
    }
}

mirror_enum!(
    /// Which way a call went.
    Direction <=> domain::Direction { Inbound, Outbound }
);
mirror_enum!(
    /// How the deal the call belongs to ended.
    Outcome <=> domain::Outcome { Won, Lost, Open }
);
mirror_enum!(
    /// Where a call's analysis stands.
    AnalysisStatus <=> domain::AnalysisStatus { Pending, Done, Failed }
);
mirror_enum!(
    /// What an insight is about (docs/metrics.md#insights).
    InsightKind <=> crate::insights::engine::InsightKind {
        OutsideIdealRange,
        KpiTrend,
        NegativeSentimentRising,
        PositiveSentimentImproving,
        CompetitorSurge,
        KeywordTrending,
        NegativeSentimentCalls,
    }
);
mirror_enum!(
    /// How much an insight asks for a manager's attention; warnings are
    /// coaching topics.
    Severity <=> crate::insights::engine::Severity { Info, Positive, Warning }
);
/// Transcript formats `importCall` reads (docs/import.md#formats): the CLI's `--format`
/// names in upper snake case.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(name = "TranscriptFormat")]
pub enum ImportFormat {
    Native,
    Vtt,
    AwsTranscribe,
    AwsCallAnalytics,
    Dynamics,
    Deepgram,
    #[graphql(name = "ASSEMBLYAI")]
    AssemblyAi,
}

impl From<Format> for ImportFormat {
    fn from(value: Format) -> Self {
        match value {
            Format::Native => Self::Native,
            Format::Vtt => Self::Vtt,
            Format::AwsTranscribe => Self::AwsTranscribe,
            Format::AwsCallAnalytics => Self::AwsCallAnalytics,
            Format::Dynamics => Self::Dynamics,
            Format::Deepgram => Self::Deepgram,
            Format::AssemblyAi => Self::AssemblyAi,
        }
    }
}

impl From<ImportFormat> for Format {
    fn from(value: ImportFormat) -> Self {
        match value {
            ImportFormat::Native => Self::Native,
            ImportFormat::Vtt => Self::Vtt,
            ImportFormat::AwsTranscribe => Self::AwsTranscribe,
            ImportFormat::AwsCallAnalytics => Self::AwsCallAnalytics,
            ImportFormat::Dynamics => Self::Dynamics,
            ImportFormat::Deepgram => Self::Deepgram,
            ImportFormat::AssemblyAi => Self::AssemblyAi,
        }
    }
}

mirror_enum!(
    /// Who reads a comment (docs/security.md#comment-visibility).
    Visibility <=> crate::domain::CommentVisibility {
        /// The seller of the call reads it too.
        Shared,
        /// Managers and admins only.
        Private,
    }
);

mirror_enum!(
    /// What a follow-up is.
    FollowUpKindGql("FollowUpKind") <=> crate::domain::FollowUpKind {
        /// Call the customer.
        Call,
        /// Write to the customer; the follow-up offers a drafted message.
        Email,
        /// Meet the customer; the follow-up offers a calendar invite.
        Meeting,
        /// Anything else to do.
        Task,
    }
);

mirror_enum!(
    /// Where a follow-up stands.
    FollowUpStatusGql("FollowUpStatus") <=> crate::domain::FollowUpStatus {
        Open,
        Done,
        /// Closed without doing it.
        Dismissed,
    }
);
mirror_enum!(
    /// How sentiment over time is bucketed.
    Bucket <=> crate::services::reports::seller::Bucket {
        Day,
        /// Weeks start on Monday.
        Week,
        Month,
    }
);

mirror_enum!(
    /// Where a term on the seller page comes from.
    TermSourceGql("TermSource") <=> domain::TermSource {
        /// The organisation's tracked keywords.
        Organization,
        /// The tracked keywords of the seller's team.
        Team,
        /// Tracked for single calls only.
        Call,
        /// A competitor's canonical name.
        Competitor,
        /// Found in what customers said, by the key-phrase extractor.
        Automatic,
    }
);
