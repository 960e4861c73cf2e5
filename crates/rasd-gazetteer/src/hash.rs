//! The fast non-cryptographic hasher of the name index (keys come from our own data and
//! from article text; hash flooding is not a concern for a batch extractor).

pub(crate) use rustc_hash::{FxBuildHasher as FxBuild, FxHashMap, FxHashSet, FxHasher};
