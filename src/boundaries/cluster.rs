//! Groups of modules that change together: greedy modularity clustering (Clauset, Newman and
//! Moore 2004) over the coupling graph, with Newman's modularity as the measure of how good the
//! groups are. Thresholded components were not used: one strong pair chains unrelated modules
//! into one group, while modularity only joins what is more connected than chance would make it.

use std::collections::HashMap;

/// Above this many modules, the rest (those with fewest commits) stay alone, so the cubic
/// merging stays under a second.
pub(crate) const MAX_NODES: usize = 400;

/// Communities of `nodes` (indices into modules) given weighted `edges`; each node's community
/// index, and the modularity of the result (None without edges).
pub(crate) fn cluster(nodes: &[usize], edges: &[(usize, usize, f64)]) -> (HashMap<usize, usize>, Option<f64>) {
    let index: HashMap<usize, usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let n = nodes.len();
    let mut between = vec![vec![0.0f64; n]; n];
    let mut total = vec![0.0f64; n];
    let mut inside = vec![0.0f64; n];
    let mut two_m = 0.0;
    for &(a, b, w) in edges {
        let (Some(&i), Some(&j)) = (index.get(&a), index.get(&b)) else { continue };
        if i == j || w <= 0.0 {
            continue;
        }
        between[i][j] += w;
        between[j][i] += w;
        total[i] += w;
        total[j] += w;
        two_m += 2.0 * w;
    }
    let mut member: Vec<usize> = (0..n).collect();
    let mut alive: Vec<bool> = vec![true; n];
    if two_m == 0.0 {
        return (nodes.iter().zip(member).map(|(&node, c)| (node, c)).collect(), None);
    }
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for c in (0..n).filter(|&c| alive[c]) {
            for d in (c + 1..n).filter(|&d| alive[d] && between[c][d] > 0.0) {
                let gain = 2.0 * (between[c][d] / two_m - total[c] * total[d] / (two_m * two_m));
                // Strictly better only: ties keep the earlier pair, so results do not depend on luck.
                if best.is_none_or(|(g, _, _)| gain > g + 1e-12) {
                    best = Some((gain, c, d));
                }
            }
        }
        let Some((gain, c, d)) = best else { break };
        if gain <= 1e-12 {
            break;
        }
        inside[c] += inside[d] + 2.0 * between[c][d];
        total[c] += total[d];
        let row = std::mem::replace(&mut between[d], vec![0.0; n]);
        for (x, w) in row.into_iter().enumerate() {
            if x != c && x != d {
                between[c][x] += w;
                between[x][c] += w;
            }
            between[x][d] = 0.0;
        }
        between[c][c] = 0.0;
        alive[d] = false;
        member.iter_mut().filter(|m| **m == d).for_each(|m| *m = c);
    }
    let q = (0..n).filter(|&c| alive[c]).map(|c| inside[c] / two_m - (total[c] / two_m).powi(2)).sum();
    (nodes.iter().zip(member).map(|(&node, c)| (node, c)).collect(), Some(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(nodes: &[usize], edges: &[(usize, usize, f64)]) -> (Vec<Vec<usize>>, Option<f64>) {
        let (of, q) = cluster(nodes, edges);
        let mut by: HashMap<usize, Vec<usize>> = HashMap::new();
        for (node, c) in of {
            by.entry(c).or_default().push(node);
        }
        let mut out: Vec<Vec<usize>> = by
            .into_values()
            .map(|mut g| {
                g.sort();
                g
            })
            .collect();
        out.sort();
        (out, q)
    }

    #[test]
    fn two_triangles_joined_by_a_weak_edge_are_two_groups() {
        let edges = [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (2, 3, 0.3)];
        let (g, q) = groups(&[0, 1, 2, 3, 4, 5], &edges);
        assert_eq!(g, vec![vec![0, 1, 2], vec![3, 4, 5]]);
        // Inside: 6 of 6.3 weight; each half has half the ends: Q = 6/6.3 - 2 * 0.25.
        assert!((q.unwrap() - (6.0 / 6.3 - 0.5)).abs() < 1e-9, "{q:?}");
    }

    #[test]
    fn without_edges_every_node_is_alone() {
        let (g, q) = groups(&[4, 7], &[]);
        assert_eq!(g, vec![vec![4], vec![7]]);
        assert_eq!(q, None);
    }
}
