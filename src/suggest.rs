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
    let limit = limit(name);
    let mut distance = Distance::default();
    let mut best = Best::new();
    for candidate in candidates {
        if plausible(name, candidate, limit) {
            if let Some(d) = distance.within(name, candidate, limit) {
                best.offer(d, candidate, ());
            }
        }
    }
    best.nearest().map(|(near, ())| near)
}

/// How far a plausible typo of `name` may be from it.
fn limit(name: &str) -> usize {
    (name.chars().count() / 3).max(1)
}

fn plausible(name: &str, candidate: &str, limit: usize) -> bool {
    name.len().abs_diff(candidate.len()) <= limit && candidate != name
}

/// The closest candidate so far; of those equally close, the first in
/// alphabetical order, so that the answer does not depend on the order of
/// the candidates.
/// The tag rides along (an [`Index`]'s, or none).
struct Best<'a, T> {
    best: Option<(usize, &'a str, T)>,
    tied: bool,
}

impl<'a, T: Copy> Best<'a, T> {
    fn new() -> Self {
        Best {
            best: None,
            tied: false,
        }
    }

    fn offer(&mut self, distance: usize, candidate: &'a str, tag: T) {
        match self.best {
            Some((d, c, _)) if d == distance && c == candidate => {}
            Some((d, c, _)) if d == distance => {
                self.tied = true;
                if candidate < c {
                    self.best = Some((distance, candidate, tag));
                }
            }
            Some((d, _, _)) if d < distance => {}
            _ => {
                self.best = Some((distance, candidate, tag));
                self.tied = false;
            }
        }
    }

    fn nearest(&self) -> Option<(Nearest<'a>, T)> {
        self.best.map(|(_, name, tag)| {
            (
                Nearest {
                    name,
                    unique: !self.tied,
                },
                tag,
            )
        })
    }
}

/// Work one [`Index`] may spend in a run (candidates looked at plus table
/// cells filled): a few milliseconds. A case with more typos than that
/// buys gets no more suggestions, rather than a check that grows with
/// typos × names.
const WORK_BUDGET: usize = 1 << 24;

/// Names to suggest from, indexed once for many misspelt ones: sorted by
/// length (only names within the limit are looked at), each with a mask of
/// the characters it holds, which bounds the distance from below for free.
pub(crate) struct Index<T> {
    entries: Vec<Entry<T>>,
    distance: Distance,
    budget: usize,
}

struct Entry<T> {
    name: compact_str::CompactString,
    chars: u64,
    tag: T,
}

/// One bit per character (ASCII letters, digits and `_` have their own, the
/// rest share one): each character one string has and the other lacks costs
/// an edit, so the larger count of bits either lacks is at most the distance.
fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |mask, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '_' => 62,
            _ => 63,
        };
        mask | 1u64 << bit
    })
}

impl<T: Copy> Index<T> {
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a str, T)>) -> Index<T> {
        let mut entries: Vec<Entry<T>> = names
            .into_iter()
            .map(|(name, tag)| Entry {
                name: name.into(),
                chars: char_mask(name),
                tag,
            })
            .collect();
        entries.sort_unstable_by_key(|e| e.name.len());
        Index {
            entries,
            distance: Distance::default(),
            budget: WORK_BUDGET,
        }
    }

    /// As [`nearest`] over the names whose tag `accept`s, with the tag;
    /// `None` once the run's work budget is spent.
    pub fn nearest(&mut self, name: &str, accept: impl Fn(T) -> bool) -> Option<(Nearest<'_>, T)> {
        let limit = limit(name);
        let from = self
            .entries
            .partition_point(|e| e.name.len() + limit < name.len());
        let mask = char_mask(name);
        let mut best = Best::new();
        // Spent whole or not at all: once it runs out, no more suggestions.
        let budget = &mut self.budget;
        let mut spend = |work: usize| {
            *budget = budget.checked_sub(work).unwrap_or(0);
            (*budget > 0).then_some(())
        };
        // A name farther than the best so far cannot change the answer, so
        // the search tightens to it (a tie still counts).
        let mut bound = limit;
        for entry in &self.entries[from..] {
            if entry.name.len() > name.len() + limit {
                break;
            }
            spend(1)?;
            let lacking = (mask & !entry.chars)
                .count_ones()
                .max((entry.chars & !mask).count_ones());
            if lacking as usize > bound || !accept(entry.tag) || entry.name == name {
                continue;
            }
            let distance = self.distance.within(name, &entry.name, bound);
            spend(self.distance.cells)?;
            if let Some(d) = distance {
                best.offer(d, &entry.name, entry.tag);
                bound = bound.min(d);
            }
        }
        best.nearest()
    }
}

/// The buffers of the distance table, reused from one pair to the next.
#[derive(Default)]
struct Distance {
    a: Vec<char>,
    b: Vec<char>,
    rows: [Vec<usize>; 3],
    /// The cells the last call filled: the work it did.
    cells: usize,
}

impl Distance {
    /// The distance from `a` to `b` if it is at most `limit`. A row's
    /// smallest cell never exceeds the next row's (a swap from two rows up
    /// costs no less than the cell between), so a row above the limit ends
    /// the search.
    fn within(&mut self, a: &str, b: &str, limit: usize) -> Option<usize> {
        self.a.clear();
        self.a.extend(a.chars());
        self.b.clear();
        self.b.extend(b.chars());
        let (a, b) = (&self.a, &self.b);
        let width = b.len() + 1;
        for row in &mut self.rows {
            row.clear();
            row.resize(width, 0);
        }
        for (j, cell) in self.rows[0].iter_mut().enumerate() {
            *cell = j;
        }
        self.cells = 0;
        for i in 1..=a.len() {
            self.cells += width;
            let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
            self.rows[cur][0] = i;
            let mut smallest = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (self.rows[prev][j] + 1)
                    .min(self.rows[cur][j - 1] + 1)
                    .min(self.rows[prev][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(self.rows[prev2][j - 2] + 1);
                }
                self.rows[cur][j] = best;
                smallest = smallest.min(best);
            }
            if smallest > limit {
                return None;
            }
        }
        Some(self.rows[a.len() % 3][b.len()]).filter(|d| *d <= limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Optimal string alignment distance (Levenshtein plus adjacent swaps).
    fn edit_distance(a: &str, b: &str) -> usize {
        Distance::default()
            .within(a, b, usize::MAX)
            .unwrap_or(usize::MAX)
    }

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

    #[test]
    fn the_index_answers_as_the_plain_search_does() {
        let names: Vec<String> = (0..400)
            .map(|i| {
                format!(
                    "{}_{}",
                    ["claim", "arg", "ev", "watchdog"][i % 4],
                    i * 7 % 97
                )
            })
            .chain(["monitoring", "isolation", "bat", "cab", "naïve"].map(String::from))
            .collect();
        let mut index = Index::new(names.iter().map(|n| (n.as_str(), n.len())));
        for query in [
            "claim_3",
            "clam_14",
            "arg_9",
            "watchdgo_21",
            "monitorng",
            "cat",
            "naive",
            "zzz",
            "ev_1",
        ] {
            let plain = nearest(query, names.iter().map(String::as_str));
            let indexed = index.nearest(query, |_| true);
            assert_eq!(indexed.map(|(n, _)| n), plain, "{query}");
            if let Some((near, len)) = indexed {
                assert_eq!(near.name.len(), len);
            }
            // The filter leaves out what it rejects.
            let odd = index
                .nearest(query, |len| len % 2 == 1)
                .map(|(n, _)| n.name);
            let plain_odd = nearest(
                query,
                names
                    .iter()
                    .map(String::as_str)
                    .filter(|n| n.len() % 2 == 1),
            );
            assert_eq!(odd, plain_odd.map(|n| n.name), "{query}");
        }
    }

    #[test]
    fn a_spent_budget_suggests_nothing_more() {
        let names: Vec<String> = (0..1000).map(|i| format!("claim_{i}")).collect();
        let mut index = Index::new(names.iter().map(|n| (n.as_str(), ())));
        index.budget = 200_000;
        assert!(index.nearest("claim_12x", |_| true).is_some());
        while index.nearest("claim_12x", |_| true).is_some() {}
        assert_eq!(index.budget, 0);
        assert!(index.nearest("clam", |_| true).is_none());
    }

    #[test]
    fn the_bounded_distance_stops_past_its_limit() {
        let mut distance = Distance::default();
        assert_eq!(distance.within("watchdog", "wacthdog", 1), Some(1));
        assert_eq!(distance.within("monitor", "monitoring", 2), None);
        assert_eq!(distance.within("monitor", "monitoring", 3), Some(3));
        assert_eq!(distance.within("abcdef", "badcfe", 3), Some(3));
    }

    #[test]
    fn the_budget_covers_the_suggestions_of_a_large_case() {
        // Names alike in length and letters, as a generated tree's are.
        let names: Vec<String> = (0..5000)
            .map(|i| format!("c{}_{}_{}_{}", i % 12, i / 12 % 3, i / 36 % 3, i / 108))
            .collect();
        let mut index = Index::new(names.iter().map(|n| (n.as_str(), ())));
        for name in names.iter().step_by(25) {
            let typo = format!("{name}z");
            let near = index.nearest(&typo, |_| true).map(|(n, _)| n.name);
            assert_eq!(near, Some(name.as_str()));
        }
    }
}
