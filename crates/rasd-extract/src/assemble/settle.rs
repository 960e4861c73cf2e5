//! Settling a candidate's sub-type once its actors are known, and the actor defaults each
//! sub-type implies.

use rasd_core::{Actor, ActorKind, SubEventType, Tag};

use super::actors::{ActorPick, is_government_side, is_state};
use super::candidates::Candidate;
use crate::lexicon::{TriggerRole, WeaponClass};

/// The final sub-type and extra tags of a candidate.
pub fn settle(
    c: &Candidate,
    a1: Option<&ActorPick>,
    a2: Option<&ActorPick>,
) -> (SubEventType, Vec<Tag>) {
    let mut tags = c.tags.clone();
    let armed = |p: Option<&ActorPick>| p.is_some_and(|p| p.actor.kind.is_armed() && !p.victim);
    let victim = |p: Option<&ActorPick>| p.is_some_and(|p| p.victim);
    let firearm_or_none = c
        .weapon
        .as_ref()
        .is_none_or(|w| w.class == WeaponClass::Firearm);
    let sub = match c.role {
        TriggerRole::Event => c.sub,
        TriggerRole::Attack => {
            let explosive_default = matches!(
                c.sub,
                SubEventType::ShellingArtilleryMissileAttack
                    | SubEventType::AirDroneStrike
                    | SubEventType::RemoteExplosiveLandmineIed
            );
            if !firearm_or_none {
                c.sub
            } else if a1.is_some_and(|p| p.air_power)
                && c.weapon.is_none()
                && (explosive_default || c.sub == SubEventType::ArmedClash)
            {
                SubEventType::AirDroneStrike
            } else if explosive_default && c.weapon.is_none() {
                c.sub
            } else if victim(a2) {
                SubEventType::Attack
            } else if armed(a2) || (armed(a1) && a2.is_none() && c.sub == SubEventType::ArmedClash)
            {
                SubEventType::ArmedClash
            } else {
                c.sub
            }
        }
        TriggerRole::Territory => match a1 {
            Some(p) if is_government_side(p.actor.kind) => SubEventType::GovernmentRegainsTerritory,
            _ => SubEventType::NonStateActorOvertakesTerritory,
        },
        TriggerRole::Detention => match a1 {
            Some(p) if !p.victim && !is_state(p.actor.kind) => {
                if armed(a2) {
                    push(&mut tags, Tag::HostageTaking);
                } else {
                    push(&mut tags, Tag::Kidnapping);
                }
                SubEventType::AbductionForcedDisappearance
            }
            _ => SubEventType::Arrests,
        },
        TriggerRole::Killing => {
            if victim(a2) || a2.is_none() && !armed(a1) {
                SubEventType::Attack
            } else {
                SubEventType::ArmedClash
            }
        }
    };
    (sub, tags)
}

fn push(tags: &mut Vec<Tag>, t: Tag) {
    if !tags.contains(&t) {
        tags.push(t);
    }
}

/// An actor a sub-type implies when the text names none, marked in the evidence as a
/// default: protesters protest; a shelling, bombing or killing by no one named is by an
/// unidentified armed group, an air strike by no one named by unidentified forces (ACLED's
/// "Unidentified Armed Group" and "Unidentified Military Forces").
pub fn default_actor1(sub: SubEventType) -> Option<Actor> {
    let kind = match sub {
        SubEventType::PeacefulProtest
        | SubEventType::ProtestWithIntervention
        | SubEventType::ExcessiveForceAgainstProtesters
        | SubEventType::ViolentDemonstration => ActorKind::Protesters,
        SubEventType::ShellingArtilleryMissileAttack
        | SubEventType::RemoteExplosiveLandmineIed
        | SubEventType::Grenade
        | SubEventType::SuicideBomb
        | SubEventType::Attack
        | SubEventType::AbductionForcedDisappearance => ActorKind::UnidentifiedArmedGroup,
        SubEventType::AirDroneStrike => ActorKind::Unidentified,
        _ => return None,
    };
    Some(Actor::new(kind))
}
