//! Groups of patterns that can start at the same place. Two patterns share a group when a
//! leading word of one is a prefix of (or equal to) a leading word of the other; so the word at a
//! candidate position picks exactly one group, and only that group's automaton needs to run (and
//! to exist: a compiled pack decodes a group's automaton the first time one of its words occurs).

/// Pattern indexes grouped, each group ascending, groups ordered by their first pattern.
pub(crate) fn group_patterns(leading_words: &[Vec<Vec<u8>>]) -> Vec<Vec<usize>> {
    let n = leading_words.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut words: Vec<(&[u8], usize)> = leading_words
        .iter()
        .enumerate()
        .flat_map(|(p, ws)| ws.iter().map(move |w| (w.as_slice(), p)))
        .collect();
    words.sort_unstable();
    // In sorted order, the words that are prefixes of the current one are on this stack.
    let mut prefixes: Vec<(&[u8], usize)> = Vec::new();
    for (word, pattern) in words {
        while prefixes.last().is_some_and(|(p, _)| !word.starts_with(p)) {
            prefixes.pop();
        }
        if let Some(&(_, other)) = prefixes.last() {
            let (a, b) = (root(&mut parent, other), root(&mut parent, pattern));
            parent[a.max(b)] = a.min(b);
        }
        prefixes.push((word, pattern));
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root = vec![usize::MAX; n];
    for p in 0..n {
        let r = root(&mut parent, p);
        if group_of_root[r] == usize::MAX {
            group_of_root[r] = groups.len();
            groups.push(Vec::new());
        }
        groups[group_of_root[r]].push(p);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&[&str]]) -> Vec<Vec<Vec<u8>>> {
        list.iter()
            .map(|ws| ws.iter().map(|w| w.as_bytes().to_vec()).collect())
            .collect()
    }

    #[test]
    fn patterns_sharing_or_prefixing_words_share_a_group() {
        let groups = group_patterns(&words(&[
            &["soc"],
            &["iso", "iec"],
            &["soc2", "type"],
            &["pci"],
            &["typed"],
            &["isolated"],
            &["ab"],
            &["abc"],
            &["abd"],
        ]));
        assert_eq!(
            groups,
            vec![vec![0, 2, 4], vec![1, 5], vec![3], vec![6, 7, 8]]
        );
    }

    #[test]
    fn no_patterns_no_groups() {
        assert!(group_patterns(&[]).is_empty());
    }
}
