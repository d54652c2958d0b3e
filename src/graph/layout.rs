//! Where each node goes, for the drawings doccheck makes itself (SVG and
//! the HTML page): one column per group in the order of the flow, nodes
//! ordered within their column to shorten the arrows (barycentres, a few
//! sweeps), and a tall column wrapped into several so that the drawing
//! keeps a screen's proportions. Linear in nodes plus arrows per sweep.

use super::picture::{Arrow, Picture};

pub const NODE_W: f32 = 184.0;
pub const NODE_H: f32 = 42.0;
const ROW_GAP: f32 = 14.0;
const COL_GAP: f32 = 26.0;
const GROUP_GAP: f32 = 120.0;
const STACK_GAP: f32 = 36.0;
pub const PAD: f32 = 16.0;
pub const HEADER: f32 = 30.0;
const SWEEPS: usize = 6;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

#[derive(Debug, Clone)]
pub struct Layout {
    /// Each node's top-left corner.
    pub at: Vec<(f32, f32)>,
    pub groups: Vec<Rect>,
    pub width: f32,
    pub height: f32,
}

/// Lays out `picture` with the arrows it draws.
pub fn layout(picture: &Picture<'_>, arrows: &[Arrow<'_>]) -> Layout {
    let n = picture.nodes.len();
    let mut neighbours: Vec<Vec<u32>> = vec![Vec::new(); n];
    for a in arrows {
        let (from, to) = a.flow();
        if picture.nodes[from].group != picture.nodes[to].group {
            neighbours[from].push(to as u32);
            neighbours[to].push(from as u32);
        }
    }
    // Each node's place in its column, from 0 (top) to 1 (bottom).
    let mut order: Vec<Vec<usize>> = picture.groups.iter().map(|g| g.nodes.clone()).collect();
    let mut pos = vec![0.0f64; n];
    let place = |order: &[usize], pos: &mut [f64]| {
        let len = order.len() as f64;
        for (i, &node) in order.iter().enumerate() {
            pos[node] = (i as f64 + 0.5) / len;
        }
    };
    for members in &order {
        place(members, &mut pos);
    }
    for sweep in 0..SWEEPS {
        let groups: Vec<usize> = if sweep % 2 == 0 {
            (0..order.len()).collect()
        } else {
            (0..order.len()).rev().collect()
        };
        for g in groups {
            let mut keyed: Vec<(f64, usize)> = order[g]
                .iter()
                .map(|&node| {
                    let near = &neighbours[node];
                    let bary = if near.is_empty() {
                        pos[node]
                    } else {
                        near.iter().map(|&m| pos[m as usize]).sum::<f64>() / near.len() as f64
                    };
                    (bary, node)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            order[g] = keyed.into_iter().map(|(_, node)| node).collect();
            place(&order[g], &mut pos);
        }
    }

    let mut column = columns(picture, arrows);
    let groups_n = picture.groups.len();

    // Rows per column: the number that gives the drawing a screen's
    // proportions (16:10), at least a few.
    let rows_max = fitting_rows(picture, &order, &column);
    let mut at = vec![(0.0, 0.0); n];
    let mut groups = vec![Rect::default(); groups_n];
    let mut shape = vec![(0usize, 0usize); groups_n];
    for (g, members) in order.iter().enumerate() {
        let (cols, rows) = group_shape(members.len(), rows_max);
        shape[g] = (cols, rows);
        groups[g].w = group_width(cols);
        groups[g].h = group_height(rows);
    }
    let columns = column.iter().max().map_or(0, |c| c + 1);
    // Groups connected to nothing go where there is most room.
    for g in 0..groups_n {
        if picture.groups[g].name == "unconnected" {
            let mut height = vec![0.0f32; columns];
            for (other, &c) in column.iter().enumerate() {
                if other != g {
                    height[c] += groups[other].h + STACK_GAP;
                }
            }
            column[g] = (0..columns)
                .rev()
                .min_by(|&a, &b| height[a].total_cmp(&height[b]))
                .unwrap_or(0);
        }
    }
    let mut x = 0.0f32;
    let mut heights = vec![0.0f32; columns];
    for (c, column_height) in heights.iter_mut().enumerate() {
        let mut y = 0.0f32;
        let mut width = 0.0f32;
        for g in (0..groups_n).filter(|&g| column[g] == c) {
            groups[g].x = x;
            groups[g].y = y;
            y += groups[g].h + STACK_GAP;
            width = width.max(groups[g].w);
        }
        *column_height = (y - STACK_GAP).max(0.0);
        x += width + GROUP_GAP;
    }
    let height = heights.iter().copied().fold(0.0f32, f32::max);
    // Columns centred on the tallest.
    for g in 0..groups_n {
        groups[g].y += ((height - heights[column[g]]) / 2.0).floor();
        let (_, rows) = shape[g];
        for (i, &node) in order[g].iter().enumerate() {
            let (col, row) = (i / rows, i % rows);
            at[node] = (
                groups[g].x + PAD + col as f32 * (NODE_W + COL_GAP),
                groups[g].y + HEADER + PAD + row as f32 * (NODE_H + ROW_GAP),
            );
        }
    }
    Layout {
        at,
        groups,
        width: (x - GROUP_GAP).max(0.0),
        height,
    }
}

/// (columns, rows) of a group of `count` nodes, at most `rows_max` tall.
fn group_shape(count: usize, rows_max: usize) -> (usize, usize) {
    let count = count.max(1);
    let cols = count.div_ceil(rows_max);
    (cols, count.div_ceil(cols))
}

fn group_width(cols: usize) -> f32 {
    cols as f32 * (NODE_W + COL_GAP) - COL_GAP + 2.0 * PAD
}

fn group_height(rows: usize) -> f32 {
    HEADER + rows as f32 * (NODE_H + ROW_GAP) - ROW_GAP + 2.0 * PAD
}

/// The most rows a column may have for the drawing to come closest to
/// 16:10, among a few candidates: the size of each is a sum over groups.
fn fitting_rows(picture: &Picture<'_>, order: &[Vec<usize>], column: &[usize]) -> usize {
    let columns = column.iter().max().map_or(1, |c| c + 1);
    let largest = order.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut best = (f32::INFINITY, largest);
    let mut rows = 8usize;
    loop {
        let rows_max = rows.min(largest);
        let mut width = vec![0.0f32; columns];
        let mut height = vec![0.0f32; columns];
        for (g, members) in order.iter().enumerate() {
            if picture.groups[g].name == "unconnected" {
                continue;
            }
            let (cols, r) = group_shape(members.len(), rows_max);
            width[column[g]] = width[column[g]].max(group_width(cols));
            height[column[g]] += group_height(r) + STACK_GAP;
        }
        let w: f32 = width.iter().map(|w| w + GROUP_GAP).sum();
        let h = height.iter().copied().fold(1.0f32, f32::max);
        let off = ((w / h) / 1.6).ln().abs();
        if off < best.0 {
            best = (off, rows_max);
        }
        if rows_max == largest {
            return best.1;
        }
        rows = rows * 5 / 4 + 1;
    }
}

/// Each group's column: right of every group that flows into it (arrows
/// against the groups' order are ignored), so that independent chains
/// (research → plan → code, decision → session) stack.
pub fn columns(picture: &Picture<'_>, arrows: &[Arrow<'_>]) -> Vec<usize> {
    let groups = picture.groups.len();
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); groups];
    let mut onto: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for a in arrows {
        let (from, to) = a.flow();
        let (gf, gt) = (picture.nodes[from].group, picture.nodes[to].group);
        if gf < gt {
            into[gt].push(gf);
            onto[gf].push(gt);
        }
    }
    let mut column = vec![0usize; groups];
    for g in 0..groups {
        column[g] = into[g].iter().map(|&f| column[f] + 1).max().unwrap_or(0);
    }
    // A group nothing flows into stands just before what it informs
    // (experiments before the code they explain), not at the far left.
    for g in (0..groups).rev() {
        if into[g].is_empty()
            && let Some(first) = onto[g].iter().map(|&t| column[t]).min()
        {
            column[g] = first.saturating_sub(1);
        }
    }
    column
}

/// The path of an arrow between two laid-out nodes: a cubic Bézier from
/// the side facing the target, or a loop on the right within a column.
/// Returns the four points (start, two controls, end).
pub fn curve(layout: &Layout, from: usize, to: usize) -> [(f32, f32); 4] {
    let (x1, y1) = layout.at[from];
    let (x2, y2) = layout.at[to];
    let (my1, my2) = (y1 + NODE_H / 2.0, y2 + NODE_H / 2.0);
    if x2 > x1 + NODE_W {
        let (sx, ex) = (x1 + NODE_W, x2);
        let dx = ((ex - sx) / 2.0).max(30.0);
        [(sx, my1), (sx + dx, my1), (ex - dx, my2), (ex, my2)]
    } else if x2 + NODE_W < x1 {
        let (sx, ex) = (x1, x2 + NODE_W);
        let dx = ((sx - ex) / 2.0).max(30.0);
        [(sx, my1), (sx - dx, my1), (ex + dx, my2), (ex, my2)]
    } else {
        let (sx, ex) = (x1 + NODE_W, x2 + NODE_W);
        let bulge = 24.0 + (my2 - my1).abs() * 0.15;
        [(sx, my1), (sx + bulge, my1), (ex + bulge, my2), (ex, my2)]
    }
}
