//! Role assignment (docs/import.md#speaker-roles): turns an imported call, whose speakers may
//! have no role yet, into one where every participant is a seller, a
//! customer or other.

use std::collections::{BTreeSet, HashMap};

use crate::domain::{Call, Participant, SpeakerRole};

use super::ImportError;
use super::normalise::add_missing_participants;

/// Gives every participant a role, by these rules in order:
/// 1. an entry of `mapping` (speaker label → role) for the speaker;
/// 2. the role the source gave (Dynamics, AWS Call Analytics);
/// 3. `customer`, when exactly one seller speaker is known after 1 and 2.
///
/// Otherwise the import is rejected with a message naming the unmapped
/// speakers and how to map them. A mapping entry for a speaker the call does
/// not have is an error listing the call's speakers, which catches typos.
pub fn assign_roles(
    call: Call<Option<SpeakerRole>>,
    mapping: &HashMap<String, SpeakerRole>,
) -> Result<Call<SpeakerRole>, ImportError> {
    let mut participants = call.participants;
    add_missing_participants(&mut participants, &call.segments);

    // Labels are compared trimmed, as the importers trim them.
    let mapping: HashMap<&str, SpeakerRole> = mapping
        .iter()
        .map(|(label, role)| (label.trim(), *role))
        .collect();
    let mut unknown: Vec<&str> = mapping
        .keys()
        .copied()
        .filter(|label| !participants.iter().any(|p| p.speaker == *label))
        .collect();
    if !unknown.is_empty() && participants.is_empty() {
        unknown.sort_unstable();
        return Err(ImportError::new(format!(
            "the call has no speech, so no speaker to give a role: the role mapping names {}",
            labels(unknown.iter().copied())
        )));
    }
    if !unknown.is_empty() {
        unknown.sort_unstable();
        return Err(ImportError::new(format!(
            "the role mapping names {} not in this call; its speakers are {}",
            labels(unknown.iter().copied()),
            labels(participants.iter().map(|p| p.speaker.as_str()))
        )));
    }

    let known: Vec<Option<SpeakerRole>> = participants
        .iter()
        .map(|p| mapping.get(p.speaker.as_str()).copied().or(p.role))
        .collect();
    let sellers: BTreeSet<&str> = participants
        .iter()
        .zip(&known)
        .filter(|(_, role)| **role == Some(SpeakerRole::Seller))
        .map(|(p, _)| p.speaker.as_str())
        .collect();
    let unmapped: Vec<&str> = participants
        .iter()
        .zip(&known)
        .filter(|(_, role)| role.is_none())
        .map(|(p, _)| p.speaker.as_str())
        .collect();
    if !unmapped.is_empty() && sellers.len() != 1 {
        let why = if sellers.is_empty() {
            "no seller is known".to_owned()
        } else {
            format!(
                "{} sellers are known ({}), so the others cannot be taken for customers",
                sellers.len(),
                labels(sellers.iter().copied())
            )
        };
        return Err(ImportError::new(format!(
            "cannot tell who the seller is: {why}, and {} {} no role. Pass the seller's \
             speaker label (CLI `--seller-speaker LABEL`, GraphQL `speakers: [{{speaker, \
             role}}]`); the call's speakers are {}",
            labels(unmapped.iter().copied()),
            if unmapped.len() == 1 { "has" } else { "have" },
            labels(participants.iter().map(|p| p.speaker.as_str()))
        )));
    }

    let participants = participants
        .into_iter()
        .zip(known)
        .map(|(p, role)| Participant {
            speaker: p.speaker,
            name: p.name,
            email: p.email,
            role: role.unwrap_or(SpeakerRole::Customer),
        })
        .collect();
    Ok(Call {
        external_id: call.external_id,
        title: call.title,
        started_at: call.started_at,
        duration_ms: call.duration_ms,
        language: call.language,
        direction: call.direction,
        outcome: call.outcome,
        recording: call.recording,
        participants,
        segments: call.segments,
    })
}

/// Reads a role as sources name it (`AGENT`, `Agent`, `seller`, `Customer`,
/// `contact`…); `None` when the name says nothing Callsight knows.
pub(crate) fn role_from_source(name: &str) -> Option<SpeakerRole> {
    match name.trim().to_ascii_lowercase().as_str() {
        "seller" | "agent" | "rep" | "salesperson" | "sales rep" | "user" => {
            Some(SpeakerRole::Seller)
        }
        "customer" | "client" | "contact" | "lead" | "prospect" | "caller" => {
            Some(SpeakerRole::Customer)
        }
        "other" | "bot" | "ivr" | "system" => Some(SpeakerRole::Other),
        _ => None,
    }
}

/// "`A`, `B`" — labels quoted so that spaces and case show.
fn labels<'a>(labels: impl Iterator<Item = &'a str>) -> String {
    labels
        .map(|label| format!("`{label}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Segment;
    use crate::import::test_support::roles;

    fn call(speakers: &[(&str, Option<SpeakerRole>)]) -> Call<Option<SpeakerRole>> {
        Call {
            external_id: None,
            title: None,
            started_at: None,
            duration_ms: None,
            language: "en-US".into(),
            direction: None,
            outcome: None,
            recording: None,
            participants: speakers
                .iter()
                .map(|&(speaker, role)| Participant {
                    speaker: speaker.into(),
                    name: None,
                    email: None,
                    role,
                })
                .collect(),
            segments: vec![Segment {
                speaker: "spk_2".into(),
                start_ms: 0,
                end_ms: 1_000,
                text: "Hello?".into(),
                words: None,
            }],
        }
    }

    use SpeakerRole::{Customer, Other, Seller};

    #[test]
    fn a_mapping_for_a_call_without_speech_says_so() {
        let mut silent = call(&[]);
        silent.segments.clear();
        let mapping = HashMap::from([("Dana".to_owned(), Seller)]);
        let err = assign_roles(silent, &mapping).unwrap_err();
        assert_eq!(
            err.message,
            "the call has no speech, so no speaker to give a role: the role mapping names `Dana`"
        );
    }

    #[test]
    fn one_mapped_seller_makes_the_rest_customers() {
        let mapping = HashMap::from([(" spk_0 ".to_owned(), Seller)]);
        let call = assign_roles(call(&[("spk_0", None), ("spk_1", None)]), &mapping).unwrap();
        // spk_2 speaks without being listed: it gets an entry, as a customer.
        assert_eq!(
            roles(&call),
            [("spk_0", Seller), ("spk_1", Customer), ("spk_2", Customer)]
        );
    }

    #[test]
    fn source_roles_count_and_mapping_wins_over_them() {
        let source = call(&[
            ("AGENT", Some(Seller)),
            ("CUSTOMER", Some(Customer)),
            ("spk_2", None),
        ]);
        let call = assign_roles(source.clone(), &HashMap::new()).unwrap();
        assert_eq!(
            roles(&call),
            [
                ("AGENT", Seller),
                ("CUSTOMER", Customer),
                ("spk_2", Customer)
            ]
        );

        let mapping = HashMap::from([("AGENT".to_owned(), Other), ("CUSTOMER".to_owned(), Seller)]);
        let call = assign_roles(source, &mapping).unwrap();
        assert_eq!(
            roles(&call),
            [("AGENT", Other), ("CUSTOMER", Seller), ("spk_2", Customer)]
        );
    }

    #[test]
    fn fully_known_roles_need_no_seller_rule() {
        let source = call(&[
            ("spk_0", Some(Seller)),
            ("spk_1", Some(Seller)),
            ("spk_2", Some(Customer)),
        ]);
        let call = assign_roles(source, &HashMap::new()).unwrap();
        assert_eq!(
            roles(&call),
            [("spk_0", Seller), ("spk_1", Seller), ("spk_2", Customer)]
        );
    }

    #[test]
    fn without_a_seller_the_import_is_rejected_with_the_fix() {
        let err = assign_roles(call(&[("spk_0", None)]), &HashMap::new()).unwrap_err();
        assert_eq!(err.location, None);
        assert_eq!(
            err.message,
            "cannot tell who the seller is: no seller is known, and `spk_0`, `spk_2` have no \
             role. Pass the seller's speaker label (CLI `--seller-speaker LABEL`, GraphQL \
             `speakers: [{speaker, role}]`); the call's speakers are `spk_0`, `spk_2`"
        );
    }

    #[test]
    fn two_sellers_leave_the_others_ambiguous() {
        let source = call(&[("spk_0", Some(Seller)), ("spk_1", None)]);
        let mapping = HashMap::from([("spk_1".to_owned(), Seller)]);
        let err = assign_roles(source, &mapping).unwrap_err();
        assert!(
            err.message.starts_with(
                "cannot tell who the seller is: 2 sellers are known (`spk_0`, `spk_1`), so the \
                 others cannot be taken for customers, and `spk_2` has no role."
            ),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_mapping_for_an_absent_speaker_lists_the_real_ones() {
        let mapping = HashMap::from([("spk_O".to_owned(), Seller)]);
        let err = assign_roles(call(&[("spk_0", None)]), &mapping).unwrap_err();
        assert_eq!(
            err.message,
            "the role mapping names `spk_O` not in this call; its speakers are `spk_0`, `spk_2`"
        );
    }
}
