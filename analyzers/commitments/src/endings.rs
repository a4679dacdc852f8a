//! Questions and action items of Korean and Japanese sentences, read from
//! their endings (docs/metrics.md#action-items).
//!
//! Both languages put what a sentence does at its end: a question, a
//! promise, a request or a proposal is a verb ending, so the English rules
//! over words do not apply and these read the last word (Korean) or the
//! last phrase (Japanese) instead:
//!
//! | | Korean | Japanese |
//! |---|---|---|
//! | question | `-까(요)`, `-나요`, `-는지요`, `-ㄴ가요` | `-か`, `-かな` |
//! | the speaker's commitment | `-겠습니다`, `-겠어요`, `-ㄹ게(요)`, `-ㄹ 예정입니다` | `-します`, `-ます` of a task, `-ておきます`, `-させていただきます` |
//! | a proposal to do together (the speaker's) | `-ㅂ시다`, a meeting noun with `-까요?` | `-ましょう`, a meeting noun with `-ましょうか` |
//! | a request (the other side's) | `주세요`, `주십시오`, `주시겠어요?`, `주시겠습니까?`, `주실 수 있나요?`, `주시면 감사하겠습니다` | `-てください`, `-ていただけますか`, `-てもらえますか`, `お願いします` |
//!
//! Courtesies and states are not action items: "알겠습니다" (understood),
//! "잘 부탁드리겠습니다", "좋겠습니다", "よろしくお願いします", "思います",
//! "あります", "できます"; "tell me" requests ("말씀해 주세요", "教えてください")
//! are moves inside the call. An offer asked as a question ("보내드릴까요?",
//! "お送りしましょうか") is a question, not yet a commitment, as in English.

use std::ops::Range;

use crate::detect::{Item, Party};

/// What the ending of a Korean or Japanese sentence says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    pub question: bool,
    /// At most one action item, with its cue in the sentence.
    pub item: Option<Item>,
    /// The first day or date named, and the same in English words that
    /// [`crate::when`] reads ("내일까지" → "tomorrow").
    pub date: Option<(Range<usize>, &'static str)>,
}

/// Days and periods as Korean and Japanese name them, with their English
/// equivalent. A weekday after "next week" is that week's day.
const DATES: &[(&str, &str)] = &[
    ("오늘", "today"),
    ("내일", "tomorrow"),
    ("이번 주", "this week"),
    ("이번주", "this week"),
    ("다음 주", "next week"),
    ("다음주", "next week"),
    ("월말", "end of the month"),
    ("다음 달", "next month"),
    ("다음달", "next month"),
    ("월요일", "Monday"),
    ("화요일", "Tuesday"),
    ("수요일", "Wednesday"),
    ("목요일", "Thursday"),
    ("금요일", "Friday"),
    ("토요일", "Saturday"),
    ("일요일", "Sunday"),
    ("今日", "today"),
    ("本日", "today"),
    ("明日", "tomorrow"),
    ("今週", "this week"),
    ("来週", "next week"),
    ("月末", "end of the month"),
    ("来月", "next month"),
    ("月曜", "Monday"),
    ("火曜", "Tuesday"),
    ("水曜", "Wednesday"),
    ("木曜", "Thursday"),
    ("金曜", "Friday"),
    ("土曜", "Saturday"),
    ("日曜", "Sunday"),
];

const NEXT_WEEKDAYS: &[(&str, &str)] = &[
    ("Monday", "next Monday"),
    ("Tuesday", "next Tuesday"),
    ("Wednesday", "next Wednesday"),
    ("Thursday", "next Thursday"),
    ("Friday", "next Friday"),
    ("Saturday", "next Saturday"),
    ("Sunday", "next Sunday"),
];

/// The first date named in `body`: its bytes, widened to a weekday right
/// after "next week" ("다음 주 금요일", "来週の金曜日"), and its English.
fn spoken_date(body: &str) -> Option<(Range<usize>, &'static str)> {
    let found = |from: usize| {
        DATES
            .iter()
            .filter_map(|&(word, english)| {
                body[from..]
                    .find(word)
                    .map(|at| (from + at, from + at + word.len(), english))
            })
            .min_by_key(|&(start, end, _)| (start, usize::MAX - end))
    };
    let (start, end, english) = found(0)?;
    if english == "next week" {
        let rest = &body[end..];
        let gap = rest.len() - rest.trim_start_matches([' ', 'の']).len();
        if let Some((_, day_end, day)) = found(end).filter(|&(s, _, _)| s == end + gap)
            && let Some(&(_, next)) = NEXT_WEEKDAYS.iter().find(|(d, _)| *d == day)
        {
            return Some((start..day_end, next));
        }
    }
    Some((start..end, english))
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn is_kana(c: char) -> bool {
    ('\u{3040}'..='\u{30FF}').contains(&c)
}

/// The index of the final consonant of a Hangul syllable (0: none, 8: ㄹ,
/// 17: ㅂ).
fn final_consonant(c: char) -> Option<u32> {
    is_hangul(c).then(|| (u32::from(c) - 0xAC00) % 28)
}

/// Reads `sentence` if it is Korean or Japanese; `marked` says whether it
/// ends with a question mark. `None` for other languages.
pub fn read(sentence: &str, marked: bool) -> Option<Reading> {
    let body = sentence.trim_end_matches(|c: char| !c.is_alphanumeric());
    if body.chars().any(is_kana) {
        Some(japanese(body, marked))
    } else if body.chars().any(is_hangul) {
        Some(korean(body, marked))
    } else {
        None
    }
}

const KOREAN_MEETINGS: &[&str] = &["미팅", "회의", "일정", "통화", "데모", "시간"];
const JAPANESE_MEETINGS: &[&str] = &[
    "打ち合わせ",
    "会議",
    "ミーティング",
    "日程",
    "デモ",
    "お時間",
];

fn korean(body: &str, marked: bool) -> Reading {
    let start = body.rfind(char::is_whitespace).map_or(0, |i| {
        i + body[i..].chars().next().map_or(1, char::len_utf8)
    });
    let last = &body[start..];
    let cue = start..body.len();
    let question = marked
        || ["까요", "까", "나요", "는지요", "인가요", "신가요"]
            .iter()
            .any(|e| last.ends_with(e));
    let before = |suffix: &str| {
        last.strip_suffix(suffix)
            .and_then(|s| s.chars().next_back())
    };
    let previous_word = body[..start].split_whitespace().next_back().unwrap_or("");
    let owner = if ["주세요", "주십시오", "주시겠어요", "주시겠습니까"]
        .iter()
        .any(|e| last.ends_with(e))
        || question && body.contains("주실 수 있")
        || last == "감사하겠습니다" && previous_word.starts_with("주시")
    {
        // "말씀해 주세요" asks to be told, in the call.
        let told = last.starts_with("말씀") || previous_word.starts_with("말씀");
        (!told).then_some(Party::Other)
    } else if question {
        // "미팅 잡을까요?": shall we set up a meeting.
        (last.ends_with("까요") && KOREAN_MEETINGS.iter().any(|m| body.contains(m)))
            .then_some(Party::Speaker)
    } else if last.ends_with("겠습니다") || last.ends_with("겠어요") {
        let courtesy = [
            "알겠",
            "모르겠",
            "좋겠",
            "부탁드리겠",
            "감사하겠",
            "같겠",
            "싶겠",
        ]
        .iter()
        .any(|stem| last.contains(stem));
        (!courtesy).then_some(Party::Speaker)
    } else if before("게요")
        .or_else(|| before("게"))
        .and_then(final_consonant)
        == Some(8)
        || last.starts_with("예정")
        || before("시다").and_then(final_consonant) == Some(17)
    {
        Some(Party::Speaker)
    } else {
        None
    };
    Reading {
        question,
        item: owner.map(|owner| Item { owner, cue }),
        date: spoken_date(body),
    }
}

fn japanese(body: &str, marked: bool) -> Reading {
    let end = body.len();
    let question = marked || body.ends_with('か') || body.ends_with("かな");
    // The cue: the last phrase, after the last particle or comma.
    let start = body
        .char_indices()
        .filter(|&(_, c)| matches!(c, 'を' | 'に' | 'は' | 'が' | 'で' | '、' | ' ' | '　'))
        .map(|(i, c)| i + c.len_utf8())
        .next_back()
        .filter(|&i| i < end)
        .unwrap_or(0);
    let cue: Range<usize> = start..end;
    let phrase = &body[start..];
    let habitual = ["毎週", "毎日", "毎月", "いつも"]
        .iter()
        .any(|w| body.contains(w));
    let ends = |endings: &[&str]| endings.iter().any(|e| body.ends_with(e));
    let owner = if ends(&[
        "ください",
        "いただけますか",
        "いただけませんか",
        "もらえますか",
    ]) || body.ends_with("お願いします") && !body.contains("よろしく")
    {
        let told = phrase.starts_with("教え") || phrase.starts_with("お聞かせ");
        (!told).then_some(Party::Other)
    } else if question {
        (body.ends_with("ましょうか") && JAPANESE_MEETINGS.iter().any(|m| body.contains(m)))
            .then_some(Party::Speaker)
    } else if body.ends_with("ましょう") {
        Some(Party::Speaker)
    } else if body.ends_with("ます") && !habitual {
        let state = ends(&[
            "あります",
            "います",
            "思います",
            "わかります",
            "分かります",
            "できます",
            "なります",
            "ございます",
            "おります",
            "存じます",
            "お願いします",
        ]) && !body.ends_with("ておきます")
            && !body.ends_with("ていきます");
        (!state).then_some(Party::Speaker)
    } else {
        None
    };
    Reading {
        question,
        item: owner.map(|owner| Item { owner, cue }),
        date: spoken_date(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (question, owner, cue) of a sentence.
    fn reading(text: &str) -> (bool, Option<(Party, &str)>) {
        let r =
            read(text, text.ends_with('?') || text.ends_with('？')).expect("Korean or Japanese");
        (r.question, r.item.map(|i| (i.owner, &text[i.cue])))
    }

    #[test]
    fn korean_endings() {
        use Party::{Other, Speaker};
        assert_eq!(
            reading("견적서를 내일까지 보내드리겠습니다."),
            (false, Some((Speaker, "보내드리겠습니다")))
        );
        assert_eq!(
            reading("제가 확인해 볼게요."),
            (false, Some((Speaker, "볼게요")))
        );
        assert_eq!(
            reading("자료는 제가 정리할게요"),
            (false, Some((Speaker, "정리할게요")))
        );
        assert_eq!(
            reading("다음 주에 다시 이야기합시다."),
            (false, Some((Speaker, "이야기합시다")))
        );
        assert_eq!(
            reading("계약서를 보내 주세요."),
            (false, Some((Other, "주세요")))
        );
        assert_eq!(
            reading("법무팀 검토를 부탁해 주시겠어요?"),
            (true, Some((Other, "주시겠어요")))
        );
        assert_eq!(
            reading("다음 주에 미팅을 잡을까요?"),
            (true, Some((Speaker, "잡을까요")))
        );
        assert_eq!(reading("가격은 어떻게 되나요?"), (true, None));
        assert_eq!(
            reading("견적을 보내 주실 수 있나요?"),
            (true, Some((Other, "있나요")))
        );
        assert_eq!(reading("도입 시기는 언제쯤으로 생각하십니까"), (true, None));
        assert_eq!(reading("자료를 보내드릴까요?"), (true, None));
        assert_eq!(reading("네, 알겠습니다."), (false, None));
        assert_eq!(reading("앞으로 잘 부탁드리겠습니다."), (false, None));
        assert_eq!(
            reading("지금 사용하는 도구에 대해 말씀해 주세요."),
            (false, None)
        );
        assert_eq!(reading("저희는 작년에 도입했습니다."), (false, None));
    }

    #[test]
    fn japanese_endings() {
        use Party::{Other, Speaker};
        assert_eq!(
            reading("明日までに資料を送付します。"),
            (false, Some((Speaker, "送付します")))
        );
        assert_eq!(
            reading("社内で確認しておきます。"),
            (false, Some((Speaker, "確認しておきます")))
        );
        assert_eq!(
            reading("来週また打ち合わせしましょう。"),
            (false, Some((Speaker, "来週また打ち合わせしましょう")))
        );
        assert_eq!(
            reading("見積もりを送ってください。"),
            (false, Some((Other, "送ってください")))
        );
        assert_eq!(
            reading("契約書をご確認いただけますか？"),
            (true, Some((Other, "ご確認いただけますか")))
        );
        assert_eq!(reading("価格はいくらですか？"), (true, None));
        assert_eq!(reading("導入時期はいつ頃でしょうか"), (true, None));
        assert_eq!(reading("資料をお送りしましょうか？"), (true, None));
        assert_eq!(reading("よろしくお願いします。"), (false, None));
        assert_eq!(reading("良いと思います。"), (false, None));
        assert_eq!(reading("毎週会議します。"), (false, None));
        assert_eq!(reading("現在の課題を教えてください。"), (false, None));
        assert!(read("Send it by Friday.", false).is_none());
    }

    #[test]
    fn dates_are_named_in_english() {
        fn date(text: &str) -> Option<(&str, &'static str)> {
            let (range, english) = read(text, false)?.date?;
            Some((&text[range], english))
        }
        assert_eq!(
            date("견적서를 내일까지 보내드리겠습니다."),
            Some(("내일", "tomorrow"))
        );
        assert_eq!(
            date("다음 주 금요일에 다시 연락드릴게요."),
            Some(("다음 주 금요일", "next Friday"))
        );
        assert_eq!(
            date("다음 주에 미팅합시다."),
            Some(("다음 주", "next week"))
        );
        assert_eq!(
            date("来週の金曜日までに送付します。"),
            Some(("来週の金曜", "next Friday"))
        );
        assert_eq!(
            date("明日までに資料を送付します。"),
            Some(("明日", "tomorrow"))
        );
        assert_eq!(date("資料を送付します。"), None);
    }
}
