//! The scripts in which particles attach to the noun before them (docs/metrics.md#matching-rules):
//! Hangul (Korean), Han (Chinese characters, Japanese kanji) and Kana
//! (Japanese hiragana and katakana).

/// Whether `c` is a Hangul, Han or Kana letter: where a term may be followed
/// by a particle in the same word (`가격이`, `価格は`).
pub fn attaches_particles(c: char) -> bool {
    matches!(c as u32,
        // Hangul: jamo, compatibility jamo, extended jamo A/B, syllables,
        // halfwidth forms.
        0x1100..=0x11FF
        | 0x3130..=0x318F
        | 0xA960..=0xA97F
        | 0xD7B0..=0xD7FF
        | 0xAC00..=0xD7A3
        | 0xFFA0..=0xFFDC
        // Han: CJK unified ideographs and extensions, compatibility
        // ideographs, the iteration and closing marks 々 〆 〇.
        | 0x3005..=0x3007
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3134F
        // Kana: hiragana, katakana (with the prolonged sound mark),
        // phonetic extensions, halfwidth katakana, kana supplement.
        | 0x3040..=0x309F
        | 0x30A0..=0x30FF
        | 0x31F0..=0x31FF
        | 0xFF66..=0xFF9F
        | 0x1B000..=0x1B16F
    )
}

#[cfg(test)]
mod tests {
    use super::attaches_particles;

    #[test]
    fn scripts() {
        for c in [
            '가', '이', 'ㄱ', '価', '格', '价', 'は', 'を', 'デ', 'ー', 'ｶ', '々',
        ] {
            assert!(attaches_particles(c), "{c}");
        }
        for c in ['a', 'Z', 'é', 'я', '1', ' ', '、', '。', 'ก'] {
            assert!(!attaches_particles(c), "{c}");
        }
    }
}
