//! A Thompson NFA as plain data, and back. Compiled rule packs store their automata this way, so
//! loading a pack rebuilds the NFA state by state (regex-automata's NFA builder) instead of
//! parsing and compiling patterns. State ids are kept: the rebuilt NFA is the same NFA.

use std::sync::Arc;

use regex_automata::PatternID;
use regex_automata::nfa::thompson::{Builder, NFA, State, Transition};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::StateID;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct NfaCode {
    utf8: bool,
    start_anchored: u32,
    start_unanchored: u32,
    /// Start state of each pattern.
    pattern_starts: Vec<u32>,
    states: Vec<StateCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum StateCode {
    Range(u8, u8, u32),
    Sparse(Vec<(u8, u8, u32)>),
    Look(u32, u32),
    Union(Vec<u32>),
    CaptureStart {
        pattern: u32,
        group: u32,
        name: Option<String>,
        next: u32,
    },
    CaptureEnd {
        pattern: u32,
        group: u32,
        next: u32,
    },
    Fail,
    Match(u32),
}

fn id(sid: StateID) -> u32 {
    sid.as_u32()
}

impl NfaCode {
    pub fn encode(nfa: &NFA) -> Result<NfaCode, String> {
        if nfa.is_reverse() {
            return Err("reverse NFAs are not stored".into());
        }
        let info = nfa.group_info();
        let mut states = Vec::with_capacity(nfa.states().len());
        for state in nfa.states() {
            states.push(match state {
                State::ByteRange { trans } => {
                    StateCode::Range(trans.start, trans.end, id(trans.next))
                }
                State::Sparse(sparse) => StateCode::Sparse(
                    sparse
                        .transitions
                        .iter()
                        .map(|t| (t.start, t.end, id(t.next)))
                        .collect(),
                ),
                State::Dense(_) => return Err("dense NFA states are not stored".into()),
                State::Look { look, next } => StateCode::Look(look.as_repr(), id(*next)),
                State::Union { alternates } => {
                    StateCode::Union(alternates.iter().map(|&s| id(s)).collect())
                }
                State::BinaryUnion { alt1, alt2 } => StateCode::Union(vec![id(*alt1), id(*alt2)]),
                State::Capture {
                    next,
                    pattern_id,
                    group_index,
                    slot,
                } => {
                    let group = group_index.as_usize();
                    let (start_slot, _) = info
                        .slots(*pattern_id, group)
                        .ok_or("capture without slots")?;
                    let pattern = pattern_id.as_u32();
                    if slot.as_usize() == start_slot {
                        StateCode::CaptureStart {
                            pattern,
                            group: group as u32,
                            name: info.to_name(*pattern_id, group).map(str::to_string),
                            next: id(*next),
                        }
                    } else {
                        StateCode::CaptureEnd {
                            pattern,
                            group: group as u32,
                            next: id(*next),
                        }
                    }
                }
                State::Fail => StateCode::Fail,
                State::Match { pattern_id } => StateCode::Match(pattern_id.as_u32()),
            });
        }
        Ok(NfaCode {
            utf8: nfa.is_utf8(),
            start_anchored: id(nfa.start_anchored()),
            start_unanchored: id(nfa.start_unanchored()),
            pattern_starts: nfa
                .patterns()
                .map(|p| id(nfa.start_pattern(p).unwrap()))
                .collect(),
            states,
        })
    }

    /// Rebuild the NFA. Each state is added in its original order, so it keeps its id.
    pub fn decode(&self) -> Result<NFA, String> {
        let sid = |n: u32| {
            StateID::new(n as usize)
                .ok()
                .filter(|s| s.as_usize() < self.states.len())
                .ok_or_else(|| format!("state {n} out of range"))
        };
        let patterns = self.pattern_starts.len() as u32;
        self.validate(patterns)?;
        let mut b = Builder::new();
        b.set_utf8(self.utf8);
        // Capture and match states belong to the pattern being built: patterns are started
        // and finished in order as their states appear.
        let mut current: Option<u32> = None;
        let enter = |b: &mut Builder, pattern: u32, current: &mut Option<u32>| {
            if *current == Some(pattern) {
                return Ok(());
            }
            if let Some(done) = *current {
                let start = self
                    .pattern_starts
                    .get(done as usize)
                    .ok_or("bad pattern")?;
                b.finish_pattern(sid(*start)?).map_err(|e| e.to_string())?;
            }
            let next = b.start_pattern().map_err(|e| e.to_string())?;
            if next.as_u32() != pattern {
                return Err(format!("pattern {pattern}'s states are out of order"));
            }
            *current = Some(pattern);
            Ok::<(), String>(())
        };
        for (i, state) in self.states.iter().enumerate() {
            let added = match state {
                StateCode::Range(start, end, next) => b.add_range(Transition {
                    start: *start,
                    end: *end,
                    next: sid(*next)?,
                }),
                StateCode::Sparse(ts) => b.add_sparse(
                    ts.iter()
                        .map(|&(start, end, next)| {
                            Ok(Transition {
                                start,
                                end,
                                next: sid(next)?,
                            })
                        })
                        .collect::<Result<_, String>>()?,
                ),
                StateCode::Look(look, next) => {
                    let look = Look::from_repr(*look).ok_or("unknown look-around")?;
                    b.add_look(sid(*next)?, look)
                }
                StateCode::Union(alts) => {
                    b.add_union(alts.iter().map(|&a| sid(a)).collect::<Result<_, _>>()?)
                }
                StateCode::CaptureStart {
                    pattern,
                    group,
                    name,
                    next,
                } => {
                    enter(&mut b, *pattern, &mut current)?;
                    b.add_capture_start(sid(*next)?, *group, name.as_deref().map(Arc::from))
                }
                StateCode::CaptureEnd {
                    pattern,
                    group,
                    next,
                } => {
                    enter(&mut b, *pattern, &mut current)?;
                    b.add_capture_end(sid(*next)?, *group)
                }
                StateCode::Fail => b.add_fail(),
                StateCode::Match(pattern) => {
                    enter(&mut b, *pattern, &mut current)?;
                    b.add_match()
                }
            }
            .map_err(|e| e.to_string())?;
            if added.as_usize() != i {
                return Err(format!("state {i} rebuilt as {}", added.as_usize()));
            }
        }
        if let Some(done) = current {
            let start = self
                .pattern_starts
                .get(done as usize)
                .ok_or("bad pattern")?;
            b.finish_pattern(sid(*start)?).map_err(|e| e.to_string())?;
        }
        if b.pattern_len() != self.pattern_starts.len() {
            return Err("pattern count differs".into());
        }
        b.build(sid(self.start_anchored)?, sid(self.start_unanchored)?)
            .map_err(|e| e.to_string())
    }
}

impl NfaCode {
    /// What the NFA builder and the searches assume but do not check (a damaged pack must be
    /// refused, not crash the engine).
    fn validate(&self, patterns: u32) -> Result<(), String> {
        let range = |start: u8, end: u8| {
            if start <= end {
                Ok(())
            } else {
                Err("broken rule pack: empty byte range".to_string())
            }
        };
        // Groups opened so far, per pattern: a group must open before it closes.
        let mut groups = vec![0u32; patterns as usize];
        for state in &self.states {
            match state {
                StateCode::Range(start, end, _) => range(*start, *end)?,
                StateCode::Sparse(ts) => {
                    for (i, &(start, end, _)) in ts.iter().enumerate() {
                        range(start, end)?;
                        if i > 0 && ts[i - 1].1 >= start {
                            return Err("broken rule pack: unordered byte ranges".into());
                        }
                    }
                }
                StateCode::CaptureStart { pattern, group, .. } => {
                    let open = groups
                        .get_mut(*pattern as usize)
                        .ok_or("broken rule pack: capture of an unknown pattern")?;
                    if *group > *open {
                        return Err("broken rule pack: capture groups out of order".into());
                    }
                    *open = (*open).max(group + 1);
                }
                StateCode::CaptureEnd { pattern, group, .. }
                    if groups
                        .get(*pattern as usize)
                        .is_none_or(|open| group >= open) =>
                {
                    return Err("broken rule pack: capture group closed before it opened".into());
                }
                StateCode::Match(pattern) if *pattern >= patterns => {
                    return Err("broken rule pack: match of an unknown pattern".into());
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Pattern `pid` of `nfa` alone, as a one-pattern NFA (anchored only). Finding the captures of
/// a known match in this small NFA is much cheaper than in the combined one, whose capture
/// slots span every pattern.
pub(crate) fn single_pattern(nfa: &NFA, pid: PatternID) -> Result<NFA, String> {
    let start = nfa.start_pattern(pid).ok_or("no such pattern")?;
    let mut reachable = vec![false; nfa.states().len()];
    let mut stack = vec![start];
    while let Some(s) = stack.pop() {
        if std::mem::replace(&mut reachable[s.as_usize()], true) {
            continue;
        }
        match nfa.state(s) {
            State::ByteRange { trans } => stack.push(trans.next),
            State::Sparse(sparse) => stack.extend(sparse.transitions.iter().map(|t| t.next)),
            State::Dense(dense) => stack.extend(dense.transitions.iter().copied()),
            State::Look { next, .. } | State::Capture { next, .. } => stack.push(*next),
            State::Union { alternates } => stack.extend(alternates.iter().copied()),
            State::BinaryUnion { alt1, alt2 } => stack.extend([*alt1, *alt2]),
            State::Fail | State::Match { .. } => {}
        }
    }
    // Keep the original order: capture groups then appear in index order, as the builder wants.
    let kept: Vec<StateID> = (0..reachable.len())
        .filter(|&i| reachable[i])
        .map(|i| StateID::new(i).expect("a state id"))
        .collect();
    let mut new_id = vec![StateID::ZERO; nfa.states().len()];
    for (i, &s) in kept.iter().enumerate() {
        new_id[s.as_usize()] = StateID::new(i).map_err(|e| e.to_string())?;
    }
    let map = |s: StateID| new_id[s.as_usize()];
    let info = nfa.group_info();
    let mut b = Builder::new();
    b.set_utf8(nfa.is_utf8());
    b.start_pattern().map_err(|e| e.to_string())?;
    for &s in &kept {
        let added = match nfa.state(s) {
            State::ByteRange { trans } => b.add_range(Transition {
                next: map(trans.next),
                ..*trans
            }),
            State::Sparse(sparse) => b.add_sparse(
                sparse
                    .transitions
                    .iter()
                    .map(|t| Transition {
                        next: map(t.next),
                        ..*t
                    })
                    .collect(),
            ),
            State::Dense(_) => return Err("dense NFA states are not supported".into()),
            State::Look { look, next } => b.add_look(map(*next), *look),
            State::Union { alternates } => {
                b.add_union(alternates.iter().map(|&a| map(a)).collect())
            }
            State::BinaryUnion { alt1, alt2 } => b.add_union(vec![map(*alt1), map(*alt2)]),
            State::Capture {
                next,
                group_index,
                slot,
                ..
            } => {
                let group = group_index.as_usize();
                let (start_slot, _) = info.slots(pid, group).ok_or("capture without slots")?;
                if slot.as_usize() == start_slot {
                    let name = info.to_name(pid, group).map(Arc::from);
                    b.add_capture_start(map(*next), group as u32, name)
                } else {
                    b.add_capture_end(map(*next), group as u32)
                }
            }
            State::Fail => b.add_fail(),
            State::Match { .. } => b.add_match(),
        }
        .map_err(|e| e.to_string())?;
        debug_assert_eq!(added, map(s));
    }
    b.finish_pattern(map(start)).map_err(|e| e.to_string())?;
    b.build(map(start), map(start)).map_err(|e| e.to_string())
}
