//! "Did you mean …?": the closest known name to a misspelt one. Plain text
//! with no knowledge of cases, so that every layer (diagnostic codes, names
//! in the IR, settings) may use it.

/// The candidate closest to `name` by edit distance, if it is close enough to
/// be a plausible typo (at most a third of the name's length, and at least 1).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    nearest(name, candidates).map(|n| n.name)
}

/// What [`nearest`] found: the closest candidate, and whether it is the
/// only one at that distance (a clear choice a fix may make unasked).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Nearest<'a> {
    pub name: &'a str,
    pub unique: bool,
}

/// As [`closest`], saying whether another candidate was as close.
pub fn nearest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<Nearest<'a>> {
    let limit = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    let mut tied = false;
    for candidate in candidates {
        let length_gap = name.len().abs_diff(candidate.len());
        if length_gap > limit || candidate == name {
            continue;
        }
        let distance = edit_distance(name, candidate);
        if distance > limit {
            continue;
        }
        match best {
            Some((d, c)) if d == distance && c == candidate => {}
            Some((d, _)) if d == distance => {
                tied = true;
                if best.is_some_and(|(_, c)| candidate < c) {
                    best = Some((distance, candidate));
                }
            }
            Some((d, _)) if d < distance => {}
            _ => {
                best = Some((distance, candidate));
                tied = false;
            }
        }
    }
    best.map(|(_, name)| Nearest {
        name,
        unique: !tied,
    })
}

/// Optimal string alignment distance (Levenshtein plus adjacent swaps).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = best;
        }
    }
    rows[a.len() % 3][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("watchdog", "watchdog"), 0);
        assert_eq!(edit_distance("wacthdog", "watchdog"), 1);
        assert_eq!(edit_distance("monitor", "monitoring"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn suggests_only_plausible_typos() {
        let names = ["monitoring", "isolation", "unlearning"];
        assert_eq!(closest("monitorng", names), Some("monitoring"));
        assert_eq!(closest("deference", names), None);
    }

    #[test]
    fn a_tie_is_not_a_clear_choice() {
        let near = nearest("cat", ["bat", "cab", "dog"]).unwrap();
        assert_eq!((near.name, near.unique), ("bat", false));
        let near = nearest("monitorng", ["monitoring", "isolation"]).unwrap();
        assert_eq!((near.name, near.unique), ("monitoring", true));
        // The same name twice is one candidate.
        assert!(nearest("cat", ["bat", "bat"]).unwrap().unique);
    }
}
