//! A layered (Sugiyama-style) top-down layout for GSN diagrams, written for
//! this job: no hints needed, linear-ish time, and no overlap by construction.
//!
//! 1. *Side nodes* (contexts, assumptions, justifications) are drawn beside
//!    the one element they belong to, in columns left and right of it; that
//!    element and its columns form one block.
//! 2. Cycles are broken by a depth-first search (its back edges are drawn but
//!    ignored for layering), then every node gets the longest-path layer.
//! 3. Edges spanning several layers get dummy nodes, one per layer crossed,
//!    so they run in lanes of their own.
//! 4. Barycentre sweeps down and up reorder each layer; the order with the
//!    fewest crossings (counted exactly, with a Fenwick tree) is kept.
//! 5. x coordinates: each layer is placed by isotonic regression (pool
//!    adjacent violators): as close as possible to the mean position of its
//!    neighbours, keeping the order and the minimum gaps. So parents centre
//!    over their children and children under their parents, and nothing overlaps.
//! 6. Edges leave a node's bottom, go straight down to the bottom of its
//!    layer's band, cross the gap between bands, and enter the next node from
//!    the top: every segment inside a band is vertical, in a lane of its own.

/// Horizontal gap between neighbouring blocks of a layer.
const NODE_GAP: f64 = 28.0;
/// Horizontal gap next to a dummy (an edge lane).
const LANE_GAP: f64 = 10.0;
/// Vertical gap between layer bands: where edges cross from one to the next.
const LAYER_GAP: f64 = 64.0;
/// Gap between an element and its side columns, and within a column.
const SIDE_GAP: f64 = 22.0;
const SIDE_STACK_GAP: f64 = 12.0;
pub(crate) const MARGIN: f64 = 20.0;
/// How many down-and-up barycentre rounds at most.
const SWEEP_ROUNDS: usize = 8;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub(crate) fn center_x(&self) -> f64 {
        self.x + self.width / 2.0
    }

    pub(crate) fn center_y(&self) -> f64 {
        self.y + self.height / 2.0
    }

    /// Whether the two rectangles share interior area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `p` lies on or inside the rectangle, within `tolerance`.
    pub fn contains(&self, p: Point, tolerance: f64) -> bool {
        p.x >= self.x - tolerance
            && p.x <= self.right() + tolerance
            && p.y >= self.y - tolerance
            && p.y <= self.bottom() + tolerance
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutNode {
    pub width: f64,
    pub height: f64,
    /// How far inside the box, at mid-height, the shape's side is (the slant
    /// of a parallelogram): where edges to side nodes attach.
    pub side_inset: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// `to` goes in a lower layer than `from`.
    Below,
    /// `to` goes beside `from`, in one of its side columns.
    Beside,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayoutEdge {
    pub from: usize,
    pub to: usize,
    pub placement: Placement,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteKind {
    /// Down through layers: vertical inside bands, crossing each gap once.
    Layered,
    /// Sideways from an element to one of its side nodes.
    Beside,
    /// A straight line (an edge that closes a cycle, or a second owner's link
    /// to a side node): only in cases that have errors anyway.
    Straight,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub kind: RouteKind,
    pub points: Vec<Point>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// One box per input node.
    pub boxes: Vec<Rect>,
    /// One route per input edge, in input order.
    pub routes: Vec<Route>,
    pub width: f64,
    pub height: f64,
    /// Edge crossings between adjacent layers in the chosen order.
    pub crossings: usize,
}

/// A node of the layered graph: a block (an element and its side columns)
/// or a dummy on a long edge.
#[derive(Clone, Debug)]
struct Slot {
    /// The input node, or `None` for a dummy.
    node: Option<usize>,
    layer: usize,
    left: f64,
    right: f64,
    up: Vec<usize>,
    down: Vec<usize>,
}

pub fn layout(nodes: &[LayoutNode], edges: &[LayoutEdge]) -> Layout {
    let n = nodes.len();
    let valid = |e: &LayoutEdge| e.from < n && e.to < n;

    // 1. Side nodes: targets of a Beside edge with no edge of their own
    // going out and no Below edge coming in. The first owner keeps them; a
    // second owner's link is drawn straight.
    let mut has_out = vec![false; n];
    let mut below_in = vec![false; n];
    for e in edges.iter().filter(|e| valid(e)) {
        has_out[e.from] = true;
        below_in[e.to] |= e.placement == Placement::Below;
    }
    let mut owner: Vec<Option<usize>> = vec![None; n];
    let mut owning_edge = vec![false; edges.len()];
    for (i, e) in edges.iter().enumerate() {
        let side = valid(e) && e.placement == Placement::Beside && e.from != e.to;
        if side && !has_out[e.to] && !below_in[e.to] && owner[e.to].is_none() {
            owner[e.to] = Some(e.from);
            owning_edge[i] = true;
        }
    }
    let mut sides: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        if owning_edge[i] {
            sides[e.from].push(e.to);
        }
    }
    let is_main: Vec<bool> = owner.iter().map(Option::is_none).collect();

    // The edges that take part in layering: between main nodes, not loops.
    let main_edge = |e: &LayoutEdge| valid(e) && e.from != e.to && is_main[e.from] && is_main[e.to];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        if main_edge(e) {
            out[e.from].push(i);
        }
    }

    // 2. Break cycles, then longest-path layers.
    let back = back_edges(n, edges, &out, &is_main);
    let mut indegree = vec![0usize; n];
    for (i, e) in edges.iter().enumerate() {
        if main_edge(e) && !back[i] {
            indegree[e.to] += 1;
        }
    }
    let mut layer = vec![0usize; n];
    let mut queue: Vec<usize> = (0..n).filter(|&v| is_main[v] && indegree[v] == 0).collect();
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head];
        head += 1;
        for &i in &out[v] {
            if back[i] {
                continue;
            }
            let w = edges[i].to;
            layer[w] = layer[w].max(layer[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                queue.push(w);
            }
        }
    }
    for v in 0..n {
        if let Some(o) = owner[v] {
            layer[v] = layer[o];
        }
    }

    // 3. Slots: one per main node, then dummies along long edges.
    let mut slot_of = vec![usize::MAX; n];
    let mut slots: Vec<Slot> = Vec::new();
    for v in (0..n).filter(|&v| is_main[v]) {
        let (left, right) = block_extents(nodes, v, &sides[v]);
        slot_of[v] = slots.len();
        slots.push(Slot {
            node: Some(v),
            layer: layer[v],
            left,
            right,
            up: Vec::new(),
            down: Vec::new(),
        });
    }
    // Per edge: the slots it passes through, top to bottom.
    let mut chains: Vec<Vec<usize>> = vec![Vec::new(); edges.len()];
    for (i, e) in edges.iter().enumerate() {
        if !main_edge(e) || back[i] {
            continue;
        }
        let mut chain = vec![slot_of[e.from]];
        for l in layer[e.from] + 1..layer[e.to] {
            chain.push(slots.len());
            slots.push(Slot {
                node: None,
                layer: l,
                left: 1.0,
                right: 1.0,
                up: Vec::new(),
                down: Vec::new(),
            });
        }
        chain.push(slot_of[e.to]);
        for pair in chain.windows(2) {
            slots[pair[0]].down.push(pair[1]);
            slots[pair[1]].up.push(pair[0]);
        }
        chains[i] = chain;
    }
    let layer_count = slots.iter().map(|s| s.layer + 1).max().unwrap_or(0);

    // 4. Order: depth-first discovery, then barycentre sweeps.
    let mut layers = initial_order(&slots, layer_count);
    let mut position = vec![0usize; slots.len()];
    set_positions(&layers, &mut position);
    let mut best = layers.clone();
    let mut best_crossings = count_crossings(&layers, &slots, &position);
    for _ in 0..SWEEP_ROUNDS {
        if best_crossings == 0 {
            break;
        }
        for layer in layers.iter_mut().skip(1) {
            reorder(layer, &slots, &mut position, |s| &s.up);
        }
        for layer in layers.iter_mut().rev().skip(1) {
            reorder(layer, &slots, &mut position, |s| &s.down);
        }
        let crossings = count_crossings(&layers, &slots, &position);
        if crossings < best_crossings {
            best_crossings = crossings;
            best = layers.clone();
        } else {
            break;
        }
    }
    layers = best;
    set_positions(&layers, &mut position);

    // 5. x coordinates of each slot's anchor (its element's centre).
    let mut x = vec![0.0f64; slots.len()];
    for layer in &layers {
        let mut cursor = 0.0;
        for (k, &s) in layer.iter().enumerate() {
            if k > 0 {
                cursor += gap(&slots[layer[k - 1]], &slots[s]);
            }
            x[s] = cursor;
        }
    }
    for _ in 0..3 {
        for layer in layers.iter().skip(1) {
            place_layer(layer, &slots, &mut x, |s| &s.up);
        }
        for layer in layers.iter().rev().skip(1) {
            place_layer(layer, &slots, &mut x, |s| &s.down);
        }
    }
    let min_x = slots
        .iter()
        .enumerate()
        .map(|(s, slot)| x[s] - slot.left)
        .fold(f64::INFINITY, f64::min);
    let shift = if min_x.is_finite() {
        MARGIN - min_x
    } else {
        0.0
    };
    for value in &mut x {
        *value += shift;
    }

    // 6. y: bands as tall as their tallest block; elements centred in them.
    let mut band_height = vec![0.0f64; layer_count];
    for slot in &slots {
        if let Some(v) = slot.node {
            band_height[slot.layer] =
                band_height[slot.layer].max(block_height(nodes, v, &sides[v]));
        }
    }
    let mut band_top = vec![MARGIN; layer_count];
    for l in 1..layer_count {
        band_top[l] = band_top[l - 1] + band_height[l - 1] + LAYER_GAP;
    }
    let mut boxes = vec![Rect::default(); n];
    for (s, slot) in slots.iter().enumerate() {
        let Some(v) = slot.node else { continue };
        let node = nodes[v];
        let center_y = band_top[slot.layer] + band_height[slot.layer] / 2.0;
        boxes[v] = Rect {
            x: x[s] - node.width / 2.0,
            y: center_y - node.height / 2.0,
            width: node.width,
            height: node.height,
        };
        place_sides(nodes, &sides[v], &mut boxes, v);
    }

    let routes = edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            if !valid(e) {
                return Route {
                    kind: RouteKind::Straight,
                    points: Vec::new(),
                };
            }
            if owning_edge[i] {
                return beside_route(nodes, &boxes, e.from, e.to);
            }
            if chains[i].is_empty() {
                let (a, b) = (boxes[e.from], boxes[e.to]);
                let points = vec![
                    Point {
                        x: a.center_x(),
                        y: a.bottom(),
                    },
                    Point {
                        x: b.center_x(),
                        y: b.y,
                    },
                ];
                return Route {
                    kind: RouteKind::Straight,
                    points,
                };
            }
            let mut points = Vec::with_capacity(chains[i].len() * 2);
            let (from, to) = (boxes[e.from], boxes[e.to]);
            points.push(Point {
                x: from.center_x(),
                y: from.bottom(),
            });
            for &s in &chains[i] {
                let l = slots[s].layer;
                let (top, bottom) = (band_top[l], band_top[l] + band_height[l]);
                match slots[s].node {
                    Some(v) if v == e.from => points.push(Point { x: x[s], y: bottom }),
                    Some(_) => points.push(Point { x: x[s], y: top }),
                    None => {
                        points.push(Point { x: x[s], y: top });
                        points.push(Point { x: x[s], y: bottom });
                    }
                }
            }
            points.push(Point {
                x: to.center_x(),
                y: to.y,
            });
            points.dedup();
            Route {
                kind: RouteKind::Layered,
                points,
            }
        })
        .collect();

    let width = boxes.iter().map(Rect::right).fold(0.0, f64::max) + MARGIN;
    let height = boxes.iter().map(Rect::bottom).fold(0.0, f64::max) + MARGIN;
    Layout {
        boxes,
        routes,
        width: width.max(2.0 * MARGIN),
        height: height.max(2.0 * MARGIN),
        crossings: best_crossings,
    }
}

/// Edges that close a cycle, found by an iterative depth-first search that
/// starts from the sources (then from whatever is left, for pure cycles).
fn back_edges(n: usize, edges: &[LayoutEdge], out: &[Vec<usize>], is_main: &[bool]) -> Vec<bool> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut has_in = vec![false; n];
    for list in out {
        for &i in list {
            has_in[edges[i].to] = true;
        }
    }
    let mut back = vec![false; edges.len()];
    let mut state = vec![NEW; n];
    let starts = (0..n).filter(|&v| !has_in[v]).chain(0..n);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for start in starts {
        if !is_main[start] || state[start] != NEW {
            continue;
        }
        state[start] = OPEN;
        stack.push((start, 0));
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            if let Some(&i) = out[v].get(next) {
                top.1 += 1;
                let w = edges[i].to;
                match state[w] {
                    NEW => {
                        state[w] = OPEN;
                        stack.push((w, 0));
                    }
                    OPEN => back[i] = true,
                    _ => {}
                }
            } else {
                state[v] = DONE;
                stack.pop();
            }
        }
    }
    back
}

/// The side nodes of `owner` alternate right, left, right…: columns.
fn columns(sides: &[usize]) -> (impl Iterator<Item = &usize>, impl Iterator<Item = &usize>) {
    (sides.iter().step_by(2), sides.iter().skip(1).step_by(2))
}

fn column_size(nodes: &[LayoutNode], column: impl Iterator<Item = usize>) -> (f64, f64) {
    let (mut width, mut height, mut count) = (0.0f64, 0.0, 0usize);
    for v in column {
        width = width.max(nodes[v].width);
        height += nodes[v].height;
        count += 1;
    }
    (
        width,
        height + SIDE_STACK_GAP * count.saturating_sub(1) as f64,
    )
}

/// How far a block reaches left and right of its element's centre.
fn block_extents(nodes: &[LayoutNode], v: usize, sides: &[usize]) -> (f64, f64) {
    let (right, left) = columns(sides);
    let (right_width, _) = column_size(nodes, right.copied());
    let (left_width, _) = column_size(nodes, left.copied());
    let reach = |w: f64| if w > 0.0 { SIDE_GAP + w } else { 0.0 };
    let half = nodes[v].width / 2.0;
    (half + reach(left_width), half + reach(right_width))
}

fn block_height(nodes: &[LayoutNode], v: usize, sides: &[usize]) -> f64 {
    let (right, left) = columns(sides);
    let (_, right_height) = column_size(nodes, right.copied());
    let (_, left_height) = column_size(nodes, left.copied());
    nodes[v].height.max(right_height).max(left_height)
}

fn place_sides(nodes: &[LayoutNode], sides: &[usize], boxes: &mut [Rect], owner: usize) {
    let element = boxes[owner];
    let (right, left) = columns(sides);
    for (column, on_right) in [
        (right.copied().collect::<Vec<_>>(), true),
        (left.copied().collect(), false),
    ] {
        let (_, height) = column_size(nodes, column.iter().copied());
        let mut y = element.center_y() - height / 2.0;
        for v in column {
            let node = nodes[v];
            let x = if on_right {
                element.right() + SIDE_GAP
            } else {
                element.x - SIDE_GAP - node.width
            };
            boxes[v] = Rect {
                x,
                y,
                width: node.width,
                height: node.height,
            };
            y += node.height + SIDE_STACK_GAP;
        }
    }
}

fn beside_route(nodes: &[LayoutNode], boxes: &[Rect], owner: usize, side: usize) -> Route {
    let (a, b) = (boxes[owner], boxes[side]);
    let (start, end) = if b.x >= a.right() {
        (
            a.right() - nodes[owner].side_inset,
            b.x + nodes[side].side_inset,
        )
    } else {
        (
            a.x + nodes[owner].side_inset,
            b.right() - nodes[side].side_inset,
        )
    };
    Route {
        kind: RouteKind::Beside,
        points: vec![
            Point {
                x: start,
                y: a.center_y(),
            },
            Point {
                x: end,
                y: b.center_y(),
            },
        ],
    }
}

/// Minimum distance between the anchors of two neighbours in a layer.
fn gap(a: &Slot, b: &Slot) -> f64 {
    let spacing = if a.node.is_none() || b.node.is_none() {
        LANE_GAP
    } else {
        NODE_GAP
    };
    a.right + spacing + b.left
}

/// Layers ordered by first discovery in a depth-first walk from the top
/// layer: a tree comes out with no crossing before any sweep.
fn initial_order(slots: &[Slot], layer_count: usize) -> Vec<Vec<usize>> {
    let mut seen = vec![false; slots.len()];
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    let mut stack = Vec::new();
    let starts = (0..slots.len())
        .filter(|&s| slots[s].up.is_empty())
        .chain(0..slots.len());
    for start in starts {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        while let Some(s) = stack.pop() {
            layers[slots[s].layer].push(s);
            for &d in slots[s].down.iter().rev() {
                if !seen[d] {
                    seen[d] = true;
                    stack.push(d);
                }
            }
        }
    }
    layers
}

fn set_positions(layers: &[Vec<usize>], position: &mut [usize]) {
    for layer in layers {
        for (k, &s) in layer.iter().enumerate() {
            position[s] = k;
        }
    }
}

/// Sort a layer by the mean position of each slot's neighbours on one side;
/// a slot with none keeps its place.
fn reorder(
    layer: &mut [usize],
    slots: &[Slot],
    position: &mut [usize],
    side: impl Fn(&Slot) -> &Vec<usize>,
) {
    let mut keyed: Vec<(f64, usize, usize)> = layer
        .iter()
        .map(|&s| {
            let neighbours = side(&slots[s]);
            let key = if neighbours.is_empty() {
                position[s] as f64
            } else {
                neighbours.iter().map(|&t| position[t] as f64).sum::<f64>()
                    / neighbours.len() as f64
            };
            (key, position[s], s)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (k, (_, _, s)) in keyed.into_iter().enumerate() {
        layer[k] = s;
        position[s] = k;
    }
}

/// Crossings between every pair of adjacent layers: for the edges sorted by
/// upper then lower position, the inversions among lower positions.
fn count_crossings(layers: &[Vec<usize>], slots: &[Slot], position: &[usize]) -> usize {
    let mut total = 0;
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (l, layer) in layers.iter().enumerate() {
        let Some(next) = layers.get(l + 1) else { break };
        pairs.clear();
        for &s in layer {
            pairs.extend(slots[s].down.iter().map(|&d| (position[s], position[d])));
        }
        pairs.sort_unstable();
        let mut tree = vec![0usize; next.len() + 1];
        for (seen, &(_, lower)) in pairs.iter().enumerate() {
            // Edges seen so far that end strictly right of `lower` cross this one.
            let mut not_greater = 0;
            let mut i = lower + 1;
            while i > 0 {
                not_greater += tree[i];
                i &= i - 1;
            }
            total += seen - not_greater;
            let mut i = lower + 1;
            while i < tree.len() {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// Place one layer's anchors as near as possible to the mean x of their
/// neighbours on one side (least squares), keeping order and gaps: pool
/// adjacent violators on x minus the cumulative minimum gaps.
fn place_layer(
    layer: &[usize],
    slots: &[Slot],
    x: &mut [f64],
    side: impl Fn(&Slot) -> &Vec<usize>,
) {
    let mut offsets = Vec::with_capacity(layer.len());
    let mut offset = 0.0;
    for (k, &s) in layer.iter().enumerate() {
        if k > 0 {
            offset += gap(&slots[layer[k - 1]], &slots[s]);
        }
        offsets.push(offset);
    }
    // Blocks of pooled targets: (sum of targets, count).
    let mut pools: Vec<(f64, usize)> = Vec::with_capacity(layer.len());
    for (k, &s) in layer.iter().enumerate() {
        let neighbours = side(&slots[s]);
        let desired = if neighbours.is_empty() {
            x[s]
        } else {
            neighbours.iter().map(|&t| x[t]).sum::<f64>() / neighbours.len() as f64
        };
        pools.push((desired - offsets[k], 1));
        while pools.len() > 1 {
            let (sum_b, count_b) = pools[pools.len() - 1];
            let (sum_a, count_a) = pools[pools.len() - 2];
            if sum_a / count_a as f64 <= sum_b / count_b as f64 {
                break;
            }
            pools.pop();
            let last = pools.len() - 1;
            pools[last] = (sum_a + sum_b, count_a + count_b);
        }
    }
    let mut k = 0;
    for (sum, count) in pools {
        let value = sum / count as f64;
        for _ in 0..count {
            x[layer[k]] = value + offsets[k];
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(count: usize) -> Vec<LayoutNode> {
        (0..count)
            .map(|i| LayoutNode {
                width: 60.0 + (i % 3) as f64 * 20.0,
                height: 30.0 + (i % 2) as f64 * 10.0,
                side_inset: 0.0,
            })
            .collect()
    }

    fn below(from: usize, to: usize) -> LayoutEdge {
        LayoutEdge {
            from,
            to,
            placement: Placement::Below,
        }
    }

    fn beside(from: usize, to: usize) -> LayoutEdge {
        LayoutEdge {
            from,
            to,
            placement: Placement::Beside,
        }
    }

    fn assert_no_overlap(layout: &Layout) {
        for (i, a) in layout.boxes.iter().enumerate() {
            for (j, b) in layout.boxes.iter().enumerate().skip(i + 1) {
                assert!(!a.overlaps(b), "boxes {i} {a:?} and {j} {b:?} overlap");
            }
        }
    }

    #[test]
    fn a_tree_has_no_crossings_and_parents_centre_over_children() {
        let edges = [
            below(0, 1),
            below(0, 2),
            below(0, 3),
            below(1, 4),
            below(1, 5),
            below(3, 6),
        ];
        let layout = layout(&boxes(7), &edges);
        assert_eq!(layout.crossings, 0);
        assert_no_overlap(&layout);
        let b = &layout.boxes;
        assert!(b[1].y > b[0].bottom() && b[4].y > b[1].bottom());
        let children = (b[1].center_x() + b[2].center_x() + b[3].center_x()) / 3.0;
        assert!(
            (b[0].center_x() - children).abs() < 1.0,
            "{} vs {children}",
            b[0].center_x()
        );
        assert!(b[1].center_x() < b[2].center_x() && b[2].center_x() < b[3].center_x());
    }

    #[test]
    fn shared_children_are_ordered_without_needless_crossings() {
        // Two parents, listed crosswise, sharing one child each side.
        let edges = [
            below(0, 1),
            below(0, 2),
            below(1, 5),
            below(2, 4),
            below(1, 3),
            below(2, 3),
        ];
        let layout = layout(&boxes(6), &edges);
        assert_eq!(layout.crossings, 0);
        assert_no_overlap(&layout);
    }

    #[test]
    fn long_edges_get_lanes_and_end_on_their_nodes() {
        let edges = [below(0, 1), below(1, 2), below(2, 3), below(0, 3)];
        let layout = layout(&boxes(4), &edges);
        assert_no_overlap(&layout);
        for (e, route) in edges.iter().zip(&layout.routes) {
            assert_eq!(route.kind, RouteKind::Layered);
            let (first, last) = (route.points[0], route.points[route.points.len() - 1]);
            assert!(layout.boxes[e.from].contains(first, 0.01));
            assert!(layout.boxes[e.to].contains(last, 0.01));
        }
        assert!(
            layout.routes[3].points.len() > 4,
            "the long edge passes two dummies"
        );
    }

    #[test]
    fn side_nodes_sit_beside_their_owner_in_its_band() {
        let edges = [
            beside(0, 1),
            beside(0, 2),
            beside(0, 3),
            below(0, 4),
            beside(4, 5),
        ];
        let layout = layout(&boxes(6), &edges);
        assert_no_overlap(&layout);
        let b = &layout.boxes;
        assert!(b[1].x > b[0].right() && b[3].x > b[0].right());
        assert!(b[2].right() < b[0].x);
        assert!(b[4].y > b[1].bottom().max(b[3].bottom()));
        assert_eq!(layout.routes[0].kind, RouteKind::Beside);
        assert!(b[5].x > b[4].right() && (b[5].center_y() - b[4].center_y()).abs() < 0.01);
    }

    #[test]
    fn cycles_and_bad_edges_do_not_hang_or_panic() {
        let edges = [
            below(0, 1),
            below(1, 2),
            below(2, 0),
            below(3, 3),
            below(7, 1),
            beside(3, 2),
            beside(1, 4),
            beside(2, 4),
        ];
        let layout = layout(&boxes(5), &edges);
        assert_no_overlap(&layout);
        assert_eq!(layout.routes.len(), edges.len());
        let empty = super::layout(&[], &[]);
        assert!(empty.boxes.is_empty() && empty.width > 0.0);
    }

    #[test]
    fn wide_fan_out_stays_linear_and_clean() {
        let count = 3000;
        let edges: Vec<LayoutEdge> = (1..count).map(|i| below(0, i)).collect();
        let layout = layout(&boxes(count), &edges);
        assert_eq!(layout.crossings, 0);
        let mut xs: Vec<f64> = layout.boxes[1..].iter().map(|b| b.x).collect();
        xs.sort_by(f64::total_cmp);
        assert!(
            xs.windows(2).all(|w| w[1] - w[0] >= 60.0),
            "children do not overlap"
        );
    }

    #[test]
    fn crossing_count_is_exact() {
        // Upper a b, lower c d; a→d and b→c cross once.
        let slot = |layer| Slot {
            node: None,
            layer,
            left: 1.0,
            right: 1.0,
            up: Vec::new(),
            down: Vec::new(),
        };
        let mut slots = vec![slot(0), slot(0), slot(1), slot(1)];
        slots[0].down.push(3);
        slots[1].down.push(2);
        let layers = vec![vec![0, 1], vec![2, 3]];
        let mut position = vec![0; 4];
        set_positions(&layers, &mut position);
        assert_eq!(count_crossings(&layers, &slots, &position), 1);
    }
}
