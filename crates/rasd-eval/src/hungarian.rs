//! score.py's `hungarian`: the O(n³) potentials method on a square cost matrix, step for
//! step (same floating-point operations in the same order, same strict comparisons), so
//! that among equal-cost assignments it picks the one score.py picks.

/// Minimum-cost assignment on a square matrix: the column of each row (`None` only where
/// score.py would give -1, which a square matrix never leaves).
pub fn hungarian(cost: &[Vec<f64>]) -> Vec<Option<usize>> {
    let n = cost.len();
    let mut u = vec![0.0_f64; n + 1];
    let mut v = vec![0.0_f64; n + 1];
    let mut p = vec![0_usize; n + 1];
    let mut way = vec![0_usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut assign = vec![None; n];
    for j in 1..=n {
        if p[j] != 0 {
            assign[p[j] - 1] = Some(j - 1);
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn total(cost: &[Vec<f64>], assign: &[Option<usize>]) -> Option<f64> {
        assign
            .iter()
            .enumerate()
            .map(|(i, j)| j.map(|j| cost[i][j]))
            .sum()
    }

    fn brute_force_min(cost: &[Vec<f64>]) -> f64 {
        fn go(cost: &[Vec<f64>], row: usize, used: &mut Vec<bool>, acc: f64, best: &mut f64) {
            if row == cost.len() {
                *best = best.min(acc);
                return;
            }
            for j in 0..cost.len() {
                if !used[j] {
                    used[j] = true;
                    go(cost, row + 1, used, acc + cost[row][j], best);
                    used[j] = false;
                }
            }
        }
        let mut best = f64::INFINITY;
        go(cost, 0, &mut vec![false; cost.len()], 0.0, &mut best);
        best
    }

    #[test]
    fn small_tables() {
        let cases: Vec<(Vec<Vec<f64>>, Vec<usize>)> = vec![
            (vec![], vec![]),
            (vec![vec![3.0]], vec![0]),
            (vec![vec![4.0, 1.0], vec![2.0, 0.0]], vec![1, 0]),
            (vec![vec![1.0, 1.0], vec![1.0, 1.0]], vec![0, 1]),
            (
                vec![
                    vec![4.0, 1.0, 3.0],
                    vec![2.0, 0.0, 5.0],
                    vec![3.0, 2.0, 2.0],
                ],
                vec![1, 0, 2],
            ),
            // score.py's costs: one prediction, two gold events; required beats optional.
            (
                vec![vec![-100.0 + 5.0, -10000.0 + 5.0 + 1e-3], vec![0.0, 0.0]],
                vec![1, 0],
            ),
            // Two equal gold events: the first gold event wins (the j·1e-3 term).
            (
                vec![vec![-9995.0, -9995.0 + 1e-3], vec![0.0, 0.0]],
                vec![0, 1],
            ),
        ];
        for (cost, want) in cases {
            let got: Vec<usize> = hungarian(&cost).into_iter().flatten().collect();
            assert_eq!(got, want, "{cost:?}");
        }
    }

    fn matrix() -> impl Strategy<Value = Vec<Vec<f64>>> {
        (1usize..=6).prop_flat_map(|n| {
            proptest::collection::vec(
                proptest::collection::vec(
                    prop_oneof![
                        (-20i32..20).prop_map(f64::from),
                        (-1e4f64..1e4),
                        Just(-10000.0 + 5.0),
                        Just(0.0),
                    ],
                    n,
                ),
                n,
            )
        })
    }

    proptest! {
        #[test]
        fn matches_brute_force(cost in matrix()) {
            let assign = hungarian(&cost);
            let mut cols: Vec<usize> = assign.iter().flatten().copied().collect();
            cols.sort_unstable();
            prop_assert_eq!(cols, (0..cost.len()).collect::<Vec<_>>());
            let got = total(&cost, &assign).unwrap_or(f64::INFINITY);
            let best = brute_force_min(&cost);
            prop_assert!((got - best).abs() <= 1e-6 * (1.0 + best.abs()), "{} vs {}", got, best);
        }

        #[test]
        fn scorer_costs_match_brute_force(
            n in 1usize..=6,
            cells in proptest::collection::vec((any::<bool>(), any::<bool>(), 0usize..4), 36),
        ) {
            // Costs shaped like score.py's: -10000/-100 + distance + j·1e-3, or 0.
            let cost: Vec<Vec<f64>> = (0..n)
                .map(|i| {
                    (0..n)
                        .map(|j| {
                            let (ok, required, d) = cells[i * 6 + j];
                            if !ok {
                                return 0.0;
                            }
                            let w = if required { 10000 } else { 100 };
                            let dist = [0, 1, 5, 9][d];
                            f64::from(-w + dist) + j as f64 * 1e-3
                        })
                        .collect()
                })
                .collect();
            let got = total(&cost, &hungarian(&cost)).unwrap_or(f64::INFINITY);
            let best = brute_force_min(&cost);
            prop_assert!((got - best).abs() <= 1e-6, "{} vs {}", got, best);
        }
    }
}
