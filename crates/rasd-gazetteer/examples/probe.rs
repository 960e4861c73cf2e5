//! Prints the candidates and the resolution of names given on the command line:
//! `cargo run -p rasd-gazetteer --example probe -- كناكر "بريف دمشق" …`
//! A name written `NAME@CONTEXT` is resolved with CONTEXT as an admin mention.

use rasd_gazetteer::{Gazetteer, PlaceContext, key_of};

/// CPU time of this thread in ns (Linux; 0 elsewhere): wall time misleads on a busy machine.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse().ok()))
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (t, cpu) = (std::time::Instant::now(), cpu_ns());
    let g = Gazetteer::load_embedded()?;
    println!(
        "loaded {} places in {:?} wall, {:.1} ms CPU; max words {}",
        g.len(),
        t.elapsed(),
        cpu_ns().saturating_sub(cpu) as f64 / 1e6,
        g.max_name_words()
    );
    for arg in std::env::args().skip(1) {
        let (name, ctx_text) = arg.split_once('@').unwrap_or((&arg, ""));
        let mut ctx = PlaceContext::new();
        if !ctx_text.is_empty() {
            match g.admin_context_from(ctx_text) {
                Some(a) => {
                    println!(
                        "  context {ctx_text}: {} {:?} rural={} dir={:?}",
                        g.place(a.place).name_ar,
                        a.scope,
                        a.rural,
                        a.direction
                    );
                    ctx = ctx.with_admin(a);
                }
                None => println!("  context {ctx_text}: none"),
            }
        }
        let cands = g.lookup(&key_of(name));
        println!("{name}: {} candidates", cands.len());
        for c in cands.iter().take(12) {
            let p = g.place(c.idx);
            println!(
                "  {} {} {} ({}) {:?} imp={:.2} cue={} {:?} prec={:?} dir={:?} [{}]",
                p.id,
                p.level,
                p.name_ar,
                p.admin1.as_ref().map_or("-", |u| u.name_ar.as_str()),
                p.admin2.as_ref().map(|u| u.name_ar.as_str()),
                p.importance(),
                c.needs_cue,
                c.kind,
                c.precision,
                c.direction,
                p.country
            );
        }
        if let Some(r) = g.resolve(cands, &ctx) {
            let loc = g.location_for(&r.candidate, name);
            println!(
                "  => {} {:?} margin {:.2}: {:?}",
                g.place(r.idx).id,
                r.reason,
                r.margin,
                loc
            );
        } else if let Some(a) = g.admin_context_from(name) {
            println!("  => admin phrase: {:?}", g.context_location(&a, name));
        }
    }
    Ok(())
}
