//! The transcript formats Callsight imports (docs/import.md#formats):
//! named here, below the importers, because a stored call remembers its
//! source format.

use std::fmt;
use std::str::FromStr;

/// The transcript formats Callsight imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The canonical model as JSON.
    Native,
    /// WebVTT captions from Teams (`<v Name>`) or Zoom (`Name: text`).
    Vtt,
    /// AWS Transcribe batch job output.
    AwsTranscribe,
    /// AWS Transcribe Call Analytics output, or Post-Call Analytics' JSON.
    AwsCallAnalytics,
    /// Dynamics 365 conversation-intelligence metadata + transcript pair.
    Dynamics,
    /// Deepgram pre-recorded response with utterances.
    Deepgram,
    /// AssemblyAI transcript with speaker labels.
    AssemblyAi,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 7] = [
        Self::Native,
        Self::Vtt,
        Self::AwsTranscribe,
        Self::AwsCallAnalytics,
        Self::Dynamics,
        Self::Deepgram,
        Self::AssemblyAi,
    ];

    /// The name used by the CLI's `--format` (the GraphQL enum is its upper
    /// snake case).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Native => "native",
            Self::Vtt => "vtt",
            Self::AwsTranscribe => "aws-transcribe",
            Self::AwsCallAnalytics => "aws-call-analytics",
            Self::Dynamics => "dynamics",
            Self::Deepgram => "deepgram",
            Self::AssemblyAi => "assemblyai",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    /// Accepts the CLI names, in any case, and the GraphQL enum's upper
    /// snake case (`AWS_TRANSCRIBE`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL
            .into_iter()
            .find(|format| format.as_str() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|f| f.as_str()).collect();
                format!("unknown format `{s}`: expected one of {}", names.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for format in Format::ALL {
            assert_eq!(format.as_str().parse::<Format>(), Ok(format));
            assert_eq!(format.to_string(), format.as_str());
        }
        assert_eq!(" AssemblyAI ".parse::<Format>(), Ok(Format::AssemblyAi));
        assert_eq!(
            "AWS_CALL_ANALYTICS".parse::<Format>(),
            Ok(Format::AwsCallAnalytics)
        );
        assert_eq!(
            "srt".parse::<Format>(),
            Err(
                "unknown format `srt`: expected one of native, vtt, aws-transcribe, \
                 aws-call-analytics, dynamics, deepgram, assemblyai"
                    .to_owned()
            )
        );
    }
}
