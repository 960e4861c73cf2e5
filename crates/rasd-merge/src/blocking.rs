//! Blocking: which reports are ever compared. A report is filed under place tokens × the
//! ISO week of its date (or of its document's date when undated), and searched for under
//! the weeks of the day before, the day, and the day after, and the neighbouring map
//! cells (reports of a lasting situation, such as a siege, search the weeks of the whole
//! situation window) — so every pair the matcher could accept shares a block, and nothing
//! else is compared. Each block holds the events of one place in one week: the work per report is
//! bounded, and merging n reports costs O(n) block look-ups.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use rasd_store::keys::place_key;
use rasd_store::merger::iso_week;
use rasd_store::{BlockKey, BlockKeys, ReportContext};

use crate::matching::is_situation;

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

/// The blocks of a report; `situation_days` is the date window of lasting situations.
pub fn blocking_keys(ctx: &ReportContext<'_>, situation_days: i64) -> BlockKeys {
    let (week, probe_weeks) = week_tokens(ctx, situation_days);
    let index = place_tokens(ctx, false)
        .into_iter()
        .map(|p| BlockKey(format!("{p}|{week}")))
        .collect();
    let mut probe: Vec<BlockKey> = Vec::new();
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
        let k = blocking_keys(&ctx, 14);
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
            blocking_keys(&ctx, 14).index,
            vec![BlockKey("n:كناكر|2020-W50".into())]
        );
        let ctx = ReportContext {
            anchor: None,
            ..ctx
        };
        assert_eq!(
            blocking_keys(&ctx, 14).index,
            vec![BlockKey("n:كناكر|undated".into())]
        );
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
        let k = blocking_keys(&ctx, 14);
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
        assert_eq!(weeks(&blocking_keys(&ctx(&r), 14)), ["2020-W50"]);
        r.tags = vec![rasd_core::Tag::Siege];
        // 2020-11-24 (W48) to 2020-12-22 (W52).
        assert_eq!(
            weeks(&blocking_keys(&ctx(&r), 14)),
            ["2020-W48", "2020-W49", "2020-W50", "2020-W51", "2020-W52"]
        );
        assert_eq!(blocking_keys(&ctx(&r), 14).index.len(), 1);
    }
}
