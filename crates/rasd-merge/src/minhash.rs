//! Near-duplicate articles: MinHash over word shingles of the match key, with LSH banding.
//!
//! A re-published or syndicated copy (another title, an extra boilerplate line, another
//! outlet) shares most of its word 3-shingles with the first copy; two articles about the
//! same incident written separately share almost none.

use rasd_core::Document;
use rasd_store::Signature;

use crate::hash::{fnv1a, mix};

/// MinHash parameters. `bands * rows` must equal `hashes`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MinHashConfig {
    pub hashes: usize,
    pub bands: usize,
    pub rows: usize,
    /// Words per shingle.
    pub shingle: usize,
    /// Estimated Jaccard similarity from which two documents are near-duplicates.
    pub threshold: f32,
}

impl Default for MinHashConfig {
    /// 128 hashes in 32 bands of 4 rows (LSH finds pairs above ~0.42 similarity; a pair at
    /// 0.6 is found with probability 0.99); word 3-shingles; near-duplicate from 0.6.
    fn default() -> Self {
        MinHashConfig {
            hashes: 128,
            bands: 32,
            rows: 4,
            shingle: 3,
            threshold: 0.6,
        }
    }
}

impl MinHashConfig {
    /// A number naming these parameters, stored with every signature.
    pub fn scheme(&self) -> u16 {
        let h = fnv1a(
            format!(
                "minhash-v1/{}/{}/{}/{}",
                self.hashes, self.bands, self.rows, self.shingle
            )
            .as_bytes(),
        );
        (h & 0xffff) as u16
    }
}

/// The text that is signed: the separate title and the kept paragraphs.
pub fn signed_text(doc: &Document) -> String {
    let body = if doc.kept.is_empty() {
        doc.text.clone()
    } else {
        doc.cleaned_text()
    };
    match &doc.title {
        Some(t) => format!("{t}\n{body}"),
        None => body,
    }
}

/// Hashes of the word shingles of a text's match key.
pub fn shingles(text: &str, size: usize) -> Vec<u64> {
    let key = rasd_text::match_key(text);
    let words: Vec<&str> = key
        .split(|c: char| !rasd_text::chars::is_letter_or_digit(c))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < size || size == 0 {
        return vec![];
    }
    let mut out: Vec<u64> = words
        .windows(size)
        .map(|w| fnv1a(w.join(" ").as_bytes()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The signature of a set of shingle hashes.
pub fn signature(shingles: &[u64], cfg: &MinHashConfig) -> Signature {
    let scheme = cfg.scheme();
    if shingles.is_empty() {
        return Signature {
            scheme,
            minhash: vec![],
            bands: vec![],
        };
    }
    let mut mins = vec![u64::MAX; cfg.hashes];
    for &s in shingles {
        for (i, m) in mins.iter_mut().enumerate() {
            let h = mix(s ^ mix(i as u64 + 1));
            if h < *m {
                *m = h;
            }
        }
    }
    let minhash: Vec<u32> = mins.iter().map(|m| (m >> 32) as u32).collect();
    let bands = minhash
        .chunks(cfg.rows)
        .take(cfg.bands)
        .enumerate()
        .map(|(b, rows)| {
            let mut bytes = Vec::with_capacity(4 + 4 * rows.len() + 2);
            bytes.extend_from_slice(&scheme.to_le_bytes());
            bytes.extend_from_slice(&(b as u32).to_le_bytes());
            for r in rows {
                bytes.extend_from_slice(&r.to_le_bytes());
            }
            fnv1a(&bytes)
        })
        .collect();
    Signature {
        scheme,
        minhash,
        bands,
    }
}

/// The estimated Jaccard similarity of two signatures (0 when incomparable).
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    if a.scheme != b.scheme || a.minhash.is_empty() || a.minhash.len() != b.minhash.len() {
        return 0.0;
    }
    let same = a
        .minhash
        .iter()
        .zip(&b.minhash)
        .filter(|(x, y)| x == y)
        .count();
    same as f32 / a.minhash.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(text: &str) -> Signature {
        signature(&shingles(text, 3), &MinHashConfig::default())
    }

    #[test]
    fn similarity_tracks_overlap() {
        let base: Vec<String> = (0..200).map(|i| format!("كلمة{i}")).collect();
        let a = base.join(" ");
        let mut edited = base.clone();
        edited.splice(0..5, ["عنوان", "مختلف", "تماما", "هنا"].map(String::from));
        let b = edited.join(" ");
        let other: Vec<String> = (0..200).map(|i| format!("نص{i}")).collect();
        let s_ab = similarity(&sig(&a), &sig(&b));
        assert!(s_ab > 0.85, "{s_ab}");
        assert!(similarity(&sig(&a), &sig(&other.join(" "))) < 0.05);
        assert_eq!(similarity(&sig(&a), &sig(&a)), 1.0);
        // Near-duplicates share at least one band.
        let (x, y) = (sig(&a), sig(&b));
        assert!(x.bands.iter().any(|b| y.bands.contains(b)));
    }

    #[test]
    fn short_texts_are_not_signed() {
        assert!(sig("كلمتان فقط").is_empty());
        assert_eq!(similarity(&sig("كلمتان فقط"), &sig("كلمتان فقط")), 0.0);
    }

    #[test]
    fn normalisation_variants_do_not_matter() {
        let a = sig("قُتِلَ ثلاثة مدنيين في قصف على إدلب اليوم");
        let b = sig("قتل ثلاثه مدنيين في قصف على ادلب اليوم");
        assert_eq!(similarity(&a, &b), 1.0);
    }
}
