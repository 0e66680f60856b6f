//! From couplings to groups of modules that change together, and the seams between groups.

use std::collections::{BTreeMap, HashMap};

use super::cluster;
use super::measures::{self, Tally, round};
use super::modules::ModuleMap;
use super::report::{self, Clustering, Group, Seam};

pub(super) fn clustering(
    map: &ModuleMap,
    tally: &Tally,
    modules: &[report::ModuleStats],
    edges: &[measures::Edge],
) -> Clustering {
    let index: HashMap<&str, usize> = map.names.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    let nodes: Vec<usize> = modules
        .iter()
        .filter(|m| m.enough_history)
        .take(cluster::MAX_NODES)
        .filter_map(|m| index.get(m.name.as_str()).copied())
        .collect();
    let weighted: Vec<(usize, usize, f64)> = edges.iter().map(|&(a, b, _, w)| (a, b, w)).collect();
    let (of, modularity) = cluster::cluster(&nodes, &weighted);
    let mut by: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (&node, &c) in &of {
        by.entry(c).or_default().push(map.names[node].clone());
    }
    let mut groups: Vec<Vec<String>> = by.into_values().collect();
    groups.iter_mut().for_each(|g| g.sort());
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    let groups: Vec<Group> =
        groups.into_iter().enumerate().map(|(i, modules)| Group { id: format!("G{}", i + 1), modules }).collect();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        group_of.extend(g.modules.iter().filter_map(|m| index.get(m.as_str()).map(|&i| (i, gi))));
    }
    Clustering {
        method: "greedy modularity (Clauset-Newman-Moore) over couplings weighted by degree".to_string(),
        modularity: modularity.map(|q| round(q, 3)),
        seams: seams(map, tally, &group_of, &groups),
        groups,
    }
}

/// Co-changes between groups, summed over module pairs, most first.
fn seams(map: &ModuleMap, tally: &Tally, group_of: &HashMap<usize, usize>, groups: &[Group]) -> Vec<Seam> {
    let mut by: BTreeMap<(usize, usize), (u64, f64, String)> = BTreeMap::new();
    for (&(a, b), &shared) in tally.pair_counts() {
        let (a, b) = (a as usize, b as usize);
        let (Some(&ga), Some(&gb)) = (group_of.get(&a), group_of.get(&b)) else { continue };
        if ga == gb {
            continue;
        }
        let (key, pair) = if ga < gb { ((ga, gb), (a, b)) } else { ((gb, ga), (b, a)) };
        let mean = (f64::from(tally.module_commits(a)) + f64::from(tally.module_commits(b))) / 2.0;
        let degree = f64::from(shared) / mean;
        let entry = by.entry(key).or_insert((0, -1.0, String::new()));
        entry.0 += u64::from(shared);
        let label = format!("{} ~ {}", map.names[pair.0], map.names[pair.1]);
        if degree > entry.1 || (degree == entry.1 && label < entry.2) {
            (entry.1, entry.2) = (degree, label);
        }
    }
    let mut out: Vec<Seam> = by
        .into_iter()
        .map(|((a, b), (shared, degree, strongest))| Seam {
            a: groups[a].id.clone(),
            b: groups[b].id.clone(),
            shared_commits: shared,
            strongest,
            degree: round(degree, 3),
        })
        .collect();
    // Stable sort: equal seams keep the order of their groups.
    out.sort_by_key(|s| std::cmp::Reverse(s.shared_commits));
    out
}
