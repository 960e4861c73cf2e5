//! A small blocking connection pool: at most `max` connections, opened lazily, handed out
//! one per caller and returned when the guard drops.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Condvar, Mutex, MutexGuard};

use crate::error::Result;

type Factory<T> = Box<dyn Fn() -> Result<T> + Send + Sync>;

struct State<T> {
    idle: Vec<T>,
    open: usize,
}

/// A pool of connections of type `T`.
pub struct Pool<T> {
    state: Mutex<State<T>>,
    ready: Condvar,
    max: usize,
    factory: Factory<T>,
}

impl<T> fmt::Debug for Pool<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pool")
            .field("max", &self.max)
            .finish_non_exhaustive()
    }
}

impl<T> Pool<T> {
    pub fn new(max: usize, factory: impl Fn() -> Result<T> + Send + Sync + 'static) -> Self {
        Pool {
            state: Mutex::new(State {
                idle: Vec::new(),
                open: 0,
            }),
            ready: Condvar::new(),
            max: max.max(1),
            factory: Box::new(factory),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // No code panics while holding the lock, but a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A connection: an idle one, a new one while under `max`, else waits for one.
    pub fn get(&self) -> Result<Pooled<'_, T>> {
        let mut st = self.lock();
        loop {
            if let Some(c) = st.idle.pop() {
                return Ok(Pooled {
                    pool: self,
                    conn: Some(c),
                });
            }
            if st.open < self.max {
                st.open += 1;
                drop(st);
                return match (self.factory)() {
                    Ok(c) => Ok(Pooled {
                        pool: self,
                        conn: Some(c),
                    }),
                    Err(e) => {
                        self.lock().open -= 1;
                        self.ready.notify_one();
                        Err(e)
                    }
                };
            }
            st = self.ready.wait(st).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Takes every idle connection out of the pool.
    #[cfg(test)]
    pub fn drain(&self) -> Vec<T> {
        let mut st = self.lock();
        let v = std::mem::take(&mut st.idle);
        st.open -= v.len();
        v
    }

    fn put(&self, c: T) {
        self.lock().idle.push(c);
        self.ready.notify_one();
    }

    fn forget(&self) {
        self.lock().open -= 1;
        self.ready.notify_one();
    }
}

/// A connection on loan from a [`Pool`].
pub struct Pooled<'p, T> {
    pool: &'p Pool<T>,
    conn: Option<T>,
}

impl<T> Pooled<'_, T> {
    /// Drops the connection instead of returning it (after an error that may have left it
    /// in a bad state).
    pub fn discard(mut self) {
        self.conn = None;
        self.pool.forget();
    }
}

impl<T> fmt::Debug for Pooled<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pooled")
    }
}

impl<T> Deref for Pooled<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // `conn` is only None after `discard`, which consumes the guard.
        match &self.conn {
            Some(c) => c,
            None => unreachable!("pooled connection used after discard"),
        }
    }
}

impl<T> DerefMut for Pooled<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        match &mut self.conn {
            Some(c) => c,
            None => unreachable!("pooled connection used after discard"),
        }
    }
}

impl<T> Drop for Pooled<'_, T> {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            self.pool.put(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn opens_at_most_max_and_reuses() {
        let opened = Arc::new(AtomicUsize::new(0));
        let o = opened.clone();
        let pool = Arc::new(Pool::new(2, move || Ok(o.fetch_add(1, Ordering::SeqCst))));
        let (a, b) = (pool.get().unwrap(), pool.get().unwrap());
        assert_eq!((*a, *b, opened.load(Ordering::SeqCst)), (0, 1, 2));
        // A third caller waits for a connection to come back.
        let p = pool.clone();
        let waiter = std::thread::spawn(move || *p.get().unwrap());
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!waiter.is_finished());
        drop(a);
        assert_eq!(waiter.join().unwrap(), 0);
        drop(b);
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let p = pool.clone();
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        assert!(*p.get().unwrap() < 2);
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(opened.load(Ordering::SeqCst), 2);
        pool.get().unwrap().discard();
        assert_eq!(pool.drain().len(), 1);
        assert_eq!(
            *pool.get().unwrap(),
            2,
            "a discarded connection is replaced"
        );
    }
}
