//! A value made on first use, once, even when several threads ask at the same time.

use std::fmt;
use std::sync::{Mutex, OnceLock};

type Make<T> = Box<dyn FnOnce() -> T + Send>;

pub(crate) struct Deferred<T> {
    value: OnceLock<T>,
    make: Mutex<Option<Make<T>>>,
}

impl<T> Deferred<T> {
    #[cfg(feature = "compiler")]
    pub fn ready(value: T) -> Self {
        Deferred {
            value: OnceLock::from(value),
            make: Mutex::new(None),
        }
    }

    pub fn later(make: impl FnOnce() -> T + Send + 'static) -> Self {
        Deferred {
            value: OnceLock::new(),
            make: Mutex::new(Some(Box::new(make))),
        }
    }

    pub fn get(&self) -> &T {
        self.value.get_or_init(|| {
            let make = self
                .make
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .take()
                .expect("a deferred value is made once");
            make()
        })
    }
}

impl<T> Deferred<T> {
    pub fn is_ready(&self) -> bool {
        self.value.get().is_some()
    }

    #[cfg(feature = "compiler")]
    pub fn into_inner(self) -> T {
        let _ = self.get();
        self.value.into_inner().expect("made by get")
    }
}

impl<T: fmt::Debug> fmt::Debug for Deferred<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value.get() {
            Some(value) => value.fmt(f),
            None => f.write_str("(not made yet)"),
        }
    }
}
