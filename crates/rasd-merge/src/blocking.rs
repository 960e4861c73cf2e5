//! Blocking: which reports are ever compared. A report is filed under place tokens × the
//! ISO week of its date (or of its document's date when undated), and searched for under
//! the weeks of the day before, the day, and the day after, and the neighbouring map
//! cells (reports of a lasting situation, such as a siege, search the weeks of the whole
//! situation window; a detention of a named victim group is also filed under group ×
//! coarse map cell × week and searches the cells around and the weeks of the victim
//! window) — so every pair the matcher could accept shares a block, and nothing
//! else is compared. Each block holds the events of one place in one week: the work per report is
//! bounded, and merging n reports costs O(n) block look-ups.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use rasd_store::keys::place_key;
use rasd_store::merger::iso_week;
use rasd_store::{BlockKey, BlockKeys, ReportContext};

use crate::matching::is_situation;
use crate::{MergeConfig, victims};

/// Size of a map cell in degrees (~5.5 km north-south).
pub const CELL_DEG: f64 = 0.05;

/// The place tokens of a report: place id, name key(s), admin3, map cell.
fn place_tokens(ctx: &ReportContext<'_>, neighbours: bool) -> Vec<String> {
    let l = &ctx.report.location;
    let mut out = Vec::new();
    if let Some(p) = &l.place_id {
        out.push(format!("p:{p}"));
    }
    let name = place_key(&l.name);
    if !name.is_empty() {
        out.push(format!("n:{name}"));
    }
    if let Some(c) = l
        .canonical_name
        .as_deref()
        .map(place_key)
        .filter(|c| !c.is_empty() && *c != name)
    {
        out.push(format!("n:{c}"));
    }
    match (&l.admin3_pcode, &l.admin3) {
        (Some(p), _) => out.push(format!("a3:{p}")),
        (None, Some(a)) => out.push(format!("a3:{}", place_key(a))),
        _ => {}
    }
    if let (Some(lat), Some(lon)) = (l.lat, l.lon) {
        let (x, y) = (
            (lon / CELL_DEG).floor() as i64,
            (lat / CELL_DEG).floor() as i64,
        );
        if neighbours {
            for dx in -1..=1 {
                for dy in -1..=1 {
                    out.push(format!("g:{}:{}", x + dx, y + dy));
                }
            }
        } else {
            out.push(format!("g:{x}:{y}"));
        }
    }
    out
}

/// The weeks of the days `d - before ..= d + after`.
fn weeks_around(d: NaiveDate, before: i64, after: i64) -> Vec<String> {
    let mut probe = BTreeSet::new();
    for off in -before..=after {
        if let Some(x) = d.checked_add_signed(Duration::days(off)) {
            probe.insert(iso_week(x));
        }
    }
    probe.into_iter().collect()
}

/// The week tokens a report is filed under, and searched in.
fn week_tokens(ctx: &ReportContext<'_>, situation_days: i64) -> (String, Vec<String>) {
    let situation = is_situation(ctx.report);
    match ctx.date() {
        Some(d) if situation => (iso_week(d), weeks_around(d, situation_days, situation_days)),
        Some(d) => (iso_week(d), weeks_around(d, 1, 1)),
        // An undated report is of the publication day or shortly before.
        None => match ctx.anchor {
            Some(a) if situation => (iso_week(a), weeks_around(a, situation_days, situation_days)),
            Some(a) => (iso_week(a), weeks_around(a, 1, 0)),
            None => ("undated".to_owned(), vec!["undated".to_owned()]),
        },
    }
}

/// The victim blocks of a detention with a named victim group: group × coarse map cell ×
/// week, searched in the neighbouring cells and the weeks of `cfg.victim_days` either side
/// (see [`crate::victims`]).
fn victim_keys(ctx: &ReportContext<'_>, cfg: &MergeConfig) -> (Vec<BlockKey>, Vec<BlockKey>) {
    let Some(group) = victims::group(ctx.report) else {
        return (vec![], vec![]);
    };
    let Some(day) = ctx.date().or(ctx.anchor) else {
        return (vec![], vec![]);
    };
    let key = |(x, y): (i64, i64), w: &str| BlockKey(format!("v:{group}:{x}:{y}|{w}"));
    let week = iso_week(day);
    let index = victims::cells(ctx.report, false)
        .into_iter()
        .map(|c| key(c, &week))
        .collect();
    let weeks = weeks_around(day, cfg.victim_days, cfg.victim_days);
    let mut probe = Vec::new();
    for c in victims::cells(ctx.report, true) {
        for w in &weeks {
            probe.push(key(c, w));
        }
    }
    (index, probe)
}

/// The blocks of a report.
pub fn blocking_keys(ctx: &ReportContext<'_>, cfg: &MergeConfig) -> BlockKeys {
    let (week, probe_weeks) = week_tokens(ctx, cfg.situation_days);
    let (victim_index, victim_probe) = victim_keys(ctx, cfg);
    let mut index: Vec<BlockKey> = place_tokens(ctx, false)
        .into_iter()
        .map(|p| BlockKey(format!("{p}|{week}")))
        .collect();
    index.extend(victim_index);
    let mut probe: Vec<BlockKey> = victim_probe;
    for p in place_tokens(ctx, true) {
        for w in &probe_weeks {
            probe.push(BlockKey(format!("{p}|{w}")));
        }
    }
    probe.sort();
    probe.dedup();
    BlockKeys { index, probe }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::report;

    #[test]
    fn keys_cover_neighbouring_days_across_a_week_boundary() {
        let mut r = report(
            rasd_core::SubEventType::ArmedClash,
            "جاسم",
            Some("2020-12-06"),
        );
        r.location.place_id = Some(rasd_core::PlaceId::new("geonames:1"));
        let ctx = ReportContext {
            report: &r,
            document: 1,
            root_document: 1,
            anchor: None,
            duplicate_source: false,
        };
        let k = blocking_keys(&ctx, &MergeConfig::default());
        // 2020-12-06 is a Sunday (week 49); the day after is in week 50.
        assert!(k.index.contains(&BlockKey("p:geonames:1|2020-W49".into())));
        assert!(!k.index.iter().any(|b| b.0.ends_with("W50")));
        assert!(k.probe.contains(&BlockKey("p:geonames:1|2020-W50".into())));
        assert!(k.probe.contains(&BlockKey("n:جاسم|2020-W49".into())));
    }

    #[test]
    fn undated_reports_use_the_document_week_or_a_shared_undated_block() {
        let r = report(rasd_core::SubEventType::Other, "كناكر", None);
        let anchor = NaiveDate::from_ymd_opt(2020, 12, 8);
        let ctx = ReportContext {
            report: &r,
            document: 1,
            root_document: 1,
            anchor,
            duplicate_source: false,
        };
        assert_eq!(
            blocking_keys(&ctx, &MergeConfig::default()).index,
            vec![BlockKey("n:كناكر|2020-W50".into())]
        );
        let ctx = ReportContext {
            anchor: None,
            ..ctx
        };
        assert_eq!(
            blocking_keys(&ctx, &MergeConfig::default()).index,
            vec![BlockKey("n:كناكر|undated".into())]
        );
    }

    #[test]
    fn detentions_of_the_same_victims_share_a_block_across_towns_and_days() {
        let cfg = MergeConfig::default();
        let detention = |lat: f64, lon: f64, date: &str, victims: &str| {
            let mut r = report(rasd_core::SubEventType::Arrests, "x", Some(date));
            (r.location.lat, r.location.lon) = (Some(lat), Some(lon));
            r.actor2 = Some(victims.parse().unwrap());
            r
        };
        let shares = |a: &rasd_core::Event, b: &rasd_core::Event| {
            use crate::test_support::ctx;
            let (ka, kb) = (
                blocking_keys(&ctx(a, 1), &cfg),
                blocking_keys(&ctx(b, 2), &cfg),
            );
            kb.probe.iter().any(|k| ka.index.contains(k))
        };
        // Damascus on the 8th, Kanaker (32 km) on the 4th.
        let damascus = detention(33.51, 36.29, "2020-12-08", "civilians:women");
        let kanaker = detention(33.27, 36.10, "2020-12-04", "civilians:women");
        assert!(shares(&damascus, &kanaker) && shares(&kanaker, &damascus));
        let men = detention(33.27, 36.10, "2020-12-04", "civilians:young-men");
        assert!(!shares(&damascus, &men), "another victim group");
        let civilians = detention(33.27, 36.10, "2020-12-04", "civilians");
        assert!(!shares(&damascus, &civilians), "no victim group");
    }

    #[test]
    fn coordinates_probe_the_neighbouring_cells() {
        let mut r = report(rasd_core::SubEventType::ArmedClash, "x", Some("2020-12-08"));
        r.location.lat = Some(33.27);
        r.location.lon = Some(36.09);
        let ctx = ReportContext {
            report: &r,
            document: 1,
            root_document: 1,
            anchor: None,
            duplicate_source: false,
        };
        let k = blocking_keys(&ctx, &MergeConfig::default());
        assert_eq!(k.index.iter().filter(|b| b.0.starts_with("g:")).count(), 1);
        assert_eq!(k.probe.iter().filter(|b| b.0.starts_with("g:")).count(), 9);
    }

    #[test]
    fn a_situation_probes_the_weeks_of_its_window() {
        let mut r = report(rasd_core::SubEventType::Other, "كناكر", Some("2020-12-08"));
        use crate::test_support::ctx as c;
        fn ctx(r: &rasd_core::Event) -> ReportContext<'_> {
            c(r, 1)
        }
        let weeks = |k: &BlockKeys| {
            let mut w: Vec<String> = k
                .probe
                .iter()
                .filter_map(|b| b.0.split_once('|').map(|x| x.1.to_owned()))
                .collect();
            w.sort();
            w.dedup();
            w
        };
        assert_eq!(
            weeks(&blocking_keys(&ctx(&r), &MergeConfig::default())),
            ["2020-W50"]
        );
        r.tags = vec![rasd_core::Tag::Siege];
        // 2020-11-24 (W48) to 2020-12-22 (W52).
        assert_eq!(
            weeks(&blocking_keys(&ctx(&r), &MergeConfig::default())),
            ["2020-W48", "2020-W49", "2020-W50", "2020-W51", "2020-W52"]
        );
        assert_eq!(
            blocking_keys(&ctx(&r), &MergeConfig::default()).index.len(),
            1
        );
    }
}
