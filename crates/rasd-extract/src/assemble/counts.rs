//! How many: the casualty counts of a sentence go to the nearest event of the kind they
//! describe (killed and injured to violent events, detained to arrests and abductions).

use rasd_core::{Qualifier, Span, SubEventType};

use super::candidates::Candidate;
use crate::lexicon::{CasualtyKind, ModalityEffect};
use crate::recognize::{CasualtyCount, Mentions};

/// A count chosen for an event, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct CountPick {
    pub value: u32,
    pub qualifier: Option<Qualifier>,
    pub span: Span,
    pub rule: String,
}

/// The counts of one event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub fatalities: Option<CountPick>,
    pub civilians: Option<u32>,
    pub injured: Option<CountPick>,
    pub detained: Option<CountPick>,
    pub displaced: Option<CountPick>,
}

fn wants(sub: SubEventType, kind: CasualtyKind) -> bool {
    match kind {
        CasualtyKind::Killed | CasualtyKind::Injured => {
            sub.is_violent()
                || matches!(
                    sub,
                    SubEventType::ExcessiveForceAgainstProtesters
                        | SubEventType::ViolentDemonstration
                        | SubEventType::MobViolence
                )
        }
        CasualtyKind::Detained => matches!(
            sub,
            SubEventType::Arrests | SubEventType::AbductionForcedDisappearance
        ),
        CasualtyKind::Displaced => sub == SubEventType::Other,
        CasualtyKind::NoCasualties => sub.is_violent(),
    }
}

/// The counts for candidate `c` among the candidates of its paragraph. `is_civilian(span)`
/// says whether the people counted are civilians (a victim word next to the number).
pub fn counts_for(
    m: &Mentions,
    cands: &[Candidate],
    c: &Candidate,
    is_civilian: impl Fn(&CasualtyCount) -> bool,
) -> Counts {
    let mut out = Counts::default();
    for count in m.casualties.iter().filter(|k| k.sentence == c.sentence) {
        if m.modality
            .iter()
            .any(|r| r.effect == ModalityEffect::Aggregate && r.covers(count.tokens.start))
        {
            continue;
        }
        // The candidate of the sentence the count follows (… ما أدى إلى مقتل ثلاثة), else
        // the nearest one after it.
        let wanting = || {
            cands.iter().filter(|o| {
                o.para == c.para && o.sentence == c.sentence && wants(o.sub, count.kind)
            })
        };
        let owner = wanting()
            .filter(|o| o.tokens.start <= count.tokens.start)
            .max_by_key(|o| o.tokens.start)
            .or_else(|| wanting().min_by_key(|o| o.tokens.start.abs_diff(count.tokens.start)));
        if owner.is_none_or(|o| o.tokens != c.tokens || o.para != c.para) {
            continue;
        }
        let Some(value) = count.value else { continue };
        if count.none {
            out.fatalities.get_or_insert(CountPick {
                value: 0,
                qualifier: None,
                span: count.cue,
                rule: format!("casualty:{}", count.rule),
            });
            out.injured.get_or_insert(CountPick {
                value: 0,
                qualifier: None,
                span: count.cue,
                rule: format!("casualty:{}", count.rule),
            });
            continue;
        }
        let span = count.number.map_or(count.cue, |n| n.cover(count.cue));
        let pick = CountPick {
            value,
            qualifier: count.qualifier,
            span,
            rule: format!("casualty:{}", count.rule),
        };
        let slot = match count.kind {
            CasualtyKind::Killed => {
                if is_civilian(count) {
                    out.civilians = Some(out.civilians.unwrap_or(0) + value);
                }
                &mut out.fatalities
            }
            CasualtyKind::Injured => &mut out.injured,
            CasualtyKind::Detained => &mut out.detained,
            CasualtyKind::Displaced => &mut out.displaced,
            CasualtyKind::NoCasualties => continue,
        };
        // Different groups in one sentence add up (25 من النصرة وسبعة من المدافعين).
        match slot {
            Some(prev) => {
                prev.value += pick.value;
                prev.span = prev.span.cover(pick.span);
            }
            None => *slot = Some(pick),
        }
    }
    out
}
