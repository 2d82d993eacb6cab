//! A multi-pattern automaton: one Thompson NFA, searched by a lazy DFA (which pattern matches
//! at a position, and where the match ends); a bounded backtracker over the matching pattern
//! alone finds the captures of the (short) match. Both are built from the NFA alone, so a compiled rule pack carries
//! only the NFA (`nfa_code`) and a checker needs no regex parser or compiler: that keeps the
//! Wasm engine small.

use std::sync::{Mutex, OnceLock};

use regex_automata::hybrid::dfa::{self, DFA};
use regex_automata::nfa::thompson::NFA;
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, MatchKind, PatternID, Span};

use crate::nfa_code::single_pattern;

#[derive(Debug)]
pub(crate) struct Automaton {
    nfa: NFA,
    dfa: DFA,
    vm: PikeVM,
    /// Each pattern alone, for the captures of its matches (empty: captures not needed). Made
    /// on a pattern's first match: most patterns never match a given page, and loading stays fast.
    patterns: Vec<OnceLock<BoundedBacktracker>>,
    /// Search caches, reused across checks (the lazy DFA keeps the states it built).
    caches: Mutex<Vec<Caches>>,
}

#[derive(Debug)]
pub(crate) struct Caches {
    dfa: dfa::Cache,
    /// Only made when the lazy DFA gives up: for many patterns it is large (states x slots).
    vm: Option<pikevm::Cache>,
    /// Per pattern, made on its first match: the backtracker's cache and the captures.
    patterns: Vec<Option<(backtrack::Cache, Captures)>>,
}

impl Automaton {
    /// An automaton for `is_match` and `match_at`.
    pub fn new(nfa: NFA) -> Result<Automaton, String> {
        let dfa = DFA::builder()
            .configure(DFA::config().match_kind(MatchKind::LeftmostFirst))
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let vm = PikeVM::builder()
            .configure(PikeVM::config().match_kind(MatchKind::LeftmostFirst))
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        Ok(Automaton {
            nfa,
            dfa,
            vm,
            patterns: Vec::new(),
            caches: Mutex::new(Vec::new()),
        })
    }

    /// An automaton that also finds the captures of its matches.
    pub fn with_captures(nfa: NFA) -> Result<Automaton, String> {
        let patterns = nfa.patterns().map(|_| OnceLock::new()).collect();
        Ok(Automaton {
            patterns,
            ..Automaton::new(nfa)?
        })
    }

    pub fn nfa(&self) -> &NFA {
        &self.nfa
    }

    /// Search caches from the pool (or new ones); give them back with [`Automaton::put_caches`].
    pub fn take_caches(&self) -> Caches {
        let taken = self.caches.lock().ok().and_then(|mut pool| pool.pop());
        taken.unwrap_or_else(|| Caches {
            dfa: self.dfa.create_cache(),
            vm: None,
            patterns: (0..self.patterns.len()).map(|_| None).collect(),
        })
    }

    pub fn put_caches(&self, caches: Caches) {
        if let Ok(mut pool) = self.caches.lock() {
            pool.push(caches);
        }
    }

    /// Run `f` with search caches taken from the pool, then return them.
    pub fn with_caches<T>(&self, f: impl FnOnce(&mut Caches) -> T) -> T {
        let mut caches = self.take_caches();
        let result = f(&mut caches);
        self.put_caches(caches);
        result
    }

    /// The leftmost-first match starting exactly at `start`: its pattern and end.
    pub fn match_at(
        &self,
        caches: &mut Caches,
        hay: &[u8],
        start: usize,
    ) -> Option<(PatternID, usize)> {
        let input = Input::new(hay).range(start..).anchored(Anchored::Yes);
        match self.dfa.try_search_fwd(&mut caches.dfa, &input) {
            Ok(found) => found.map(|m| (m.pattern(), m.offset())),
            // The lazy DFA gives up only when its cache thrashes; the PikeVM never does.
            Err(_) => {
                let vm_cache = caches.vm.get_or_insert_with(|| self.vm.create_cache());
                let mut captures = self.vm.create_captures();
                self.vm.search(vm_cache, &input, &mut captures);
                captures.get_match().map(|m| (m.pattern(), m.end()))
            }
        }
    }

    /// The captures of pattern `pid` matching exactly `span` (needs [`Automaton::with_captures`]).
    pub fn captures<'c>(
        &self,
        caches: &'c mut Caches,
        hay: &[u8],
        span: Span,
        pid: PatternID,
    ) -> &'c Captures {
        let vm = self.patterns[pid.as_usize()].get_or_init(|| {
            // The NFA was checked when loaded; one of its patterns alone always builds.
            let nfa = single_pattern(&self.nfa, pid).expect("a pattern of a valid NFA");
            // The visited set grows with states x match length, up to this many bytes: ample for
            // the longest phrase of the largest pattern.
            BoundedBacktracker::builder()
                .configure(BoundedBacktracker::config().visited_capacity(4 << 20))
                .build_from_nfa(nfa)
                .expect("a backtracker builds from any NFA")
        });
        let (cache, captures) = caches.patterns[pid.as_usize()]
            .get_or_insert_with(|| (vm.create_cache(), vm.create_captures()));
        let input = Input::new(hay).span(span).anchored(Anchored::Yes);
        // Matches are phrases, far below the backtracker's length limit (if one were not, its
        // groups would be empty and the suggestions fall back to their defaults).
        if vm.try_search(cache, &input, captures).is_err() {
            captures.clear();
        }
        captures
    }

    /// Whether any pattern matches anywhere in `hay`.
    pub fn is_match(&self, hay: &[u8]) -> bool {
        self.with_caches(|caches| {
            let input = Input::new(hay).earliest(true);
            match self.dfa.try_search_fwd(&mut caches.dfa, &input) {
                Ok(found) => found.is_some(),
                Err(_) => {
                    let vm_cache = caches.vm.get_or_insert_with(|| self.vm.create_cache());
                    self.vm.is_match(vm_cache, input)
                }
            }
        })
    }
}
