//! A call's language: a BCP-47 tag in canonical form, given by the source
//! or the importer, or detected from what was said (docs/import.md#language).

use crate::error::{ServiceError, ServiceResult};

/// Longest tag accepted; real ones are far shorter.
const MAX_TAG_CHARS: usize = 35;

/// Fewest letters of speech worth detecting a language from.
const MIN_DETECTION_CHARS: usize = 40;

/// How much speech detection reads: a call's first minutes say it.
const MAX_DETECTION_CHARS: usize = 20_000;

/// Canonical case and separators of a BCP-47 tag, unchecked: `en_us` →
/// `en-US`, `zh-hant-tw` → `zh-Hant-TW`; what a source wrote is kept in
/// this form even when it is no valid tag.
pub fn canonical(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .filter(|subtag| !subtag.is_empty())
        .enumerate()
        .map(|(index, subtag)| {
            let alphabetic = subtag.chars().all(|c| c.is_ascii_alphabetic());
            match (index, subtag.len()) {
                (0, _) => subtag.to_ascii_lowercase(),
                (_, 2) if alphabetic => subtag.to_ascii_uppercase(),
                (_, 4) if alphabetic => {
                    let lower = subtag.to_ascii_lowercase();
                    lower[..1].to_ascii_uppercase() + &lower[1..]
                }
                _ => subtag.to_ascii_lowercase(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// A BCP-47 language tag in canonical case (`en_us` → `en-US`,
/// `zh-hant-tw` → `zh-Hant-TW`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language(String);

impl Language {
    /// A tag as a person or a source writes it; `field` names the input in
    /// errors.
    pub fn parse(input: &str, field: &str) -> ServiceResult<Self> {
        let bad = |why: &str| {
            ServiceError::BadUserInput(format!(
                "{field} `{input}` is not a language tag ({why}); write one such as en-US, ko or ja-JP"
            ))
        };
        let tag = input.trim();
        if tag.is_empty() || tag.chars().count() > MAX_TAG_CHARS {
            return Err(bad("empty or too long"));
        }
        let subtags: Vec<&str> = tag.split(['-', '_']).collect();
        let primary = subtags[0];
        if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(bad("it must start with a 2- or 3-letter language code"));
        }
        if subtags[1..]
            .iter()
            .any(|s| s.is_empty() || s.len() > 8 || !s.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            return Err(bad("its parts after the language are letters and digits"));
        }
        Ok(Self(canonical(tag)))
    }

    /// The language `texts` are in, when there is enough text to tell and
    /// the detector is sure; `None` otherwise.
    pub fn detect<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Self> {
        let mut sample = String::new();
        for text in texts {
            if sample.len() >= MAX_DETECTION_CHARS {
                break;
            }
            sample.push_str(text);
            sample.push('\n');
        }
        if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_DETECTION_CHARS {
            return None;
        }
        let info = whatlang::detect(&sample).filter(whatlang::Info::is_reliable)?;
        Some(Self(bcp47_of(info.lang()).to_owned()))
    }

    /// The primary language subtag (`ko` of `ko-KR`).
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or_default()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The BCP-47 primary subtag of a detected language: the ISO 639-1 code
/// where one exists (BCP-47 requires it then), else the ISO 639-3 code.
fn bcp47_of(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang;
    match lang {
        Lang::Eng => "en",
        Lang::Kor => "ko",
        Lang::Jpn => "ja",
        Lang::Cmn => "zh",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Pol => "pl",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Heb => "he",
        Lang::Hin => "hi",
        Lang::Vie => "vi",
        Lang::Tha => "th",
        Lang::Ind => "id",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Hun => "hu",
        Lang::Ron => "ro",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_and_canonical() {
        let tag = |s| Language::parse(s, "language").map(Language::into_string);
        assert_eq!(tag("en_us").unwrap(), "en-US");
        assert_eq!(tag(" ZH-hant-tw ").unwrap(), "zh-Hant-TW");
        assert_eq!(tag("es-419").unwrap(), "es-419");
        assert_eq!(tag("ko").unwrap(), "ko");
        for bad in ["", "k", "english please", "en--US", "1234"] {
            let err = tag(bad).unwrap_err().to_string();
            assert!(err.starts_with("language `"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_language_of_speech_is_detected() {
        let korean = [
            "안녕하세요, 오늘 시간 내주셔서 감사합니다.",
            "네, 저희 팀은 지금 온보딩 과정이 너무 길어서 고민입니다.",
            "그럼 다음 주에 제안서를 보내드리겠습니다.",
        ];
        assert_eq!(Language::detect(korean).unwrap().as_str(), "ko");
        let japanese = [
            "本日はお時間をいただきありがとうございます。",
            "現在、オンボーディングに時間がかかりすぎて困っています。",
            "来週までに提案書をお送りします。",
        ];
        assert_eq!(Language::detect(japanese).unwrap().as_str(), "ja");
        let english = [
            "Thanks for joining today, it is good to finally meet the whole team.",
            "Our onboarding takes far too long and the managers are frustrated.",
        ];
        assert_eq!(Language::detect(english).unwrap().primary(), "en");
        assert_eq!(Language::detect(["Okay."]), None, "too little to tell");
    }
}
