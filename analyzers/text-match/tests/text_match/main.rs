//! The matching rules, sentence by sentence: English word boundaries,
//! phrases, case and punctuation; Korean and Japanese particles; Chinese;
//! mixed text.

mod cjk;
mod english;
mod mixed;

use callsight_text_match::TermSet;

/// The mentions of `terms` in `text`, each as (term as given, text as spoken).
pub fn mentions<'t>(terms: &[&'t str], text: &'t str) -> Vec<(&'t str, &'t str)> {
    TermSet::new(terms.iter().copied())
        .unwrap()
        .find(text)
        .into_iter()
        .map(|m| (terms[m.term], &text[m.range]))
        .collect()
}
